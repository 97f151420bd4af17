/**
 * The synthetic tokens of the search index's `scope` column (migration 0003):
 * a message's conversation and sender, each written as characters of a Unicode
 * private-use plane (conversations plane 15, people plane 16). A one-character
 * token costs one index entry: a token like "c1234" would also fill the 2- and
 * 3-character prefix indexes, which every token of the table feeds. Keys past
 * 65,533 take two characters. unicode61 keeps private-use characters as token
 * characters, and nobody types them, so they never meet a user's words.
 *
 * Must stay equal to the view's SQL, which writes the same characters.
 */
const PLANE = 65534;
const CONVERSATION_BASE = 0xf0000;
const PERSON_BASE = 0x100000;

function encode(base: number, n: number): string {
  if (n < PLANE) return String.fromCodePoint(base + n);
  return String.fromCodePoint(base + Math.floor(n / PLANE)) + String.fromCodePoint(base + (n % PLANE));
}

export const conversationToken = (cid: number) => encode(CONVERSATION_BASE, cid);
export const personToken = (pid: number) => encode(PERSON_BASE, pid);
