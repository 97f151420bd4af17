import { beforeAll, describe, expect, it } from 'vitest';
import { renderSpec } from './binary';
import { HashStream } from './ids';
import { userProviderId, type AccountType } from './providers';
import { makeAttachment } from './seeded';
import { accountOfType, allPages, chatsOf, expectError, kit, messagesOf, PNG_1X1_BASE64, type Kit } from './testkit';

const MINUTE = 60_000;

function chatWhere(k: Kit, pred: (c: any) => boolean): any {
  const chat = chatsOf(k, pred)[0];
  if (!chat) throw new Error('no chat matches');
  return chat;
}

describe('send_message_in_chat', () => {
  it('creates an own message, bumps the chat to the top and marks it read', () => {
    const k = kit('tiny');
    const chats = k.call('list_all_chats', {}).items;
    const last = chats[chats.length - 1];
    k.clock.advance(5 * MINUTE);
    const res = k.call('send_message_in_chat', { chat_id: last.id, text: 'Back to you 👋' });
    expect(res.object).toBe('MessageSent');
    const top = k.call('list_all_chats', { limit: 1 }).items[0];
    expect(top.id).toBe(last.id);
    expect(top.timestamp).toBe(new Date(k.clock.now()).toISOString());
    expect(top.unread_count).toBe(0);
    const m = k.call('get_message', { message_id: res.message_id });
    expect(m).toMatchObject({ text: 'Back to you 👋', is_sender: 1, seen: 0, delivered: 1, chat_id: last.id, attachments: [] });
    expect(k.call('get_chat', { chat_id: last.id }).lastMessage.id).toBe(res.message_id);
  });

  it('stores uploaded attachments (base64 and data: URL) and serves the same bytes', () => {
    const k = kit('tiny');
    const chat = chatWhere(k, (c) => c.account_type === 'WHATSAPP');
    const pdf = Buffer.from(renderSpec(makeAttachment('pdf', 5).gen!));
    const res = k.call('send_message_in_chat', { chat_id: chat.id, attachments: [PNG_1X1_BASE64, `data:application/pdf;name=plan.pdf;base64,${pdf.toString('base64')}`] });
    const m = k.call('get_message', { message_id: res.message_id });
    expect(m.text).toBeNull();
    expect(m.attachments).toHaveLength(2);
    expect(m.attachments[0]).toMatchObject({ type: 'img', mimetype: 'image/png', size: { width: 1, height: 1 }, file_size: 70 });
    expect(m.attachments[1]).toMatchObject({ type: 'file', mimetype: 'application/pdf', file_name: 'plan.pdf', file_size: pdf.length });
    const back = k.call('get_message_attachment', { message_id: m.id, attachment_id: m.attachments[1].id });
    expect(Buffer.from(back.bytes).equals(pdf)).toBe(true);
    expect(back.fileName).toBe('plan.pdf');
    expectError(k.fail('send_message_in_chat', { chat_id: chat.id, attachments: ['***'] }), 400, 'errors/invalid_parameters');
  });

  it('quote_id adds `quoted`; a message of another chat is 404; nothing to send is 400', () => {
    const k = kit('tiny');
    const [a, b] = chatsOf(k, (c) => c.account_type === 'WHATSAPP' && c.read_only === 0);
    const target = messagesOf(k, a.id).find((m) => m.text && !m.deleted);
    const res = k.call('send_message_in_chat', { chat_id: a.id, text: 'Agreed', quote_id: target.id });
    expect(k.call('get_message', { message_id: res.message_id }).quoted).toEqual({ provider_id: target.provider_id, sender_id: target.sender_id, text: target.text, attachments: target.attachments });
    expectError(k.fail('send_message_in_chat', { chat_id: b.id, text: 'x', quote_id: target.id }), 404, 'errors/resource_not_found');
    expectError(k.fail('send_message_in_chat', { chat_id: a.id }), 400, 'errors/missing_parameters');
    expectError(k.fail('send_message_in_chat', { chat_id: a.id, text: '   ' }), 400, 'errors/missing_parameters');
  });

  it('thread_id works on Slack only and lands in the root thread', () => {
    const k = kit('tiny');
    const channel = chatWhere(k, (c) => c.account_type === 'SLACK' && c.type === 2);
    const root = messagesOf(k, channel.id).find((m) => !m.parent && m.is_event === 0);
    const before = root.replies ?? 0;
    const byId = k.call('send_message_in_chat', { chat_id: channel.id, text: 'On it', thread_id: root.id });
    const byTs = k.call('send_message_in_chat', { chat_id: channel.id, text: 'Also', thread_id: root.provider_id });
    for (const id of [byId.message_id, byTs.message_id]) expect(k.call('get_message', { message_id: id }).parent).toBe(root.id);
    const after = k.call('get_message', { message_id: root.id });
    expect(after.replies).toBe(before + 2);
    expect(after.reply_by).toContain(accountOfType(k, 'SLACK').self_provider_id);
    expectError(k.fail('send_message_in_chat', { chat_id: channel.id, text: 'x', thread_id: 'no-such-thread' }), 404, 'errors/resource_not_found');
    const wa = chatWhere(k, (c) => c.account_type === 'WHATSAPP');
    expectError(k.fail('send_message_in_chat', { chat_id: wa.id, text: 'x', thread_id: root.id }), 400, 'errors/invalid_parameters');
  });

  it('typing_duration is WhatsApp only; account_id must match; read-only chats refuse; text is length-limited', () => {
    const k = kit('tiny');
    const wa = chatWhere(k, (c) => c.account_type === 'WHATSAPP');
    const li = chatWhere(k, (c) => c.account_type === 'LINKEDIN' && c.read_only === 0);
    expect(k.call('send_message_in_chat', { chat_id: wa.id, text: 'typing…', typing_duration: '1500' }).object).toBe('MessageSent');
    expectError(k.fail('send_message_in_chat', { chat_id: wa.id, text: 'x', typing_duration: 'soon' }), 400, 'errors/invalid_parameters');
    expectError(k.fail('send_message_in_chat', { chat_id: li.id, text: 'x', typing_duration: '1000' }), 400, 'errors/invalid_parameters');
    expect(k.call('send_message_in_chat', { chat_id: wa.id, text: 'ok', account_id: wa.account_id }).object).toBe('MessageSent');
    expectError(k.fail('send_message_in_chat', { chat_id: wa.id, text: 'x', account_id: li.account_id }), 404, 'errors/resource_not_found');
    const sponsored = chatWhere(k, (c) => c.read_only === 1);
    expectError(k.fail('send_message_in_chat', { chat_id: sponsored.id, text: 'unsubscribe' }), 422, 'errors/cant_send_message');
    expectError(k.fail('send_message_in_chat', { chat_id: li.id, text: 'x'.repeat(8001) }), 400, 'errors/too_many_characters');
  });

  it('voice_message: LinkedIn/WhatsApp only, and it must be audio (415 otherwise)', () => {
    const k = kit('tiny');
    const wav = Buffer.from(renderSpec(makeAttachment('voice', 9).gen!)).toString('base64');
    const wa = chatWhere(k, (c) => c.account_type === 'WHATSAPP');
    const slack = chatWhere(k, (c) => c.account_type === 'SLACK');
    const res = k.call('send_message_in_chat', { chat_id: wa.id, voice_message: wav });
    expect(k.call('get_message', { message_id: res.message_id }).attachments[0]).toMatchObject({ type: 'audio', voice_note: true, mimetype: 'audio/wav' });
    expectError(k.fail('send_message_in_chat', { chat_id: wa.id, voice_message: PNG_1X1_BASE64 }), 415, 'errors/unsupported_media_type');
    expectError(k.fail('send_message_in_chat', { chat_id: slack.id, voice_message: wav }), 400, 'errors/invalid_parameters');
    expectError(k.fail('send_message_in_chat', { chat_id: wa.id, video_message: wav }), 400, 'errors/invalid_parameters');
  });
});

