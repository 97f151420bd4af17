import { describe, expect, it } from 'vitest';
import { compareCatalog } from './catalogDrift';
import catalog from '../../../shared/catalog/genesys-chat.tools.json';
import type { ToolInfo } from './mcpClient';

const genesys = catalog as { tools: ToolInfo[] };
type Schema = { properties: Record<string, unknown>; required: string[] };

describe('compareCatalog', () => {
  it('reports nothing for an identical catalog', () => {
    expect(compareCatalog(genesys.tools, structuredClone(genesys.tools))).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports added, removed and changed tools', () => {
    const live = structuredClone(genesys.tools);
    live.splice(0, 1);
    live.push({ name: 'genesys_chat_new_tool', description: 'x', inputSchema: { type: 'object', properties: {}, required: [] } });
    const send = live.find((t) => t.name === 'genesys_chat_post_chats_room_messages')!.inputSchema as Schema;
    send.properties.mentions = { type: 'string' };
    send.required = [...send.required, 'threadId'];
    const drift = compareCatalog(genesys.tools, live);
    expect(drift.added).toEqual(['genesys_chat_new_tool']);
    expect(drift.removed).toEqual([genesys.tools[0]!.name]);
    expect(drift.changed).toEqual([{ name: 'genesys_chat_post_chats_room_messages', changes: ['mentions: type', 'mentions: items', 'threadId: now required'] }]);
  });
});
