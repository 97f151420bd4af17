import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, PersonId } from '../../../shared/domain/ids';
import { fakeApi, makeConversation, makeMessage, makePerson } from '../features/palette/fakeApi';
import { setApiForTests } from '../platform';
import { useStore } from './index';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => setApiForTests(undefined));

describe('peopleSlice', () => {
  it('turns only image pictures into data URLs, once per person', async () => {
    const api = fakeApi({
      'people:picture': ({ personId }) =>
        personId === 'u:a' ? { name: 'a.png', mimeType: 'image/png', size: 3, base64: 'iVBO' } : personId === 'u:b' ? { name: 'b.svg', mimeType: 'image/svg+xml', size: 3, base64: 'PHN2' } : null,
    });
    setApiForTests(api);
    await Promise.all(['u:a', 'u:b', 'u:c'].map((id) => useStore.getState().loadPicture(id as PersonId)));
    await useStore.getState().loadPicture('u:a' as PersonId);
    expect(useStore.getState().pictures).toEqual({ 'u:a': 'data:image/png;base64,iVBO', 'u:b': null, 'u:c': null });
    expect(api.callsTo('people:picture')).toHaveLength(3);
  });

  it('writes pictures that arrive together in one store write, and nothing while they load', async () => {
    setApiForTests(fakeApi({ 'people:picture': () => ({ name: 'a.png', mimeType: 'image/png', size: 3, base64: 'iVBO' }) }));
    const writes: string[][] = [];
    const off = useStore.subscribe((s, prev) => writes.push(Object.keys(s.pictures).filter((k) => s.pictures[k] !== prev.pictures[k])));
    const loads = ['u:a', 'u:b', 'u:c'].map((id) => useStore.getState().loadPicture(id as PersonId));
    // Asked again while it loads (a row drawn twice): the same read.
    const again = useStore.getState().loadPicture('u:a' as PersonId);
    expect(writes).toEqual([]);
    await Promise.all([...loads, again]);
    off();
    expect(writes).toEqual([['u:a', 'u:b', 'u:c']]);
    expect(Object.keys(useStore.getState().pictures).sort()).toEqual(['u:a', 'u:b', 'u:c']);
  });

  it('reads a Unipile person with their chats and messages, and pages on', async () => {
    const api = fakeApi({
      'people:get': ({ personId }) => ({ person: makePerson(String(personId), 'Bo Chen') }),
      'people:conversations': () => ({ conversations: [makeConversation('u:c1', 'Bo Chen')] }),
      'people:messages': ({ cursor }) =>
        cursor ? { messages: [makeMessage('u:m2', 'u:c1', 'older')], next: null } : { messages: [makeMessage('u:m1', 'u:c1', 'newer')], next: 'c2' },
    });
    setApiForTests(api);
    await useStore.getState().loadProfile('u:bo' as PersonId);
    expect(useStore.getState().profile?.value?.name).toBe('Bo Chen');
    expect(useStore.getState().personConversations?.value).toHaveLength(1);
    await useStore.getState().loadMorePersonMessages();
    expect(useStore.getState().personMessages?.value).toEqual({ messages: [expect.objectContaining({ id: 'u:m1' }), expect.objectContaining({ id: 'u:m2' })], next: null });
  });

  it('does not ask Genesys for one person’s messages (it has no such list)', async () => {
    const api = fakeApi({ 'people:get': ({ personId }) => ({ person: makePerson(String(personId), 'Ana') }), 'people:conversations': () => ({ conversations: [] }) });
    setApiForTests(api);
    await useStore.getState().loadProfile('g:ana' as PersonId);
    expect(api.callsTo('people:messages')).toHaveLength(0);
    expect(useStore.getState().personMessages).toBeNull();
  });

  it('removes a participant from the list at once and reports a refusal as is', async () => {
    const room = 'g:room:r@conference.x' as ConversationId;
    let people = [makePerson('g:a', 'Ana'), makePerson('g:b', 'Bo')];
    setApiForTests(
      fakeApi({
        'people:list': () => ({ people }),
        'people:remove': ({ personId }) => {
          if (personId === 'g:a') return { ok: false, error: { code: 'forbidden', message: 'Only owners can remove people.' } };
          people = people.filter((p) => p.id !== personId);
          return { ok: true as const };
        },
      }),
    );
    await useStore.getState().loadParticipants(room);
    expect((await useStore.getState().removeParticipant(room, 'g:a' as PersonId))?.message).toBe('Only owners can remove people.');
    expect(await useStore.getState().removeParticipant(room, 'g:b' as PersonId)).toBeNull();
    expect(useStore.getState().participants?.value?.map((p) => p.id)).toEqual(['g:a']);
  });

  it('adding someone to a conversation makes them a @-completion candidate at once', async () => {
    const C = 'g:room:r' as ConversationId;
    const members = [makePerson('g:ana', 'Ana')];
    const api = fakeApi({
      'people:list': () => ({ people: members }),
      'people:add': ({ userId }) => {
        members.push(makePerson(`g:${userId}`, 'Bo Chen'));
        return { ok: true as const };
      },
    });
    setApiForTests(api);
    const s = () => useStore.getState();
    await s().loadMembers(C);
    expect(s().members[C]!.map((p) => p.name)).toEqual(['Ana']);
    expect(await s().addParticipant(C, 'bo')).toBeNull();
    // A switch back within the freshness window reads nothing, and needs nothing: the list is current.
    await s().loadMembers(C, { maxAgeMs: 60_000 });
    expect(s().members[C]!.map((p) => p.name)).toEqual(['Ana', 'Bo Chen']);
  });
});