describe('start_new_chat', () => {
  it('reuses an existing 1:1 chat, creates a new one for a new number, and a group for several', () => {
    const k = kit('tiny');
    const wa = accountOfType(k, 'WHATSAPP');
    const dm = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.type === 0);
    const reused = k.call('start_new_chat', { account_id: wa.id, attendees_ids: [dm.attendee_provider_id], text: 'Hi again' });
    expect(reused).toEqual({ object: 'ChatStarted', chat_id: dm.id, message_id: expect.any(String) });
    const before = k.svc.stats().chats;
    const fresh = k.call('start_new_chat', { account_id: wa.id, attendees_ids: ['33699887766@s.whatsapp.net'], text: 'Bonjour !' });
    expect(fresh.chat_id).not.toBe(dm.id);
    expect(k.svc.stats().chats).toBe(before + 1);
    const chat = k.call('get_chat', { chat_id: fresh.chat_id });
    expect(chat).toMatchObject({ type: 0, provider_id: '33699887766@s.whatsapp.net', attendee_provider_id: '33699887766@s.whatsapp.net', name: '+33699887766' });
    expect(chat.lastMessage.id).toBe(fresh.message_id);
    const group = k.call('start_new_chat', { account_id: wa.id, attendees_ids: [dm.attendee_provider_id, '33699887766@s.whatsapp.net'], subject: 'Dinner 🍝' });
    expect(group.message_id).toBeNull();
    const g = k.call('get_chat', { chat_id: group.chat_id });
    expect(g).toMatchObject({ type: 1, name: 'Dinner 🍝' });
    expect(g.provider_id).toMatch(/@g\.us$/);
    expect(g.lastMessage).toMatchObject({ is_event: 1, event_type: 3 });
    expect(k.call('list_attendees', { chat_id: group.chat_id }).items).toHaveLength(3);
  });

  it('LinkedIn: 1st-degree only unless InMail; Recruiter needs a subscription', () => {
    const k = kit('tiny');
    const li = accountOfType(k, 'LINKEDIN');
    const inmailChat = chatWhere(k, (c) => c.content_type === 'inmail');
    const stranger = inmailChat.attendee_provider_id;
    expectError(k.fail('start_new_chat', { account_id: li.id, attendees_ids: [stranger], text: 'Hello' }), 422, 'errors/no_connection_with_recipient');
    const res = k.call('start_new_chat', { account_id: li.id, attendees_ids: [stranger], text: 'Hello', subject: 'Coffee?', linkedin: { inmail: true } });
    const chat = k.call('get_chat', { chat_id: res.chat_id });
    expect(chat).toMatchObject({ content_type: 'inmail', subject: 'Coffee?', disabledFeatures: ['reactions'] });
    expect(chat.lastMessage).toMatchObject({ message_type: 'INMAIL', subject: 'Coffee?' });
    expectError(k.fail('start_new_chat', { account_id: li.id, attendees_ids: [stranger], text: 'x', linkedin: { api: 'recruiter' } }), 403, 'errors/feature_not_subscribed');
  });

  it('refuses bad input with the upstream errors', () => {
    const k = kit('tiny');
    const wa = accountOfType(k, 'WHATSAPP');
    expectError(k.fail('start_new_chat', { account_id: 'AAAAAAAAAAAAAAAAAAAAAA', attendees_ids: ['33611111111@s.whatsapp.net'], text: 'x' }), 404, 'errors/resource_not_found');
    expectError(k.fail('start_new_chat', { account_id: wa.id, attendees_ids: [], text: 'x' }), 400, 'errors/missing_parameters');
    expectError(k.fail('start_new_chat', { account_id: wa.id, attendees_ids: ['ACoAAAcDMMQBODyLwZrRcgYhrkCafURGqva0U4E'], text: 'x' }), 422, 'errors/invalid_recipient');
    expectError(k.fail('start_new_chat', { account_id: wa.id, attendees_ids: [wa.self_provider_id], text: 'x' }), 422, 'errors/invalid_recipient');
    expectError(k.fail('start_new_chat', { account_id: wa.id, attendees_ids: ['33611111111@s.whatsapp.net'] }), 400, 'errors/missing_parameters');
  });
});

