import { describe, expect, it } from 'vitest';
import catalog from '../../../../shared/catalog/genesys-chat.tools.json';
import type { DecodedResult } from '../../pinkfish/decode';
import { PinkfishError } from '../../pinkfish/errors';
import type { CallOptions } from '../../pinkfish/mcpClient';
import type { ToolCaller } from '../common/caller';
import { createGenesysProvider, GENESYS_TOOL_FUNCTIONS, toolFor, type GenesysFunctionName, type GenesysProvider } from './tools';

/**
 * Boundary tests with a fake ToolCaller: which tool each function calls and with
 * which arguments, and what happens to results of the wrong shape. Behaviour
 * against the emulator is in tools.test.ts.
 */

interface CatalogTool {
  name: string;
  inputSchema: { properties: Record<string, { type: string }>; required?: string[] };
}
const tools = (catalog as unknown as { tools: CatalogTool[] }).tools;

interface Call {
  tool: string;
  args: Record<string, unknown>;
  options: CallOptions | undefined;
}

function fakeCaller(reply: (tool: string, args: Record<string, unknown>) => unknown): { call: ToolCaller; calls: Call[] } {
  const calls: Call[] = [];
  const call: ToolCaller = async (tool, args, options) => {
    calls.push({ tool, args, options });
    return { value: reply(tool, args), content: [] } satisfies DecodedResult;
  };
  return { call, calls };
}

/** One value every result schema accepts, so any function can be called. */
const UNIVERSAL = { id: 'm1', dateCreated: '2025-06-02T14:03:11.512Z', jid: 'a@conference.demo-org.orgspan.com', participantJid: 'u@demo-org.orgspan.com', entities: [] };

function sampleFor(type: string): unknown {
  switch (type) {
    case 'string':
      return 'text';
    case 'integer':
      return 30;
    case 'boolean':
      return true;
    case 'array':
      return ['one', 'two'];
    case 'object':
      return { notifications: { when: 'Always' } };
    default:
      throw new Error(`no sample for ${type}`);
  }
}

/** Calls a provider function with catalog-shaped arguments (no-argument tools take only options). */
function invoke(provider: GenesysProvider, fn: GenesysFunctionName, args: Record<string, unknown>, options?: CallOptions): Promise<unknown> {
  const f = provider[fn] as (...a: unknown[]) => Promise<unknown>;
  return Object.keys(args).length === 0 ? f(options) : f(args, options);
}

function catalogArgs(tool: CatalogTool): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(tool.inputSchema.properties)) if (key !== 'PCID') args[key] = sampleFor(prop.type);
  return args;
}

async function protocolError(promise: Promise<unknown>): Promise<PinkfishError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PinkfishError);
  expect((err as PinkfishError).code).toBe('protocol');
  return err as PinkfishError;
}

describe('tool → function map', () => {
  it('covers exactly the 34 catalog tools, each with a distinct provider function', () => {
    expect(tools).toHaveLength(34);
    expect(Object.keys(GENESYS_TOOL_FUNCTIONS).sort()).toEqual(tools.map((t) => t.name).sort());
    const fns = Object.values(GENESYS_TOOL_FUNCTIONS);
    expect(new Set(fns).size).toBe(34);
    const provider = createGenesysProvider(fakeCaller(() => UNIVERSAL).call);
    for (const fn of fns) expect(typeof provider[fn]).toBe('function');
    expect(Object.keys(provider).sort()).toEqual([...fns].sort());
  });

  it.each(tools.map((t) => [t.name, t] as const))('%s is called by its function with the catalog arguments', async (name, tool) => {
    const { call, calls } = fakeCaller(() => UNIVERSAL);
    const provider = createGenesysProvider(call);
    const fn = GENESYS_TOOL_FUNCTIONS[name as keyof typeof GENESYS_TOOL_FUNCTIONS];
    expect(toolFor(fn)).toBe(name);
    const args = catalogArgs(tool);
    const controller = new AbortController();
    await invoke(provider, fn, args, { priority: 'background', signal: controller.signal });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.tool).toBe(name);
    expect(calls[0]!.args).toEqual(args);
    expect(calls[0]!.options).toEqual({ priority: 'background', signal: controller.signal });
    // Every required catalog argument (PCID aside, the caller adds it) is one the function sends.
    for (const required of tool.inputSchema.required ?? []) if (required !== 'PCID') expect(Object.keys(calls[0]!.args)).toContain(required);
  });
});

