import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationId } from '../../../shared/domain/ids';
import { setApiForTests } from '../platform';
import { conversation, fakeBackend, message, type FakeBackend } from '../testing/fakeBackend';
import { composerKey, DRAFT_DEBOUNCE_MS } from './composerSlice';
import { useStore } from './index';

const C = 'u:chat' as ConversationId;
const initial = useStore.getState();
let api: FakeBackend;

beforeEach(() => {
  api = fakeBackend({
    'drafts:get': () => ({ conversationId: C, text: 'saved draft', updatedAt: 1 }),
    'drafts:set': () => ({ ok: true }),
    'messages:send': () => ({ clientId: 'c1', messageId: 'u:pending' as never }),
    'messages:edit': () => ({ clientId: 'c2' }),
  });
  setApiForTests(api);
  useStore.setState(initial, true);
});
afterEach(() => {
  setApiForTests(undefined);
  vi.useRealTimers();
});

const st = () => useStore.getState().composers[C]!;

describe('composer slice', () => {
  it('loads the stored draft and saves typing after a pause (debounced)', async () => {
    vi.useFakeTimers();
    await useStore.getState().loadDraft(C);
    expect(st().text).toBe('saved draft');
    useStore.getState().setComposerText(C, 'h');
    useStore.getState().setComposerText(C, 'he');
    useStore.getState().setComposerText(C, 'hey');
    expect(api.callsTo('drafts:set')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(DRAFT_DEBOUNCE_MS + 10);
    expect(api.callsTo('drafts:set')).toEqual([{ conversationId: C, text: 'hey' }]);
  });

  it('flushes the draft at once on switch', async () => {
    useStore.getState().setComposerText(C, 'unsaved');
    await useStore.getState().flushDraft(C);
    expect(api.callsTo('drafts:set')).toEqual([{ conversationId: C, text: 'unsaved' }]);
    await useStore.getState().flushDraft(C);
    expect(api.callsTo('drafts:set')).toHaveLength(1);
  });

  it('sends text, quote and live mentions, then clears', async () => {
    const quoted = message(C);
    useStore.getState().setComposerText(C, 'hi @Grace Larsen');
    useStore.getState().addMention(C, { id: 'u:g' as never, name: 'Grace Larsen' });
    useStore.getState().addMention(C, { id: 'u:m' as never, name: 'Marco' });
    useStore.getState().startReply(C, quoted.id);
    expect(await useStore.getState().submitComposer(C)).toBeNull();
    const { clientId, ...sent } = api.callsTo('messages:send')[0] as { clientId: string };
    expect(sent).toEqual({ conversationId: C, text: 'hi @Grace Larsen', quoteId: quoted.id, mentions: ['u:g'] });
    expect(clientId).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(st().text).toBe('');
    expect(st().quoteId).toBeUndefined();
  });

  it('keeps the text and shows the error when sending fails', async () => {
    api.handlers['messages:send'] = () => ({ ok: false, error: { code: 'invalid_input', message: 'Files cannot be sent here.' } });
    useStore.getState().setComposerText(C, 'keep me');
    const err = await useStore.getState().submitComposer(C);
    expect(err?.message).toBe('Files cannot be sent here.');
    expect(st().text).toBe('keep me');
    expect(st().error?.message).toBe('Files cannot be sent here.');
  });

  it('sends again under the same client id when the answer was lost, so the backend keeps one message', async () => {
    vi.useFakeTimers();
    api.handlers['messages:send'] = () => ({ ok: false, error: { code: 'network', message: 'The connection to Switchboard was lost.' } });
    useStore.getState().setComposerText(C, 'did it go?');
    const err = await useStore.getState().submitComposer(C);
    expect(err?.message).toMatch(/will not be sent twice/);
    expect(st().text).toBe('did it go?');
    // The draft that was pending when Enter was pressed was not sent behind the message; the kept
    // text is saved again after the failure.
    await vi.advanceTimersByTimeAsync(DRAFT_DEBOUNCE_MS + 10);
    expect(api.callsTo('drafts:set')).toEqual([{ conversationId: C, text: 'did it go?' }]);
    api.handlers['messages:send'] = () => ({ clientId: 'c1', messageId: 'u:pending' as never });
    expect(await useStore.getState().submitComposer(C)).toBeNull();
    const [first, second] = api.callsTo('messages:send') as Array<{ clientId: string }>;
    expect(second!.clientId).toBe(first!.clientId);
    expect(st().text).toBe('');
    // A new message is a new id.
    useStore.getState().setComposerText(C, 'next one');
    await useStore.getState().submitComposer(C);
    expect((api.callsTo('messages:send')[2] as { clientId: string }).clientId).not.toBe(first!.clientId);
  });

  it('does not save the draft of a message being sent behind it', async () => {
    vi.useFakeTimers();
    useStore.getState().setComposerText(C, 'sent at once');
    // Enter before the draft's pause is over.
    expect(await useStore.getState().submitComposer(C)).toBeNull();
    await vi.advanceTimersByTimeAsync(DRAFT_DEBOUNCE_MS + 10);
    expect(api.callsTo('drafts:set')).toHaveLength(0);
  });

  it('a changed text after a lost answer is a new message', async () => {
    api.handlers['messages:send'] = () => ({ ok: false, error: { code: 'timeout', message: 'Switchboard did not answer messages:send in time.' } });
    useStore.getState().setComposerText(C, 'first try');
    await useStore.getState().submitComposer(C);
    useStore.getState().setComposerText(C, 'first try, reworded');
    await useStore.getState().submitComposer(C);
    const [a, b] = api.callsTo('messages:send') as Array<{ clientId: string }>;
    expect(b!.clientId).not.toBe(a!.clientId);
  });

  it('edits a message and gives back what was typed before on Esc or save', async () => {
    const own = message(C, { isOwn: true, text: 'typo' });
    useStore.getState().setComposerText(C, 'half-written');
    useStore.getState().startEdit(C, own);
    expect(st().text).toBe('typo');
    expect(useStore.getState().cancelComposerMode(C)).toBe(true);
    expect(st().text).toBe('half-written');
    useStore.getState().startEdit(C, own);
    useStore.getState().setComposerText(C, 'fixed');
    expect(await useStore.getState().submitComposer(C)).toBeNull();
    expect(api.callsTo('messages:edit')).toEqual([{ messageId: own.id, text: 'fixed' }]);
    expect(st().text).toBe('half-written');
    expect(st().editingId).toBeUndefined();
    // Nothing left to cancel: Esc goes on to close panels.
    expect(useStore.getState().cancelComposerMode(C)).toBe(false);
  });

  it('keeps a reply in progress aside while editing: Esc and the save give back its text and what it replied to', async () => {
    vi.useFakeTimers();
    const quoted = message(C);
    const own = message(C, { isOwn: true, text: 'typo' });
    useStore.getState().setComposerText(C, 'my draft');
    useStore.getState().startReply(C, quoted.id);
    useStore.getState().startEdit(C, own);
    expect(st()).toMatchObject({ text: 'typo', editingId: own.id, quoteId: undefined });
    // The stored draft is still the reply, not the edit.
    await vi.advanceTimersByTimeAsync(DRAFT_DEBOUNCE_MS + 10);
    expect(api.callsTo('drafts:set').at(-1)).toEqual({ conversationId: C, text: 'my draft', quoteId: quoted.id });
    expect(useStore.getState().cancelComposerMode(C)).toBe(true);
    expect(st()).toMatchObject({ text: 'my draft', quoteId: quoted.id, editingId: undefined });

    useStore.getState().startEdit(C, own);
    useStore.getState().setComposerText(C, 'fixed');
    expect(await useStore.getState().submitComposer(C)).toBeNull();
    expect(st()).toMatchObject({ text: 'my draft', quoteId: quoted.id, editingId: undefined });
    // Esc now leaves the reply, as before the edit.
    expect(useStore.getState().cancelComposerMode(C)).toBe(true);
    expect(st().quoteId).toBeUndefined();
  });

  it("does not start an edit past the network's time limit: it says why and leaves the composer as it was", () => {
    const MIN = 60_000;
    useStore.getState().upsertConversation(conversation(C, 'Grace Clarke', { network: 'linkedin', editWindowMs: 60 * MIN }));
    useStore.getState().setComposerText(C, 'half a thought');
    const old = message(C, { isOwn: true, text: 'days ago', time: Date.now() - 3 * 24 * 60 * MIN });
    expect(useStore.getState().startEdit(C, old)).toBe(false);
    expect(st().text).toBe('half a thought');
    expect(st().editingId).toBeUndefined();
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ kind: 'info', message: 'LinkedIn messages can be edited only within 1 hour of sending.' });
    // A recent one edits.
    const recent = message(C, { isOwn: true, text: 'just now', time: Date.now() - MIN });
    expect(useStore.getState().startEdit(C, recent)).toBe(true);
    expect(st()).toMatchObject({ text: 'just now', editingId: recent.id });
  });

  it('keeps the edit and its text when the backend refuses it (the window passed while typing)', async () => {
    const refusal = { code: 'invalid_input' as const, message: 'LinkedIn messages can be edited only within 1 hour of sending.' };
    api.handlers['messages:edit'] = () => ({ ok: false, error: refusal });
    const own = message(C, { isOwn: true, text: 'typo' });
    useStore.getState().setComposerText(C, 'before');
    useStore.getState().startEdit(C, own);
    useStore.getState().setComposerText(C, 'a long careful rewrite');
    expect(await useStore.getState().submitComposer(C)).toEqual(refusal);
    expect(st()).toMatchObject({ text: 'a long careful rewrite', editingId: own.id, sending: false, error: refusal });
    // Esc still gives back what was there before.
    useStore.getState().cancelComposerMode(C);
    expect(st().text).toBe('before');
  });

  it('sends the people picked with @ while editing as the edit’s mentions', async () => {
    const own = message(C, { isOwn: true, text: 'ship it' });
    useStore.getState().startEdit(C, own);
    useStore.getState().setComposerText(C, 'ship it cc @Ren Kim');
    useStore.getState().addMention(C, { id: 'g:ren' as never, name: 'Ren Kim' });
    expect(await useStore.getState().submitComposer(C)).toBeNull();
    expect(api.callsTo('messages:edit')).toEqual([{ messageId: own.id, text: 'ship it cc @Ren Kim', mentions: ['g:ren'] }]);
  });

  it('keys thread composers apart and never stores their drafts', async () => {
    const k = composerKey(C, 'u:root' as never);
    useStore.getState().setComposerText(k, 'in thread');
    await useStore.getState().flushDraft(k);
    expect(api.callsTo('drafts:set')).toHaveLength(0);
    expect(await useStore.getState().submitComposer(k)).toBeNull();
    expect(api.callsTo('messages:send')[0]).toMatchObject({ conversationId: C, threadRootId: 'u:root' });
  });
});
