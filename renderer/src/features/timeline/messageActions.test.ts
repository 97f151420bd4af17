import { describe, expect, it } from 'vitest';
import type { MessageId } from '../../../../shared/domain/ids';
import { conversation, message } from '../../testing/fakeBackend';
import { availability } from './messageActions';

const G = 'g:room:r1';
const S = 'u:chat:slack1';

describe('availability in the thread panel', () => {
  it('offers no "reply in thread" on a thread’s own messages, and says why', () => {
    const root = message(G);
    const reply = message(G, { threadRootId: root.id, isOwn: true });
    const conv = conversation(G, 'Room');
    // In the timeline a reply opens its thread…
    expect(availability(conv, reply, false).thread.ok).toBe(true);
    // …in the thread it is already open.
    for (const m of [root, reply]) {
      const a = availability(conv, m, false, { thread: root.id });
      expect(a.thread).toEqual({ ok: false, reason: 'You are in this thread: write your reply below.' });
    }
  });

  it('keeps the other actions as in the timeline', () => {
    const rootId = 'g:root' as MessageId;
    const mine = message(G, { threadRootId: rootId, isOwn: true });
    const conv = conversation(G, 'Room');
    const inThread = availability(conv, mine, false, { thread: rootId });
    const inTimeline = availability(conv, mine, false);
    for (const k of ['react', 'edit', 'delete', 'pin', 'copy', 'forward'] as const) expect(inThread[k]).toEqual(inTimeline[k]);
  });

  it('explains Genesys quoted replies in the thread’s terms', () => {
    const m = message(G, { threadRootId: 'g:root' as MessageId });
    expect(availability(conversation(G, 'Room'), m, false, { thread: 'g:root' as MessageId }).reply.reason).toBe('Genesys has no quoted replies: write your reply below.');
    expect(availability(conversation(G, 'Room'), m, false).reply.reason).toBe('Genesys has no quoted replies: reply in a thread.');
  });

  it('lets a Slack thread reply be quoted (into the thread’s composer)', () => {
    const m = message(S, { threadRootId: 'u:root' as MessageId });
    expect(availability(conversation(S, 'eng', { source: 'unipile', network: 'slack' }), m, false, { thread: 'u:root' as MessageId }).reply.ok).toBe(true);
  });
});

describe('availability outside the room', () => {
  it('refuses what writes to a room the user is not a member of, saying to join it', () => {
    const conv = conversation(G, 'Room');
    const mine = message(G, { isOwn: true });
    const a = availability(conv, mine, false, { notMember: true });
    expect(a.react).toEqual({ ok: false, reason: 'Join the room to react.' });
    expect(a.reply).toEqual({ ok: false, reason: 'Join the room to reply.' });
    expect(a.pin).toEqual({ ok: false, reason: 'Join the room to pin messages.' });
    expect(a.edit).toEqual({ ok: false, reason: 'Join the room to edit your messages.' });
    expect(a.delete).toEqual({ ok: false, reason: 'Join the room to delete messages.' });
    expect(availability(conv, mine, true, { notMember: true }).pin.reason).toBe('Join the room to unpin messages.');
    // Reading stays: copying the text, opening its thread.
    expect(a.copy.ok).toBe(true);
    expect(a.thread.ok).toBe(true);
    // A member can do all of it.
    const member = availability(conv, mine, false, { notMember: false });
    for (const k of ['react', 'pin', 'edit', 'delete'] as const) expect(member[k].ok).toBe(true);
  });
});

describe("availability and the networks' time limits", () => {
  const LI = 'u:chat:li1';
  const MIN = 60_000;
  const linkedin = conversation(LI, 'Grace Clarke', { source: 'unipile', network: 'linkedin', editWindowMs: 60 * MIN, deleteWindowMs: 60 * MIN });

  it('refuses edit and delete past the window, in plain words, and offers them within it', () => {
    const mine = message(LI, { isOwn: true });
    const late = availability(linkedin, mine, false, { now: mine.time + 61 * MIN });
    expect(late.edit).toEqual({ ok: false, reason: 'LinkedIn messages can be edited only within 1 hour of sending.' });
    expect(late.delete).toEqual({ ok: false, reason: 'LinkedIn messages can be deleted only within 1 hour of sending.' });
    const early = availability(linkedin, mine, false, { now: mine.time + 59 * MIN });
    expect([early.edit.ok, early.delete.ok]).toEqual([true, true]);
  });

  it('counts in the window’s own unit, singular or plural', () => {
    const WA = 'u:chat:wa1';
    const whatsapp = conversation(WA, 'Laufgruppe', { editWindowMs: 15 * MIN, deleteWindowMs: 48 * 60 * MIN });
    const mine = message(WA, { isOwn: true });
    const a = availability(whatsapp, mine, false, { now: mine.time + 3 * 24 * 60 * MIN });
    expect(a.edit.reason).toBe('WhatsApp messages can be edited only within 15 minutes of sending.');
    expect(a.delete.reason).toBe('WhatsApp messages can be deleted only within 48 hours of sending.');
    // Deleting stays possible after editing has closed.
    expect(availability(whatsapp, mine, false, { now: mine.time + 20 * MIN }).delete.ok).toBe(true);
  });

  it('sets no limit where the network has none, nor on a message not sent yet', () => {
    const slack = conversation(S, 'eng', { source: 'unipile', network: 'slack' });
    const old = message(S, { isOwn: true });
    expect(availability(slack, old, false, { now: old.time + 365 * 24 * 60 * MIN }).edit.ok).toBe(true);
    const failed = message(LI, { isOwn: true, delivery: 'failed' });
    const a = availability(linkedin, failed, false, { now: failed.time + 24 * 60 * MIN });
    expect([a.edit.ok, a.delete.ok]).toEqual([true, true]);
  });
});

describe('availability of threads', () => {
  it('says a network has no threads where it never has them, and why they are off in a read-only Slack chat', () => {
    const wa = conversation('u:chat:wa2', 'Family', { disabled: ['threads', 'pins'] });
    expect(availability(wa, message(wa.id), false).thread).toEqual({ ok: false, reason: 'WhatsApp has no threads.' });
    const announcements = conversation('u:chat:sl2', 'announcements', { network: 'slack', readOnly: true, disabled: ['reply', 'edit', 'delete', 'threads', 'attachments', 'pins'] });
    expect(availability(announcements, message(announcements.id), false).thread).toEqual({ ok: false, reason: 'This conversation is read-only.' });
  });
});