describe('lenient parsing', () => {
  it('keeps unknown fields and accepts missing or null optional ones', async () => {
    const provider = createGenesysProvider(
      fakeCaller((tool) =>
        tool.endsWith('get_chats_room')
          ? { jid: 'r@conference.x', subject: null, futureField: { nested: [1, 2] } }
          : { id: 'm1', dateCreated: '2025-06-02T14:03:11.512Z', body: 'hi', brandNew: true },
      ).call,
    );
    const room = await provider.getRoom({ roomJid: 'r@conference.x' });
    expect(room).toMatchObject({ jid: 'r@conference.x', subject: null, futureField: { nested: [1, 2] } });
    const message = await provider.getMessage({ messageId: 'm1' });
    expect(message).toMatchObject({ id: 'm1', body: 'hi', brandNew: true });
    expect(message.thread).toBeUndefined();
  });

  it('getUserMessages accepts a listing, a single message (the spec defect), a bare array and an empty object', async () => {
    const msg = { id: 'm1', dateCreated: '2025-06-02T14:03:11.512Z', body: 'one' };
    const shapes: Array<[unknown, string[]]> = [
      [{ entities: [msg, { ...msg, id: 'm2' }] }, ['m1', 'm2']],
      [msg, ['m1']],
      [[msg], ['m1']],
      [{}, []],
      [{ entities: null }, []],
    ];
    for (const [value, ids] of shapes) {
      const provider = createGenesysProvider(fakeCaller(() => value).call);
      const listing = await provider.getUserMessages({ userId: 'u1' });
      expect(listing.entities.map((m) => m.id)).toEqual(ids);
    }
  });

  it('204 tools resolve to undefined whatever the Farm puts in the empty result', async () => {
    for (const value of [undefined, {}, '', 'No Content', { ok: true }]) {
      const provider = createGenesysProvider(fakeCaller(() => value).call);
      await expect(provider.deleteRoomMessage({ roomJid: 'r', messageId: 'm' })).resolves.toBeUndefined();
      await expect(provider.setReactions({ messageId: 'm', reactions: [] })).resolves.toBeUndefined();
      await expect(provider.deleteMySettings()).resolves.toBeUndefined();
    }
  });

  it('passes the caller’s own typed errors through untouched', async () => {
    const upstream = new PinkfishError('not_found', 'Room r was not found.');
    const provider = createGenesysProvider(async () => {
      throw upstream;
    });
    await expect(provider.getRoom({ roomJid: 'r' })).rejects.toBe(upstream);
  });
});

describe('malformed results become typed protocol errors, never crashes', () => {
  const date = '2025-06-02T14:03:11.512Z';
  const cases: Array<[GenesysFunctionName, Record<string, unknown>, unknown, RegExp]> = [
    ['getRoom', { roomJid: 'r' }, { subject: 42 }, /a room .*at subject/],
    ['getRoom', { roomJid: 'r' }, 'not json', /a room/],
    ['getMessage', { messageId: 'm' }, { id: 'm', dateCreated: 'last tuesday' }, /at dateCreated/],
    ['getMessage', { messageId: 'm' }, { dateCreated: date }, /at id/],
    ['getMessage', { messageId: 'm' }, { id: 'm', dateCreated: date, reactions: 'lots' }, /at reactions/],
    ['getMessage', { messageId: 'm' }, { id: 'm', dateCreated: date, mentions: 5 }, /at mentions/],
    ['getMessage', { messageId: 'm' }, { id: 'm', dateCreated: date, thread: 'root' }, /at thread/],
    ['getRoomMessages', { roomJid: 'r' }, { entities: 'nope' }, /at entities/],
    ['getRoomMessages', { roomJid: 'r' }, { entities: [{ id: 1, dateCreated: date }] }, /at entities\.0\.id/],
    ['getThreadMessages', { threadId: 't' }, 'plain text', /message list/],
    ['getUserMessages', { userId: 'u' }, undefined, /nothing where a message list was expected/],
    ['getUserMessages', { userId: 'u' }, { id: 'm' }, /at dateCreated/],
    ['getRoomMessagesByIds', { roomJid: 'r', messageIds: 'm' }, [{ id: 'm', dateCreated: true }], /at 0\.dateCreated/],
    ['sendRoomMessage', { roomJid: 'r', message: 'x' }, {}, /sent message id .*at id/],
    ['editUserMessage', { userId: 'u', messageId: 'm', message: 'x' }, { id: 7 }, /at id/],
    ['createRoom', { subject: 's' }, { jid: 5 }, /new room .*at jid/],
    ['getRoomParticipants', { roomJid: 'r' }, { participants: {} }, /at participants/],
    ['getRoomParticipant', { roomJid: 'r', participantJid: 'p' }, {}, /at participantJid/],
    ['getOneOnOne', { userId: 'u' }, { pinnedMessages: 'x' }, /at pinnedMessages/],
    ['getOrgSettings', {}, { reactionsEnabled: 'yes' }, /at reactionsEnabled/],
    ['patchOrgSettings', { reactionsEnabled: true }, { messageRetentionPeriodDays: '30' }, /at messageRetentionPeriodDays/],
    ['getUserSettings', { userId: 'u' }, { mobile: { notifications: 'Always' } }, /at mobile\.notifications/],
    ['getMySettings', {}, { muted: 'no' }, /at muted/],
    ['updateMySettings', { mobile: { notifications: {} } }, [1, 2], /your chat settings/],
  ];

  it.each(cases)('%s with %j → %j', async (fn, args, value, message) => {
    const provider = createGenesysProvider(fakeCaller(() => value).call);
    const err = await protocolError(invoke(provider, fn, args));
    expect(err.message).toMatch(/^Pinkfish returned /);
    expect(err.message).toMatch(message);
  });
});