describe('patch_chat', () => {
  // From the catalog's own action description (not from providers.ts, which it checks).
  const SUPPORT: Record<string, AccountType[]> = {
    setReadStatus: ['WHATSAPP', 'LINKEDIN'],
    setMuteStatus: ['WHATSAPP', 'LINKEDIN'],
    setArchiveStatus: ['WHATSAPP'],
    setPinnedStatus: ['WHATSAPP'],
    addParticipant: ['WHATSAPP', 'TELEGRAM'],
    removeParticipant: ['WHATSAPP', 'TELEGRAM'],
    setLabel: ['WHATSAPP'],
    getInviteLink: ['WHATSAPP', 'TELEGRAM'],
  };
  const TYPES: AccountType[] = ['WHATSAPP', 'LINKEDIN', 'SLACK', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'TWITTER'];

  it('follows the per-provider support matrix (501 feature_not_implemented outside it)', () => {
    const k = kit('demo', 2);
    let checked = 0;
    for (const type of TYPES) {
      for (const [action, supported] of Object.entries(SUPPORT)) {
        const groupAction = action === 'addParticipant' || action === 'removeParticipant' || action === 'getInviteLink';
        // Where the action is supported, use a group we administer; elsewhere any group (or chat) will do.
        const candidates = chatsOf(k, (c) => c.account_type === type);
        const chat = groupAction
          ? (candidates.find((c) => c.type === 1 && k.svc.store.chatByIdAny(c.id)!.selfAdmin) ?? candidates.find((c) => c.type === 1) ?? candidates[0])
          : candidates.find((c) => c.type === 0);
        const members = k.call('list_attendees', { chat_id: chat.id }).items;
        const value =
          action === 'addParticipant' ? userProviderId(type, new HashStream(checked + 1000)) : action === 'removeParticipant' ? members[members.length - 1].provider_id : action === 'setLabel' ? 'VIP' : action === 'getInviteLink' ? undefined : true;
        const args = { chat_id: chat.id, action, ...(value !== undefined ? { value } : {}) };
        if (supported.includes(type)) {
          const res = k.call('patch_chat', args);
          expect(res.object, `${type} ${action}`).toBe('ChatPatched');
        } else {
          expectError(k.fail('patch_chat', args), 501, 'errors/feature_not_implemented');
        }
        checked++;
      }
    }
    expect(checked).toBe(56);
  });

  it('status actions change the chat, and read status also marks incoming messages seen', () => {
    const k = kit('tiny');
    const chat = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.unread_count > 0);
    expect(messagesOf(k, chat.id).some((m) => m.is_sender === 0 && m.seen === 0)).toBe(true);
    k.call('patch_chat', { chat_id: chat.id, action: 'setReadStatus', value: true });
    expect(k.call('get_chat', { chat_id: chat.id }).unread_count).toBe(0);
    expect(messagesOf(k, chat.id).filter((m) => m.is_sender === 0).every((m) => m.seen === 1)).toBe(true);
    k.call('patch_chat', { chat_id: chat.id, action: 'setReadStatus', value: false });
    expect(k.call('get_chat', { chat_id: chat.id }).unread_count).toBe(1);
    k.call('patch_chat', { chat_id: chat.id, action: 'setMuteStatus', value: true });
    k.call('patch_chat', { chat_id: chat.id, action: 'setArchiveStatus', value: true });
    k.call('patch_chat', { chat_id: chat.id, action: 'setPinnedStatus', value: true });
    k.call('patch_chat', { chat_id: chat.id, action: 'setLabel', value: 'Follow up' });
    k.call('patch_chat', { chat_id: chat.id, action: 'setLabel', value: 'Follow up' });
    expect(k.call('get_chat', { chat_id: chat.id })).toMatchObject({ muted_until: -1, archived: 1, pinned: 1, labels: ['Follow up'] });
    k.call('patch_chat', { chat_id: chat.id, action: 'setMuteStatus', value: false });
    k.call('patch_chat', { chat_id: chat.id, action: 'setArchiveStatus', value: false });
    expect(k.call('get_chat', { chat_id: chat.id })).toMatchObject({ muted_until: null, archived: 0 });
    expectError(k.fail('patch_chat', { chat_id: chat.id, action: 'setMuteStatus', value: 'yes' }), 400, 'errors/invalid_parameters');
    expectError(k.fail('patch_chat', { chat_id: chat.id, action: 'setMuteStatus' }), 400, 'errors/missing_parameters');
    expectError(k.fail('patch_chat', { chat_id: chat.id, action: 'setLabel', value: '' }), 400, 'errors/invalid_parameters');
    expectError(k.fail('patch_chat', { chat_id: chat.id, action: 'explode', value: true }), 400, 'errors/invalid_parameters');
  });

  it('participants and invite links: group admins only, with event messages', () => {
    const k = kit('tiny');
    const group = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.type === 1);
    const dm = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.type === 0);
    const before = k.call('list_attendees', { chat_id: group.id }).items.length;
    k.call('patch_chat', { chat_id: group.id, action: 'addParticipant', value: '4915112345678@s.whatsapp.net' });
    expect(k.call('list_attendees', { chat_id: group.id }).items).toHaveLength(before + 1);
    expect(k.call('get_chat', { chat_id: group.id }).lastMessage).toMatchObject({ is_event: 1, event_type: 5 });
    expectError(k.fail('patch_chat', { chat_id: group.id, action: 'addParticipant', value: '4915112345678@s.whatsapp.net' }), 422, 'errors/action_already_performed');
    expectError(k.fail('patch_chat', { chat_id: group.id, action: 'addParticipant', value: 'someone' }), 422, 'errors/invalid_recipient');
    k.clock.advance(1000);
    k.call('patch_chat', { chat_id: group.id, action: 'removeParticipant', value: '4915112345678@s.whatsapp.net' });
    expect(k.call('list_attendees', { chat_id: group.id }).items).toHaveLength(before);
    expect(k.call('get_chat', { chat_id: group.id }).lastMessage).toMatchObject({ is_event: 1, event_type: 6 });
    expectError(k.fail('patch_chat', { chat_id: group.id, action: 'removeParticipant', value: '4915112345678@s.whatsapp.net' }), 404, 'errors/resource_not_found');
    const link = k.call('patch_chat', { chat_id: group.id, action: 'getInviteLink' });
    expect(link).toEqual({ object: 'ChatPatched', invite_link: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{22}$/) });
    expect(k.call('patch_chat', { chat_id: group.id, action: 'getInviteLink' })).toEqual(link);
    expectError(k.fail('patch_chat', { chat_id: dm.id, action: 'getInviteLink' }), 400, 'errors/invalid_parameters');
    expectError(k.fail('patch_chat', { chat_id: dm.id, action: 'addParticipant', value: '4915112345678@s.whatsapp.net' }), 400, 'errors/invalid_parameters');
    k.svc.store.chatByIdAny(group.id)!.selfAdmin = false;
    expectError(k.fail('patch_chat', { chat_id: group.id, action: 'getInviteLink' }), 403, 'errors/insufficient_permissions');
  });

  it('Telegram invite links use t.me', () => {
    const k = kit('demo', 2);
    const group = chatWhere(k, (c) => c.account_type === 'TELEGRAM' && c.type === 1 && k.svc.store.chatByIdAny(c.id)!.selfAdmin);
    expect(k.call('patch_chat', { chat_id: group.id, action: 'getInviteLink' }).invite_link).toMatch(/^https:\/\/t\.me\/\+/);
  });
});

