import { describe, expect, it } from 'vitest';
import { conversationId, messageId, messageSchema as domainMessageSchema, personId } from '../../../../shared/domain/index';
import { PinkfishError } from '../../pinkfish/errors';
import {
  conversationOf,
  isRoomJid,
  mapMentions,
  mapMessage,
  mapMySettings,
  mapOneOnOne,
  mapOrgSettings,
  mapParticipants,
  mapReactions,
  mapRoom,
  mapUserSettings,
  normalizeJid,
  personFromParticipant,
  threadRootOf,
  type MessageContext,
} from './mappers';
import { messageSchema, roomSchema, type GenesysMessage } from './schemas';

/**
 * The tolerated variants of the Genesys models (genesys-chat-api.md §8, §12) as
 * pure mapping cases: shapes the emulator does not produce but a real Genesys might.
 */

const ME = '9ed7d9f6-0c59-4360-ac54-40dd35eb9c2f';
const ANA = '3c57c76a-3e96-424a-a6c1-1706b64bf9dc';
const ME_JID = '5f3883f8130b94165bf37a3c@acme.orgspan.com';
const ANA_JID = '5e1a2b3c4d5e6f7a8b9c0d1e@acme.orgspan.com';
const ROOM = '6650a1b2c3d4e5f601234567@conference.acme.orgspan.com';
const directory: Record<string, string> = { [ME_JID]: ME, [ANA_JID]: ANA };
const ctx: MessageContext = { meUserId: ME, meJid: ME_JID, userIdForJid: (jid) => directory[jid] };

const msg = (over: Record<string, unknown> = {}): GenesysMessage =>
  messageSchema.parse({ id: 'm-1', dateCreated: '2025-06-02T14:03:11.512Z', toJid: ROOM, jid: ANA_JID, body: 'hello', thread: { id: 'm-1' }, user: { id: ANA }, ...over });

