import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { createGenesysService, ME_USER_ID } from './index';
import type { Listing, RoomSummary } from './testkit';

/** The service behind the real protocol core: tools/call over HTTP, JSON-RPC envelopes, control. */

let emu: TestEmulator;
let rooms: RoomSummary[];

beforeAll(async () => {
  emu = await startTestEmulator({ factories: { genesys: createGenesysService }, scale: 'tiny', seed: 1 });
  rooms = emu.control.act('genesys', 'rooms') as RoomSummary[];
});

afterAll(async () => {
  await emu.stop();
});

describe('genesys-chat over HTTP', () => {
  it('tools/list publishes the 34 catalog tools', async () => {
    const raw = await emu.rpc('genesys-chat', { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    expect(((raw.json as { result: { tools: unknown[] } }).result.tools)).toHaveLength(34);
  });

  it('a history read returns the listing as structuredContent and text', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_room_messages', { roomJid: rooms[0]!.jid, limit: '5' });
    expect(r.httpStatus).toBe(200);
    const listing = r.result!.structuredContent as unknown as Listing;
    expect(listing.entities).toHaveLength(5);
    expect(JSON.parse(r.result!.content[0]!.text!)).toEqual(listing);
  });

  it('a send, a 204 operation and an upstream 404 travel in their MCP forms', async () => {
    const { id } = await emu.callOk<{ id: string }>('genesys-chat', 'genesys_chat_post_chats_room_messages', { roomJid: rooms[0]!.jid, message: 'over the wire' });
    const pinned = await emu.call('genesys-chat', 'genesys_chat_post_chats_room_messages_pins', { roomJid: rooms[0]!.jid, pinnedMessageIds: [id] });
    expect(pinned.result).toEqual({ content: [], structuredContent: {} });
    const missing = await emu.call('genesys-chat', 'genesys_chat_get_chats_message', { messageId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.result!.isError).toBe(true);
    expect(missing.result!.structuredContent).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('the core validates argument types before the handler runs', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_patch_chats_settings', { messageRetentionPeriodDays: 'ten' });
    expect(r.error?.message ?? '').toMatch(/messageRetentionPeriodDays/);
  });

  it('control acts as other people', async () => {
    expect(emu.control.act('genesys', 'me')).toMatchObject({ userId: ME_USER_ID });
    const { id } = emu.control.act('genesys', 'post', { roomJid: rooms[0]!.jid, text: 'from control' }) as { id: string };
    const m = await emu.callOk<{ body: string }>('genesys-chat', 'genesys_chat_get_chats_message', { messageId: id });
    expect(m.body).toBe('from control');
    expect(() => emu.control.act('genesys', 'nope')).toThrow(/unknown action/);
  });
});