describe('patch_message and delete_message', () => {
  let k: Kit;
  let wa: any;
  let li: any;
  beforeAll(() => {
    k = kit('demo', 4);
    wa = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.type === 0);
    li = chatWhere(k, (c) => c.account_type === 'LINKEDIN' && c.type === 0 && c.read_only === 0);
  });
  const send = (chat: any, text = 'draft') => k.call('send_message_in_chat', { chat_id: chat.id, text }).message_id as string;

  it('WhatsApp edits own messages for 15 minutes', () => {
    const id = send(wa);
    k.clock.advance(14 * MINUTE);
    expect(k.call('patch_message', { message_id: id, text: 'final' })).toEqual({ object: 'MessageEdited' });
    expect(k.call('get_message', { message_id: id })).toMatchObject({ text: 'final', edited: 1 });
    k.clock.advance(2 * MINUTE);
    expectError(k.fail('patch_message', { message_id: id, text: 'too late' }), 422, 'errors/unprocessable_entity');
    expect(k.call('get_message', { message_id: id }).text).toBe('final');
  });

  it('LinkedIn edits for 60 minutes; other people\u2019s messages are 403; some providers cannot edit', () => {
    const id = send(li);
    k.clock.advance(59 * MINUTE);
    expect(k.call('patch_message', { message_id: id, text: 'edited' }).object).toBe('MessageEdited');
    k.clock.advance(2 * MINUTE);
    expectError(k.fail('patch_message', { message_id: id, text: 'late' }), 422, 'errors/unprocessable_entity');
    const theirs = messagesOf(k, li.id).find((m) => m.is_sender === 0);
    expectError(k.fail('patch_message', { message_id: theirs.id, text: 'x' }), 403, 'errors/insufficient_permissions');
    const ig = chatWhere(k, (c) => c.account_type === 'INSTAGRAM');
    expectError(k.fail('patch_message', { message_id: send(ig), text: 'x' }), 501, 'errors/feature_not_implemented');
    expectError(k.fail('patch_message', { message_id: send(wa) }), 400, 'errors/missing_parameters');
  });

  it('delete keeps the row with deleted:1 and no content; twice is 422', () => {
    const id = send(wa, 'oops');
    k.call('add_reaction', { message_id: id, reaction: '😅' });
    expect(k.call('delete_message', { message_id: id })).toEqual({ object: 'MessageDeleted' });
    const m = k.call('get_message', { message_id: id });
    expect(m).toMatchObject({ deleted: 1, text: null, attachments: [], reactions: [] });
    expect(messagesOf(k, wa.id).some((x) => x.id === id)).toBe(true);
    expectError(k.fail('delete_message', { message_id: id }), 422, 'errors/action_already_performed');
    expectError(k.fail('patch_message', { message_id: id, text: 'x' }), 422, 'errors/invalid_message');
  });

  it('LinkedIn deletes only within 60 minutes; Slack cannot delete; only own messages', () => {
    const id = send(li);
    k.clock.advance(61 * MINUTE);
    expectError(k.fail('delete_message', { message_id: id }), 422, 'errors/unprocessable_entity');
    const fresh = send(li);
    expect(k.call('delete_message', { message_id: fresh }).object).toBe('MessageDeleted');
    const slack = chatWhere(k, (c) => c.account_type === 'SLACK');
    expectError(k.fail('delete_message', { message_id: send(slack) }), 501, 'errors/feature_not_implemented');
    const theirs = messagesOf(k, wa.id).find((m) => m.is_sender === 0 && m.deleted === 0);
    expectError(k.fail('delete_message', { message_id: theirs.id }), 403, 'errors/insufficient_permissions');
  });
});

