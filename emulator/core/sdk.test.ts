import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/harness';
import { fakeFactories } from './fakeServices';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ factories: fakeFactories() });
});
afterAll(() => emu.stop());

async function connect(): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${emu.url}/genesys-chat`), {
    requestInit: { headers: { Authorization: `Bearer ${emu.token}`, 'X-Selected-Org': 'demo-org' } },
  });
  const client = new Client({ name: 'switchboard-test', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

describe('a standard MCP client (@modelcontextprotocol/sdk, streamable HTTP)', () => {
  it.each([false, true])('connects, lists the 34 tools and calls one (SSE replies: %s)', async (sse) => {
    emu.control.setConfig({ sseReplies: sse });
    const client = await connect();
    try {
      expect(client.getServerVersion()?.name).toBe('genesys-chat');
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(34);
      expect(tools[0]!.name).toBe('genesys_chat_delete_chats_room_message');
      const result = await client.callTool({ name: 'genesys_chat_get_chats_settings', arguments: { PCID: emu.pcids.genesys } });
      expect(result.structuredContent).toEqual({ messageRetentionPeriodDays: 365, reactionsEnabled: true });
      const bad = await client.callTool({ name: 'genesys_chat_get_chats_room', arguments: { PCID: emu.pcids.genesys, roomJid: 'missing@x' } });
      expect(bad.isError).toBe(true);
    } finally {
      await client.close();
      emu.control.setConfig({ sseReplies: false });
    }
  });

  it('surfaces invalid params as an McpError naming the field', async () => {
    const client = await connect();
    try {
      await expect(client.callTool({ name: 'genesys_chat_get_chats_room', arguments: { PCID: emu.pcids.genesys } })).rejects.toThrow(/'roomJid' is required/);
    } finally {
      await client.close();
    }
  });
});
