import { hashUnit } from '../core/rng';

/** The seeded org's chat sub-domain: user JIDs live at `<24hex>@demo-org.orgspan.com`. */
export const ORG_SUBDOMAIN = 'demo-org';
export const USER_JID_DOMAIN = `${ORG_SUBDOMAIN}.orgspan.com`;
export const ROOM_JID_DOMAIN = `conference.${ORG_SUBDOMAIN}.orgspan.com`;

/**
 * The caller ("me") is the same user in every seed and scale, so client tests and
 * the demo can name it without asking the emulator first.
 */
export const ME_USER_ID = '6f1c2b0e-3a5d-4c7e-9b18-2d4f6a8c0e13';
export const ME_JID = `5e4d3c2b1a09f8e7d6c5b4a3@${USER_JID_DOMAIN}`;
export const ME_NAME = 'Sam Rivera';

/** Salts keep the per-purpose hash streams of one seed independent of each other. */
export const SALT = {
  personId: 0x1a2b3c01,
  personJid: 0x1a2b3c02,
  roomJid: 0x1a2b3c03,
  messageId: 0x1a2b3c04,
  messageMask: 0x1a2b3c05,
  context: 0x1a2b3c06,
  author: 0x2b3c4d01,
  text: 0x2b3c4d02,
  textLang: 0x2b3c4d03,
  textShape: 0x2b3c4d04,
  mention: 0x2b3c4d05,
  reaction: 0x2b3c4d06,
  edit: 0x2b3c4d07,
  reply: 0x2b3c4d08,
  pin: 0x2b3c4d09,
} as const;

export function hash32(seed: number, n: number): number {
  // hashUnit divides a uint32 by 2^32, so multiplying back is exact.
  return hashUnit(seed, n) * 4294967296;
}

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(8, '0').slice(8 - digits);
}

/** A v4-shaped UUID that is a pure function of (seed, salt, n). */
export function uuidFor(seed: number, salt: number, n: number): string {
  const s = seed ^ salt;
  const a = hash32(s, n * 4);
  const b = hash32(s, n * 4 + 1);
  const c = hash32(s, n * 4 + 2);
  const d = hash32(s, n * 4 + 3);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${(8 | (c >>> 30)).toString(16)}${hex(c, 3)}-${hex(d >>> 16, 4)}${hex((d ^ a) >>> 0, 8)}`;
}

/** The 24-hex local part Genesys uses for user and room JIDs. */
export function jidLocalFor(seed: number, salt: number, n: number): string {
  const s = seed ^ salt;
  return hex(hash32(s, n * 3), 8) + hex(hash32(s, n * 3 + 1), 8) + hex(hash32(s, n * 3 + 2), 8);
}

export function userRef(id: string): { id: string; selfUri: string } {
  return { id, selfUri: `/api/v2/users/${id}` };
}

export function messageRef(id: string): { id: string; selfUri: string } {
  return { id, selfUri: `/api/v2/chats/messages/${id}` };
}

/** Odd multipliers make the 32-bit mix below a bijection; their inverses undo it. */
const MIX_A = 0x7feb352d;
const MIX_B = 0x846ca68b;

function inverseOdd(a: number): number {
  let inv = a;
  // Newton's iteration doubles the correct low bits each round: 5 rounds cover 32 bits.
  for (let k = 0; k < 5; k++) inv = Math.imul(inv, 2 - Math.imul(a, inv));
  return inv >>> 0;
}
const MIX_A_INV = inverseOdd(MIX_A);
const MIX_B_INV = inverseOdd(MIX_B);

/**
 * Message ids carry their global index, scrambled, in the last 8 hex digits, so a
 * seeded message never needs to be stored to be found by id; the other digits are
 * a hash of the index, which lets `decode` reject ids that were never issued.
 */
export class MessageIds {
  private readonly mask: number;
  private readonly seed: number;
  private static readonly SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  constructor(seed: number) {
    this.seed = seed ^ SALT.messageId;
    this.mask = hash32(seed ^ SALT.messageMask, 0);
  }

  private scramble(n: number): number {
    let x = Math.imul((n ^ this.mask) >>> 0, MIX_A) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    x = Math.imul(x, MIX_B) >>> 0;
    return (x ^ (x >>> 16)) >>> 0;
  }

  private unscramble(x: number): number {
    let n = (x ^ (x >>> 16)) >>> 0;
    n = Math.imul(n, MIX_B_INV) >>> 0;
    n = (n ^ (n >>> 16)) >>> 0;
    n = Math.imul(n, MIX_A_INV) >>> 0;
    return (n ^ this.mask) >>> 0;
  }

  encode(n: number): string {
    const a = hash32(this.seed, n * 3);
    const b = hash32(this.seed, n * 3 + 1);
    const c = hash32(this.seed, n * 3 + 2);
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${(8 | (c >>> 30)).toString(16)}${hex(c, 3)}-${hex(c >>> 16, 4)}${hex(this.scramble(n), 8)}`;
  }

  decode(id: string): number | undefined {
    const lower = id.trim().toLowerCase();
    if (!MessageIds.SHAPE.test(lower)) return undefined;
    const n = this.unscramble(Number.parseInt(lower.slice(-8), 16));
    return this.encode(n) === lower ? n : undefined;
  }
}

/** Path parameters may arrive raw or URL-escaped (`%40` for `@`). */
export function normalizeJid(raw: string): string {
  let value = raw.trim();
  if (value.includes('%')) {
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not valid percent-encoding: keep the raw text; it simply will not match a JID.
    }
  }
  return value.toLowerCase();
}