describe('delete_chat', () => {
  it('removes a WhatsApp chat and its messages from every read; Slack is 501', () => {
    const k = kit('tiny');
    const chat = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.type === 0);
    const msgs = messagesOf(k, chat.id);
    const count = k.svc.stats().chats;
    expect(k.call('delete_chat', { chat_id: chat.id })).toEqual({ object: 'ChatDeleted' });
    expect(k.svc.stats().chats).toBe(count - 1);
    expectError(k.fail('get_chat', { chat_id: chat.id }), 404, 'errors/resource_not_found');
    expectError(k.fail('get_chat', { chat_id: chat.provider_id, account_id: chat.account_id }), 404, 'errors/resource_not_found');
    expectError(k.fail('list_chat_messages', { chat_id: chat.id }), 404, 'errors/resource_not_found');
    expectError(k.fail('get_message', { message_id: msgs[0].id }), 404, 'errors/resource_not_found');
    expect(chatsOf(k).some((c) => c.id === chat.id)).toBe(false);
    expect(allPages(k, 'list_all_messages', { limit: 250 }).items.some((m) => m.chat_id === chat.id)).toBe(false);
    expectError(k.fail('delete_chat', { chat_id: chat.id }), 404, 'errors/resource_not_found');
    const slack = chatWhere(k, (c) => c.account_type === 'SLACK');
    expectError(k.fail('delete_chat', { chat_id: slack.id }), 501, 'errors/feature_not_implemented');
  });
});

