import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { fakeFactories, PDF_BYTES, PNG_1X1 } from './fakeServices';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ factories: fakeFactories() });
});
afterAll(() => emu.stop());

const genesys404 = { message: 'Room missing@x not found', code: 'not.found', status: 404, contextId: 'ctx-1', details: [], errors: [] };

describe('successful results', () => {
  it('carry the value in structuredContent and as JSON text in content[0]', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings');
    expect(r.result).toEqual({
      content: [{ type: 'text', text: JSON.stringify({ messageRetentionPeriodDays: 365, reactionsEnabled: true }) }],
      structuredContent: { messageRetentionPeriodDays: 365, reactionsEnabled: true },
    });
  });

  it('send arrays in the text only, since structuredContent must be an object', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_room_participants', { roomJid: 'r' });
    expect(r.result?.structuredContent).toBeUndefined();
    expect(JSON.parse(r.result!.content[0]!.text!)).toEqual([{ id: 'u1' }, { id: 'u2' }]);
  });

  it('turn an upstream 204 into an empty success', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_delete_chats_room_message', { roomJid: 'r', messageId: 'm' });
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual({ content: [], structuredContent: {} });
  });

  it('turn a handler bug into -32603 rather than a crash', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_post_chats_room_messages', { roomJid: 'r', message: 'explode' });
    expect(r.error).toMatchObject({ code: -32603, message: 'Internal error: handler bug' });
    const next = await emu.call('genesys-chat', 'genesys_chat_get_chats_settings');
    expect(next.result?.structuredContent).toBeDefined();
  });

  it('answer -32603 for a catalog tool the service does not implement', async () => {
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_user', { userId: 'u' });
    expect(r.error?.code).toBe(-32603);
    expect(r.error?.message).toContain('does not implement genesys_chat_get_chats_user');
  });
});

describe('error modes', () => {
  afterAll(() => emu.control.setConfig({ errorMode: 'isError' }));

  it('isError: the upstream body as text and structuredContent, isError true', async () => {
    emu.control.setConfig({ errorMode: 'isError' });
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_room', { roomJid: 'missing@x' });
    expect(r.httpStatus).toBe(200);
    expect(r.result).toEqual({ isError: true, content: [{ type: 'text', text: JSON.stringify(genesys404) }], structuredContent: genesys404 });
  });

  it('structured: a success envelope whose structuredContent has error and status', async () => {
    emu.control.setConfig({ errorMode: 'structured' });
    const r = await emu.call('unipile-messaging', 'unipile_messaging_get_chat', { chat_id: 'c9' });
    expect(r.result?.isError).toBeUndefined();
    expect(r.result?.structuredContent).toEqual({
      error: 'Resource not found.',
      status: 404,
      title: 'Resource not found.',
      detail: 'Chat c9 not found',
      instance: '',
      type: 'errors/resource_not_found',
    });
    expect(JSON.parse(r.result!.content[0]!.text!)).toEqual(r.result!.structuredContent);
  });

  it('jsonrpc: a JSON-RPC error, -32000 for 4xx and -32603 for 5xx, with the upstream status and body', async () => {
    emu.control.setConfig({ errorMode: 'jsonrpc' });
    const r = await emu.call('genesys-chat', 'genesys_chat_get_chats_room', { roomJid: 'missing@x' });
    expect(r.result).toBeUndefined();
    expect(r.error).toEqual({ code: -32000, message: genesys404.message, data: { status: 404, body: genesys404 } });
    const down = await emu.call('genesys-chat', 'genesys_chat_post_chats_room_messages', { roomJid: 'r', message: 'down' });
    expect(down.error).toMatchObject({ code: -32603, message: 'Service Unavailable', data: { status: 503 } });
  });
});

describe('binary modes', () => {
  afterAll(() => emu.control.setConfig({ binaryMode: 'base64' }));

  it('base64: the bytes as base64 text and {data, mimeType, size}', async () => {
    emu.control.setConfig({ binaryMode: 'base64' });
    const r = await emu.call('unipile-messaging', 'unipile_messaging_get_attendee_profile_picture', { id: 'a1' });
    const b64 = Buffer.from(PNG_1X1).toString('base64');
    expect(r.result).toEqual({ content: [{ type: 'text', text: b64 }], structuredContent: { data: b64, mimeType: 'image/png', size: PNG_1X1.length } });
  });

  it('image: an MCP image block for images and a resource blob for other files', async () => {
    emu.control.setConfig({ binaryMode: 'image' });
    const pic = await emu.call('unipile-messaging', 'unipile_messaging_get_attendee_profile_picture', { id: 'a1' });
    expect(pic.result).toEqual({ content: [{ type: 'image', data: Buffer.from(PNG_1X1).toString('base64'), mimeType: 'image/png' }] });
    const pdf = await emu.call('unipile-messaging', 'unipile_messaging_get_message_attachment', { message_id: 'm', attachment_id: 'a' });
    expect(pdf.result?.content[0]).toEqual({
      type: 'resource',
      resource: { uri: 'attachment://report.pdf', mimeType: 'application/pdf', blob: Buffer.from(PDF_BYTES).toString('base64') },
    });
  });

  it('url: a short-lived download link that serves the bytes, then expires on the emulator clock', async () => {
    emu.control.setConfig({ binaryMode: 'url', fileUrlTtl: 60 });
    const r = await emu.call('unipile-messaging', 'unipile_messaging_get_message_attachment', { message_id: 'm', attachment_id: 'a' });
    const sc = r.result!.structuredContent as { url: string; mimeType: string; size: number; expiresAt: string; fileName: string };
    expect(sc).toMatchObject({ mimeType: 'application/pdf', size: PDF_BYTES.length, fileName: 'report.pdf' });
    expect(sc.url).toMatch(new RegExp(`^${emu.url}/__files/[A-Za-z0-9_-]{24}$`));
    expect(Date.parse(sc.expiresAt) - emu.control.now()).toBeLessThanOrEqual(60_000);
    const dl = await fetch(sc.url);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(PDF_BYTES);
    emu.control.advanceClock(61_000);
    expect((await fetch(sc.url)).status).toBe(403);
    expect((await fetch(`${emu.url}/__files/never-issued`)).status).toBe(404);
  });
});

describe('harness callOk', () => {
  it('returns the decoded value, and throws with the server message on tool errors and JSON-RPC errors', async () => {
    expect(await emu.callOk('genesys-chat', 'genesys_chat_get_chats_settings')).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: true });
    expect(await emu.callOk('genesys-chat', 'genesys_chat_get_chats_room_participants', { roomJid: 'r' })).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    await expect(emu.callOk('genesys-chat', 'genesys_chat_get_chats_room', { roomJid: 'missing@x' })).rejects.toThrow(/tool error .*Room missing@x not found/);
    await expect(emu.callOk('genesys-chat', 'genesys_chat_get_chats_room', {})).rejects.toThrow(/-32602 Invalid params: 'roomJid' is required/);
    emu.control.setConfig({ errorMode: 'structured' });
    try {
      await expect(emu.callOk('genesys-chat', 'genesys_chat_get_chats_room', { roomJid: 'missing@x' })).rejects.toThrow(/tool error/);
    } finally {
      emu.control.setConfig({ errorMode: 'isError' });
    }
  });
});
