import { describe, expect, it } from 'vitest';
import type { MessageId, PersonId } from '../../../../shared/domain/ids';
import { message, T0 } from '../../testing/fakeBackend';
import { buildRows, dayLabel, GROUP_GAP_MS, latestShown } from './rows';

const C = 'g:room:r1';

describe('buildRows', () => {
  it('puts a date separator before each day and groups one sender’s run', () => {
    const a = message(C, { time: T0 });
    const b = message(C, { time: T0 + 60_000 });
    const c = message(C, { time: T0 + 60_000 + GROUP_GAP_MS + 1 });
    const d = message(C, { time: T0 + 86_400_000, senderId: 'g:p2' as PersonId });
    const rows = buildRows([a, b, c, d], { now: T0 + 2 * 86_400_000 });
    expect(rows.map((r) => r.kind)).toEqual(['date', 'message', 'message', 'message', 'date', 'message']);
    const msgs = rows.filter((r) => r.kind === 'message');
    expect(msgs.map((r) => r.kind === 'message' && r.grouped)).toEqual([false, true, false, false]);
    expect(rows[4]!.kind === 'date' && rows[4]!.label).toBe('Yesterday');
  });

  it('does not group across senders, own vs others, events or quotes', () => {
    const a = message(C, { time: T0 });
    const b = message(C, { time: T0 + 1000, isOwn: true, senderId: 'g:me' as PersonId });
    const c = message(C, { time: T0 + 2000, isOwn: true, senderId: 'g:me' as PersonId, quote: { text: 'x' } });
    const d = message(C, { time: T0 + 3000, isEvent: true });
    const rows = buildRows([a, b, c, d]).filter((r) => r.kind === 'message');
    expect(rows.map((r) => r.kind === 'message' && r.grouped)).toEqual([false, false, false, false]);
  });

  it('folds thread replies into their root with a count and the last reply time', () => {
    const root = message(C, { time: T0 });
    const r1 = message(C, { time: T0 + 1000, threadRootId: root.id });
    const r2 = message(C, { time: T0 + 5000, threadRootId: root.id });
    const after = message(C, { time: T0 + 6000 });
    const rows = buildRows([root, r1, r2, after]).filter((r) => r.kind === 'message');
    expect(rows.map((r) => r.key)).toEqual([root.id, after.id]);
    const first = rows[0]!;
    expect(first.kind === 'message' && first.replies).toBe(2);
    expect(first.kind === 'message' && first.lastReplyAt).toBe(T0 + 5000);
    // The message after a thread root starts its own group.
    expect(rows[1]!.kind === 'message' && rows[1]!.grouped).toBe(false);
  });

  it('shows replies whose root is not loadable inline, and uses the server count when larger', () => {
    const orphan = message(C, { threadRootId: 'g:gone' as MessageId });
    const root = message(C, { threadReplyCount: 7 });
    expect(buildRows([orphan]).some((r) => r.key === orphan.id)).toBe(false);
    expect(buildRows([orphan], { orphanRepliesInline: true }).some((r) => r.key === orphan.id)).toBe(true);
    const row = buildRows([root]).find((r) => r.key === root.id)!;
    expect(row.kind === 'message' && row.replies).toBe(7);
  });

  it('labels today and older days', () => {
    expect(dayLabel(T0, T0 + 1000)).toBe('Today');
    expect(dayLabel(T0 - 40 * 86_400_000, T0)).not.toMatch(/Today|Yesterday/);
  });
});

describe('latestShown', () => {
  it('is the newest message the timeline shows, not a newer thread reply it folds away', () => {
    const root = message(C, { time: T0 });
    const shown = message(C, { time: T0 + 1000 });
    const reply = message(C, { time: T0 + 2000, threadRootId: root.id });
    expect(latestShown([root, shown, reply])).toBe(shown.id);
    // A reply whose root is not loaded while older history remains is hidden too; with none left, shown.
    const orphan = message(C, { time: T0 + 3000, threadRootId: 'g:old-root' as MessageId });
    expect(latestShown([shown, orphan], { orphanRepliesInline: false })).toBe(shown.id);
    expect(latestShown([shown, orphan], { orphanRepliesInline: true })).toBe(orphan.id);
    expect(latestShown([])).toBeNull();
  });
});
