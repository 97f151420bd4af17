import { foldText } from '../../../../shared/domain/textFold';

/**
 * @-completion: where the mention being typed starts and what has been typed of it, and
 * the candidates that match.
 */
export interface MentionQuery {
  /** Index of the '@'. */
  start: number;
  query: string;
}

/** The mention under the caret: '@' at a word start, at most two words typed, no newline. */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && /[\p{L}\p{N}_.]/u.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s\S*\s/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

export interface Candidate {
  id: string;
  name: string;
}

/**
 * Names starting with the query first, then any word starting with it, then containing it. Compared
 * folded, as the inbox filter does: "@lucia" finds Lucía, "@o'b" finds O’Brien.
 */
export function matchCandidates(all: readonly Candidate[], query: string, limit = 8): Candidate[] {
  const q = foldText(query.trim());
  if (!q) return all.slice(0, limit);
  const scored: Array<[number, Candidate]> = [];
  for (const c of all) {
    const n = foldText(c.name);
    const score = n.startsWith(q) ? 0 : n.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : n.includes(q) ? 2 : -1;
    if (score >= 0) scored.push([score, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name));
  return scored.slice(0, limit).map(([, c]) => c);
}

/** The text with the mention replaced by `@Name ` and where the caret goes after it. */
export function insertMention(text: string, q: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const insert = `@${name} `;
  const after = text.slice(caret).replace(/^\S*/, '');
  const next = text.slice(0, q.start) + insert + after.replace(/^ /, '');
  return { text: next, caret: q.start + insert.length };
}