describe('forward_message', () => {
  it('copies a WhatsApp message (text and attachment bytes) into another chat of the account', () => {
    const k = kit('tiny');
    const [from, to] = chatsOf(k, (c) => c.account_type === 'WHATSAPP' && c.read_only === 0);
    const source = messagesOf(k, from.id).find((m) => m.attachments.length > 0 && !m.deleted);
    const res = k.call('forward_message', { message_id: source.id, chat_id: to.id });
    expect(res).toEqual({ object: 'MessageForwarded', message_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    const copy = k.call('get_message', { message_id: res.message_id });
    expect(copy).toMatchObject({ chat_id: to.id, text: source.text, is_sender: 1 });
    expect(copy.attachments[0].id).not.toBe(source.attachments[0].id);
    const a = k.call('get_message_attachment', { message_id: source.id, attachment_id: source.attachments[0].id });
    const b = k.call('get_message_attachment', { message_id: copy.id, attachment_id: copy.attachments[0].id });
    expect(b.bytes).toEqual(a.bytes);
    const liChat = chatWhere(k, (c) => c.account_type === 'LINKEDIN' && c.read_only === 0);
    expectError(k.fail('forward_message', { message_id: source.id, chat_id: liChat.id }), 400, 'errors/invalid_parameters');
    expectError(k.fail('forward_message', { message_id: source.id, chat_id: 'AAAAAAAAAAAAAAAAAAAAAA' }), 404, 'errors/resource_not_found');
  });
});

describe('add_reaction', () => {
  it('WhatsApp keeps one reaction per user; LinkedIn accumulates; disabled chats and non-emoji refuse', () => {
    const k = kit('tiny');
    const wa = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.type === 0);
    const waSelf = accountOfType(k, 'WHATSAPP').self_provider_id;
    const m = messagesOf(k, wa.id).find((x) => x.deleted === 0 && x.is_event === 0);
    const others = m.reactions.filter((r: any) => !r.is_sender).length;
    k.call('add_reaction', { message_id: m.id, reaction: '👍' });
    k.call('add_reaction', { message_id: m.id, reaction: '❤️' });
    const mine = k.call('get_message', { message_id: m.id }).reactions.filter((r: any) => r.is_sender);
    expect(mine).toEqual([{ value: '❤️', sender_id: waSelf, is_sender: true }]);
    expect(k.call('get_message', { message_id: m.id }).reactions.filter((r: any) => !r.is_sender)).toHaveLength(others);

    const li = chatWhere(k, (c) => c.account_type === 'LINKEDIN' && c.type === 0 && c.disabledFeatures.length === 0);
    const lm = messagesOf(k, li.id).find((x) => x.deleted === 0 && x.is_event === 0);
    k.call('add_reaction', { message_id: lm.id, reaction: '👍' });
    k.call('add_reaction', { message_id: lm.id, reaction: '🎉' });
    k.call('add_reaction', { message_id: lm.id, reaction: '🎉' });
    expect(k.call('get_message', { message_id: lm.id }).reactions.filter((r: any) => r.is_sender).map((r: any) => r.value)).toEqual(['👍', '🎉']);

    const inmail = chatWhere(k, (c) => c.disabledFeatures.includes('reactions'));
    expectError(k.fail('add_reaction', { message_id: messagesOf(k, inmail.id)[0].id, reaction: '👍' }), 422, 'errors/unprocessable_entity');
    expectError(k.fail('add_reaction', { message_id: m.id, reaction: 'thumbs up' }), 400, 'errors/invalid_parameters');
    expectError(k.fail('add_reaction', { message_id: 'nope', reaction: '👍' }), 404, 'errors/resource_not_found');
  });
});

describe('sync_chat_history', () => {
  it('advances SYNC_STARTED → SYNC_RUNNING → SYNC_DONE per call, then reveals the older history', () => {
    const k = kit('tiny');
    const chat = k.svc.store.chats[0]!;
    const before = messagesOf(k, chat.id).length;
    const status = () => k.call('sync_chat_history', { chat_id: chat.id }).status;
    expect(status()).toBe('SYNC_STARTED');
    expect(messagesOf(k, chat.id)).toHaveLength(before);
    expect(status()).toBe('SYNC_RUNNING');
    expect(status()).toBe('SYNC_DONE');
    expect(messagesOf(k, chat.id)).toHaveLength(before + 2);
    expect(k.call('sync_chat_history', { chat_id: chat.id })).toEqual({ object: 'ChatHistorySync', chat_id: chat.id, status: 'SYNC_STARTED' });
  });

  it('reports CHAT_DELETED when the chat goes away mid-sync; unsupported providers are 501', () => {
    const k = kit('demo', 6);
    const wa = chatWhere(k, (c) => c.account_type === 'WHATSAPP' && c.type === 0);
    k.call('sync_chat_history', { chat_id: wa.id });
    k.call('delete_chat', { chat_id: wa.id });
    expect(k.call('sync_chat_history', { chat_id: wa.id }).status).toBe('CHAT_DELETED');
    expectError(k.fail('sync_chat_history', { chat_id: wa.id }), 404, 'errors/resource_not_found');
    for (const type of ['INSTAGRAM', 'MESSENGER', 'TWITTER']) {
      const chat = chatWhere(k, (c) => c.account_type === type);
      expectError(k.fail('sync_chat_history', { chat_id: chat.id }), 501, 'errors/feature_not_implemented');
    }
    expect(k.call('sync_chat_history', { chat_id: chatWhere(k, (c) => c.account_type === 'TELEGRAM').id }).status).toBe('SYNC_STARTED');
  });
});
