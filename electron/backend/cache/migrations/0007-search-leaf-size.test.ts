import { afterEach, describe, expect, it } from 'vitest';
import { leafSize } from './0007-search-leaf-size';
import { migratedTo } from './testSupport';

describe('0007 search-leaf-size', () => {
  let env: ReturnType<typeof migratedTo>;
  afterEach(() => env.done());

  const pgsz = () => env.db.prepare("SELECT v FROM message_search_config WHERE k = 'pgsz'").pluck().get();

  it('sizes the search index leaves to the page', () => {
    env = migratedTo(6);
    expect(pgsz()).toBeUndefined();
    env.done();
    env = migratedTo(7);
    const pageSize = env.db.pragma('page_size', { simple: true }) as number;
    expect(pgsz()).toBe(leafSize(pageSize));
  });

  it('writes leaves that need no overflow page', () => {
    env = migratedTo(7);
    const { db } = env;
    db.prepare("INSERT INTO conversations (cid, id, source) VALUES (1, 'g:room:r', 'genesys')").run();
    const insert = db.prepare("INSERT INTO messages (rid, id, idh, conv, time, text, flags, delivery, fp) VALUES (?, ?, ?, 1, ?, ?, 0, 'sent', 0)");
    const words = ['deploy', 'staging', 'review', 'merci', 'customer', 'notes', 'release', 'summit', 'thanks', 'team'];
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(i * 1024, `g:m${i}`, i, i, `${words[i % 10]} ${words[(i * 7) % 10]} word${i} ${i * 31}`);
    })();
    db.exec("INSERT INTO message_search (message_search) VALUES ('rebuild')");
    const pages = db.prepare("SELECT pagetype, count(*) AS n FROM dbstat WHERE name = 'message_search_data' GROUP BY pagetype").all() as Array<{ pagetype: string; n: number }>;
    expect(pages.find((p) => p.pagetype === 'leaf')?.n).toBeGreaterThan(1);
    expect(pages.find((p) => p.pagetype === 'overflow')).toBeUndefined();
    db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
  });
});