describe('messages', () => {
  it('maps the documented example fully and validly', () => {
    const m = mapMessage(
      msg({
        dateModified: '2025-06-02T14:05:40.004Z',
        edited: true,
        mentions: { [ME]: ME_JID },
        reactions: [{ emoji: '👍', users: [{ id: ME, selfUri: `/api/v2/users/${ME}` }, { id: ANA }] }],
      }),
      ctx,
    );
    expect(domainMessageSchema.safeParse(m).success).toBe(true);
    expect(m).toEqual({
      id: messageId.genesys('m-1'),
      conversationId: conversationId.genesysRoom(ROOM),
      source: 'genesys',
      senderId: personId.genesys(ANA),
      isOwn: false,
      text: 'hello',
      time: Date.parse('2025-06-02T14:03:11.512Z'),
      edited: true,
      editedAt: Date.parse('2025-06-02T14:05:40.004Z'),
      deleted: false,
      reactions: [{ emoji: '👍', count: 2, mine: true, personIds: [personId.genesys(ME), personId.genesys(ANA)] }],
      attachments: [],
      mentions: [personId.genesys(ME)],
      delivery: 'sent',
    });
  });

  it('dateModified without edited is not an edit (it may move for reactions)', () => {
    const m = mapMessage(msg({ dateModified: '2025-06-02T15:00:00.000Z' }), ctx);
    expect(m).toMatchObject({ edited: false, editedAt: null });
  });

  it('threads: a root points at itself, replies carry parentThread and/or thread, either may be missing', () => {
    expect(threadRootOf(msg({ thread: { id: 'm-1' } }))).toBeUndefined();
    expect(threadRootOf(msg({ thread: undefined }))).toBeUndefined();
    expect(threadRootOf(msg({ thread: { id: 'root' }, parentThread: { id: 'root' } }))).toBe('root');
    expect(threadRootOf(msg({ thread: undefined, parentThread: { id: 'root' } }))).toBe('root');
    expect(threadRootOf(msg({ thread: { id: 'root' } }))).toBe('root');
    expect(threadRootOf(msg({ thread: {} }))).toBeUndefined();
    expect(mapMessage(msg({ thread: null, parentThread: { id: 'root' } }), ctx).threadRootId).toBe(messageId.genesys('root'));
  });

  it('mentions: a map keyed by user id, a map keyed by JID, the request array and the event objects', () => {
    expect(mapMentions({ [ANA]: ANA_JID })).toEqual([personId.genesys(ANA)]);
    expect(mapMentions({ [ANA_JID]: ANA })).toEqual([personId.genesys(ANA)]);
    expect(mapMentions({ [ANA_JID]: 'Ana Lima' }, ctx)).toEqual([personId.genesys(ANA)]);
    expect(mapMentions({ [ANA_JID]: 'Ana Lima' })).toEqual([]);
    expect(mapMentions([ANA, ME, ANA])).toEqual([personId.genesys(ANA), personId.genesys(ME)]);
    expect(mapMentions([{ entityId: ANA, entityJid: ANA_JID }, { entityJid: ME_JID }], ctx)).toEqual([personId.genesys(ANA), personId.genesys(ME)]);
    expect(mapMentions(undefined)).toEqual([]);
  });

  it('reactions: the spec array, the event map, bare ids, trimmed counts; duplicates merged', () => {
    const self = { meUserId: ME };
    expect(mapReactions({ '🎉': [ME, ANA] }, self)).toEqual([{ emoji: '🎉', count: 2, mine: true, personIds: [personId.genesys(ME), personId.genesys(ANA)] }]);
    expect(
      mapReactions(
        [
          { emoji: '👍', users: [ANA] },
          { emoji: '👍', users: [{ id: ANA }, { id: ME }] },
          { emoji: '🔥', count: 3 },
          { emoji: '😶', users: [] },
        ],
        self,
      ),
    ).toEqual([
      { emoji: '👍', count: 2, mine: true, personIds: [personId.genesys(ANA), personId.genesys(ME)] },
      { emoji: '🔥', count: 3, mine: false, personIds: [] },
    ]);
    expect(mapReactions([{ emoji: '👍', users: [{ id: ME }] }], { meUserId: null })[0]!.mine).toBe(false);
  });

  it('ids in %40 form and upper case map to the same conversation', () => {
    const escaped = ROOM.replace('@', '%40').toUpperCase();
    expect(normalizeJid(escaped)).toBe(ROOM);
    expect(isRoomJid(escaped)).toBe(true);
    expect(isRoomJid(ANA_JID)).toBe(false);
    expect(mapMessage(msg({ toJid: escaped }), ctx).conversationId).toBe(conversationId.genesysRoom(ROOM));
    expect(normalizeJid('100%zz@x')).toBe('100%zz@x');
  });

  it('1:1 messages belong to the other side, whoever sent them; own messages are known by id or JID', () => {
    const mine = msg({ toJid: ANA_JID, jid: ME_JID, user: { id: ME }, toUser: { id: ANA } });
    const theirs = msg({ toJid: ME_JID, jid: ANA_JID, user: { id: ANA }, toUser: { id: ME } });
    expect(mapMessage(mine, ctx)).toMatchObject({ conversationId: conversationId.genesysDm(ANA), isOwn: true });
    expect(mapMessage(theirs, ctx)).toMatchObject({ conversationId: conversationId.genesysDm(ANA), isOwn: false });
    // No user refs at all: JIDs and the directory are enough.
    const bare = msg({ toJid: ANA_JID, jid: ME_JID, user: undefined });
    expect(mapMessage(bare, ctx)).toMatchObject({ conversationId: conversationId.genesysDm(ANA), isOwn: true, senderId: personId.genesys(ME) });
    // Without a directory a JID-only sender is unknown but still recognised as me by JID.
    expect(mapMessage(msg({ user: undefined, jid: ME_JID.toUpperCase() }), { meUserId: ME, meJid: ME_JID })).toMatchObject({ senderId: null, isOwn: true });
  });

  it('a 1:1 message cannot be placed without knowing who I am, unless the caller says where it came from', () => {
    const theirs = msg({ toJid: ME_JID, jid: ANA_JID, user: { id: ANA }, toUser: { id: ME } });
    expect(() => conversationOf(theirs, { meUserId: null })).toThrow(PinkfishError);
    expect(mapMessage(theirs, { meUserId: null, conversationId: conversationId.genesysDm(ANA) })).toMatchObject({ conversationId: conversationId.genesysDm(ANA), isOwn: false });
  });

  it('attachments from fileUri, and a deleted attachment shown as unavailable', () => {
    expect(mapMessage(msg({ fileUri: 'https://files.example/a/b/Q3%20plan.pdf?sig=1' }), ctx).attachments).toEqual([{ id: 'https://files.example/a/b/Q3%20plan.pdf?sig=1', kind: 'file', name: 'Q3 plan.pdf' }]);
    expect(mapMessage(msg({ fileUri: 'https://files.example/x.PNG', attachmentDeleted: true }), ctx).attachments).toEqual([{ id: 'https://files.example/x.PNG', kind: 'image', name: 'x.PNG', unavailable: true }]);
    expect(mapMessage(msg({ attachmentDeleted: true }), ctx).attachments).toEqual([{ id: 'm-1:file', kind: 'file', unavailable: true }]);
  });

  it('epoch-millisecond dates and a missing body are tolerated', () => {
    const m = mapMessage(msg({ dateCreated: 1_748_873_000_000, body: undefined }), ctx);
    expect(m).toMatchObject({ time: 1_748_873_000_000, text: null });
  });
});

