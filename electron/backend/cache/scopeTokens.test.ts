import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from './db';
import { conversationToken, personToken } from './scopeTokens';
import { tempCache } from './testSupport';

let t: ReturnType<typeof tempCache>;
afterEach(() => t.cleanup());

describe('scope tokens', () => {
  it('are written by the search view exactly as the query side spells them, small keys and large', () => {
    t = tempCache();
    const db = openDb({ path: t.path, key: t.key });
    try {
      const cases = [
        [1, null],
        [7, 3],
        [65533, 65533],
        [65534, 65534],
        [200_001, 1_000_000],
      ] as const;
      cases.forEach(([cid, pid], i) => {
        db.prepare("INSERT INTO conversations (cid, id, source) VALUES (?, ?, 'unipile')").run(cid, `u:c${cid}`);
        if (pid !== null) db.prepare("INSERT OR IGNORE INTO people (pid, id, source) VALUES (?, ?, 'unipile')").run(pid, `u:p${pid}`);
        db.prepare("INSERT INTO messages (rid, id, idh, conv, time, sender, text, flags, delivery, fp) VALUES (?, ?, ?, ?, 0, ?, 'x', 0, 'sent', 0)").run(i + 1, `u:m${i}`, i, cid, pid);
        const scope = db.prepare('SELECT scope FROM message_search_source WHERE rid = ?').pluck().get(i + 1);
        expect(scope, `cid ${cid} pid ${pid}`).toBe(conversationToken(cid) + (pid === null ? '' : ` ${personToken(pid)}`));
      });
      // Distinct keys never share a token, across both kinds.
      const tokens = [1, 2, 65533, 65534, 65535, 131068].flatMap((n) => [conversationToken(n), personToken(n)]);
      expect(new Set(tokens).size).toBe(tokens.length);
    } finally {
      db.close();
    }
  });
});
