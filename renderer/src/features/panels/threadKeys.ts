import type { MessageId } from '../../../../shared/domain/ids';
import type { MessageAction } from '../timeline/messageActions';

/**
 * The thread panel's message list answers the timeline's keys (`shortcuts.ts`, scope `timeline`):
 * moving between the thread's messages, and the message actions on the selected one.
 */

/** Shortcut ids of the timeline table that act on the selected message. */
export const THREAD_ACTION_KEYS: Readonly<Record<string, MessageAction>> = {
  reply: 'reply',
  edit: 'edit',
  thread: 'thread',
  pin: 'pin',
  react: 'react',
  delete: 'delete',
  forward: 'forward',
  copy: 'copy',
};

/**
 * Where a moving key goes from the selected message (`at`; null when none is): another message,
 * `'composer'` past the last one (where the reply is written, as the timeline hands over to its
 * composer), or null when the key does not move (or there is nothing to move to).
 */
export function threadMove(ids: readonly MessageId[], at: MessageId | null, shortcut: string): MessageId | 'composer' | null {
  if (ids.length === 0) return null;
  const i = at ? ids.indexOf(at) : -1;
  const last = ids.length - 1;
  switch (shortcut) {
    case 'selectPrevious':
      return ids[i < 0 ? last : Math.max(0, i - 1)]!;
    case 'selectNext':
      if (i === last) return 'composer';
      return ids[i < 0 ? 0 : i + 1]!;
    case 'selectFirst':
      return ids[0]!;
    case 'jumpToLatest':
      return ids[last]!;
    default:
      return null;
  }
}

/** The note when the thread's replies could not be fetched: one sentence, whatever punctuation the reason ends with. */
export function threadFetchError(reason: string | undefined): string {
  const why = (reason ?? '').trim().replace(/[.!\s]+$/, '');
  return why ? `Newer replies could not be loaded (${why}); showing the saved ones.` : 'Newer replies could not be loaded; showing the saved ones.';
}
