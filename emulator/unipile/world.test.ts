import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { accountOfType, allPages, chatsOf, kit, messagesOf } from './testkit';

describe('simulateActivity', () => {
  it('makes other people post, react, edit and start chats, visible through list_all_messages(after)', () => {
    const k = kit('demo', 9);
    const since = new Date(k.clock.now()).toISOString();
    const before = k.svc.stats();
    const rng = createRng(123);
    for (let i = 0; i < 300; i++) {
      k.clock.advance(2000);
      k.svc.simulateActivity(rng);
    }
    const after = k.svc.stats();
    expect(after.messages).toBeGreaterThan(before.messages + 100);
    expect(after.chats).toBeGreaterThan(before.chats);
    expect(after.attendees).toBeGreaterThan(before.attendees);
    const fresh = allPages(k, 'list_all_messages', { after: since, limit: 250 }).items;
    expect(fresh).toHaveLength(after.messages - before.messages);
    expect(fresh.every((m) => m.is_sender === 0)).toBe(true);
    expect(fresh.some((m) => m.attachments.length > 0)).toBe(true);
    expect(fresh.some((m) => m.quoted)).toBe(true);
    expect(fresh.some((m) => m.parent)).toBe(true);
    // WhatsApp reactions by others surface as hidden events.
    expect(fresh.some((m) => m.hidden === 1 && m.is_event === 1 && (m.event_type === 1 || m.event_type === 2))).toBe(true);
    const overlay = [...k.svc.store.overlay.values()];
    expect(overlay.some((r) => r.edited === 1)).toBe(true);
    expect(overlay.some((r) => r.reactions.length > 0)).toBe(true);
    expect(chatsOf(k).filter((c) => c.unread_count > 0).length).toBeGreaterThan(0);
  });

  it('is deterministic for the same seed, rng and clock', () => {
    const run = () => {
      const k = kit('tiny', 5);
      const rng = createRng(77);
      for (let i = 0; i < 60; i++) {
        k.clock.advance(1500);
        k.svc.simulateActivity(rng);
      }
      return JSON.stringify([allPages(k, 'list_all_messages', { limit: 250 }).items, k.call('list_all_chats', {})]);
    };
    expect(run()).toBe(run());
  });
});

describe('control actions', () => {
  it('post as someone else: inbound, unread, with quote, thread and attachment', () => {
    const k = kit('tiny');
    const wa = chatsOf(k, (c) => c.account_type === 'WHATSAPP' && c.type === 1)[0];
    const quote = messagesOf(k, wa.id).find((m) => m.text && m.deleted === 0);
    const unread = wa.unread_count;
    k.clock.advance(1000);
    const res = k.svc.control('post', { chatId: wa.id, text: 'from the control API', quoteId: quote.id, attachment: 'photo' }) as { message_id: string };
    const m = k.call('get_message', { message_id: res.message_id });
    expect(m).toMatchObject({ text: 'from the control API', is_sender: 0, quoted: { provider_id: quote.provider_id } });
    expect(m.attachments[0].type).toBe('img');
    expect(k.call('get_chat', { chat_id: wa.id }).unread_count).toBe(unread + 1);

    const members = k.call('list_attendees', { chat_id: wa.id }).items;
    const who = members[members.length - 1];
    const byProvider = k.svc.control('post', { chatId: wa.id, fromAttendeeId: who.provider_id, text: 'me' }) as { message_id: string };
    expect(k.call('get_message', { message_id: byProvider.message_id }).sender_attendee_id).toBe(who.id);

    const channel = chatsOf(k, (c) => c.account_type === 'SLACK' && c.type === 2)[0];
    const root = messagesOf(k, channel.id).find((x) => !x.parent);
    const reply = k.svc.control('post', { chatId: channel.id, text: 'threaded', threadId: root.id }) as { message_id: string };
    expect(k.call('get_message', { message_id: reply.message_id }).parent).toBe(root.id);
    expect(() => k.svc.control('post', { chatId: wa.id, text: 'x', threadId: quote.id })).toThrow(/Slack/);
    expect(() => k.svc.control('post', { chatId: 'nope', text: 'x' })).toThrow(/no chat/);
    expect(() => k.svc.control('post', { chatId: wa.id, text: 'x', fromAttendeeId: 'stranger' })).toThrow(/not in chat/);
    expect(() => k.svc.control('post', { chatId: wa.id })).toThrow(/text/);
  });

  it('react, edit, delete and read as someone else', () => {
    const k = kit('tiny');
    const wa = chatsOf(k, (c) => c.account_type === 'WHATSAPP' && c.type === 0)[0];
    const mine = k.call('send_message_in_chat', { chat_id: wa.id, text: 'did you get it?' }).message_id;
    expect(k.call('get_message', { message_id: mine }).seen).toBe(0);
    k.clock.advance(1000);
    k.svc.control('read', { chatId: wa.id });
    expect(k.call('get_message', { message_id: mine })).toMatchObject({ seen: 1, seen_by: { [wa.attendee_provider_id]: expect.any(String) } });
    k.svc.control('react', { messageId: mine, value: '🔥' });
    expect(k.call('get_message', { message_id: mine }).reactions).toEqual([{ value: '🔥', sender_id: wa.attendee_provider_id, is_sender: false }]);
    const theirs = (k.svc.control('post', { chatId: wa.id, text: 'typo hree' }) as { message_id: string }).message_id;
    k.svc.control('edit', { messageId: theirs, text: 'typo here' });
    expect(k.call('get_message', { message_id: theirs })).toMatchObject({ text: 'typo here', edited: 1 });
    k.svc.control('delete', { messageId: theirs });
    expect(k.call('get_message', { message_id: theirs })).toMatchObject({ deleted: 1, text: null });
    expect(() => k.svc.control('edit', { messageId: 'nope', text: 'x' })).toThrow(/no message/);
  });

  it('startChat, accounts, chats and attendees; unknown actions throw', () => {
    const k = kit('tiny');
    const li = accountOfType(k, 'LINKEDIN');
    const started = k.svc.control('startChat', { accountId: li.id, name: 'Nina Recruiter', text: 'Saw your post!' }) as { chat_id: string; attendee_id: string };
    const chat = k.call('get_chat', { chat_id: started.chat_id });
    expect(chat).toMatchObject({ name: 'Nina Recruiter', unread_count: 1, type: 0 });
    expect(chat.lastMessage.text).toBe('Saw your post!');
    // The new contact is a 1st-degree connection, so the account can answer with start_new_chat.
    expect(k.call('start_new_chat', { account_id: li.id, attendees_ids: [chat.attendee_provider_id], text: 'Thanks' }).chat_id).toBe(started.chat_id);
    const accounts = k.svc.control('accounts', {}) as any[];
    expect(accounts.map((a) => a.type).sort()).toEqual(['LINKEDIN', 'SLACK', 'WHATSAPP']);
    expect(accounts.every((a) => /^[A-Za-z0-9_-]{22}$/.test(a.id) && a.self_attendee_id && a.chats > 0)).toBe(true);
    const chats = k.svc.control('chats', { accountId: li.id }) as any[];
    expect(chats.every((c) => c.account_id === li.id)).toBe(true);
    expect(chats.some((c) => c.id === started.chat_id)).toBe(true);
    const people = k.svc.control('attendees', { chatId: started.chat_id }) as any[];
    expect(people.map((p) => p.is_self)).toEqual([true, false]);
    expect(() => k.svc.control('explode', {})).toThrow(/unknown unipile control action 'explode'/);
  });
});
