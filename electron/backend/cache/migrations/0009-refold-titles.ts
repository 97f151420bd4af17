import { foldText } from '../../../../shared/domain/textFold';
import type { Migration } from './index';

/**
 * Conversation titles folded again for the inbox's type-to-filter.
 *
 * `title_folded` (0001) is the title as the filter compares it, written when a conversation is
 * stored. The fold now also drops apostrophes (' ’ ‘ ʼ ′ ` …) and makes look-alike punctuation plain
 * (“ ” as ", the dashes as -; shared/domain/textFold.ts), so "o'brien" and "obrien" find "O’Brien"; titles stored before were folded
 * without it and would not be found until their conversation was stored again. Conversations are
 * thousands at most: each is read and, where its fold changed, written once.
 *
 * It folds with the fold of the day; a later change to the fold adds its own migration like this one.
 */
export const migration: Migration = {
  version: 9,
  name: 'refold-titles',
  up(db) {
    const rows = db.prepare('SELECT cid, title, title_folded FROM conversations').all() as Array<{ cid: number; title: string; title_folded: string }>;
    const update = db.prepare('UPDATE conversations SET title_folded = ? WHERE cid = ?');
    for (const r of rows) {
      const folded = foldText(r.title);
      if (folded !== r.title_folded) update.run(folded, r.cid);
    }
  },
};