describe('conversations', () => {
  it('room title falls back subject → name → JID; group rooms use jid, not their UUID id', () => {
    expect(mapRoom(roomSchema.parse({ jid: ROOM, subject: 'Subj', name: 'Name' })).conversation.title).toBe('Subj');
    expect(mapRoom(roomSchema.parse({ jid: ROOM, subject: '  ', name: 'Name' })).conversation.title).toBe('Name');
    expect(mapRoom(roomSchema.parse({ id: ROOM })).conversation).toMatchObject({ id: conversationId.genesysRoom(ROOM), title: ROOM });
    const group = mapRoom(roomSchema.parse({ id: 'a1b2c3d4-0000-4000-8000-000000000000', jid: ROOM, roomType: 'group' }));
    expect(group.conversation.id).toBe(conversationId.genesysRoom(ROOM));
    expect(mapRoom(roomSchema.parse({ id: 'a1b2c3d4-0000-4000-8000-000000000000' }), ROOM).conversation.id).toBe(conversationId.genesysRoom(ROOM));
    expect(() => mapRoom(roomSchema.parse({ subject: 'no jid' }))).toThrow(PinkfishError);
  });

  it('room pins and owners become domain refs, duplicates dropped', () => {
    const room = mapRoom(roomSchema.parse({ jid: ROOM, pinnedMessages: [{ id: 'p1' }, { id: 'p1' }, { selfUri: 'x' }], owners: [{ id: ME }] }));
    expect(room.pins).toEqual([{ conversationId: conversationId.genesysRoom(ROOM), messageId: messageId.genesys('p1') }]);
    expect(room.ownerIds).toEqual([personId.genesys(ME)]);
  });

  it('a 1:1 with no pins field still maps', () => {
    expect(mapOneOnOne({}, ANA)).toMatchObject({ conversation: { id: conversationId.genesysDm(ANA), kind: 'dm', title: ANA }, pins: [] });
  });

  it('participants with only a JID resolve through the directory or stay personless', () => {
    const refs = mapParticipants({ participants: [{ jid: ME_JID }, { jid: 'zz@acme.orgspan.com' }, { user: { id: ANA } }, { user: { id: ANA } }] }, ctx, ctx);
    expect(refs).toEqual([
      { personId: personId.genesys(ME), userId: ME, jid: ME_JID, isSelf: true },
      { personId: null, jid: 'zz@acme.orgspan.com', isSelf: false },
      { personId: personId.genesys(ANA), userId: ANA, isSelf: false },
    ]);
  });
});

describe('people', () => {
  it('a participant becomes a Person named from the directory, or by JID until a name is known', () => {
    expect(personFromParticipant({ personId: personId.genesys(ANA), userId: ANA, jid: ANA_JID, isSelf: false }, 'Ana Lima')).toEqual({
      id: personId.genesys(ANA),
      source: 'genesys',
      name: 'Ana Lima',
      isSelf: false,
      handle: ANA_JID,
    });
    expect(personFromParticipant({ personId: personId.genesys(ME), userId: ME, jid: ME_JID, isSelf: true })).toMatchObject({ name: ME_JID, isSelf: true });
    expect(personFromParticipant({ personId: null, jid: 'zz@acme.orgspan.com', isSelf: false })).toBeNull();
  });
});

describe('settings', () => {
  it('org settings out of the documented range are dropped, not passed on', () => {
    expect(mapOrgSettings({ messageRetentionPeriodDays: 5, reactionsEnabled: false })).toEqual({ reactionsEnabled: false });
    expect(mapOrgSettings({ messageRetentionPeriodDays: 30.5 })).toEqual({});
    expect(mapOrgSettings({ messageRetentionPeriodDays: 3650 })).toEqual({ messageRetentionPeriodDays: 3650 });
  });

  it('my settings: missing booleans take Genesys defaults; unknown mobile values are left out', () => {
    expect(mapMySettings({ muted: true, mobile: { notifications: { when: 'Sometimes' } } })).toEqual({ muted: true, mentionsOnly: false, notifyOnReactions: true, exists: true });
    expect(mapMySettings({ mobile: { notifications: { when: 'onlywheninactive' } } }).mobileNotifications).toBe('OnlyWhenInactive');
  });

  it("another user's settings default to Always when the value is missing or unknown", () => {
    expect(mapUserSettings({}, ANA)).toEqual({ personId: personId.genesys(ANA), mobileNotifications: 'Always' });
    expect(mapUserSettings({ mobile: { notifications: { when: 'OnlyWhenInactive' } } }, ANA).mobileNotifications).toBe('OnlyWhenInactive');
  });
});
