/**
 * The client's own cost per call: the full stack (budget, token, JSON-RPC
 * envelope, decode, lenient zod validation, mapping to the domain model)
 * measured beside a raw `fetch` of the same tool call in the same run,
 * alternating the two so both see the same machine load. Prints one JSON line:
 * {"bench":"api","overhead_p50_ms":N,"overhead_p95_ms":N,…}.
 */
import { performance } from 'node:perf_hooks';
import { startClientAgainstEmulator } from '../electron/backend/testing/emulatorClient';
import { createGenesysProvider, mapMessages } from '../electron/backend/providers/genesys/index';
import { createUnipileProvider, toMessage } from '../electron/backend/providers/unipile/index';
import { conversationId } from '../shared/domain/ids';
import { ME_USER_ID } from '../emulator/genesys/index';

export interface ApiBenchOptions {
  /** Pairs (raw + client) per call kind (default 300). */
  iterations?: number;
  print?: boolean;
}

export interface ApiBenchResult {
  bench: 'api';
  overhead_p50_ms: number;
  overhead_p95_ms: number;
  raw_p50_ms: number;
  client_p50_ms: number;
  calls: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const round = (n: number) => Math.round(n * 1000) / 1000;

export async function runApiBench(opts: ApiBenchOptions = {}): Promise<ApiBenchResult> {
  const iterations = opts.iterations ?? 300;
  const s = await startClientAgainstEmulator({ scale: 'demo', ratePerHour: 0, ratePerDay: 0, activityPerMinute: 0 });
  try {
    const genesys = createGenesysProvider(s.genesys);
    const unipile = createUnipileProvider(s.unipile);
    const rooms = s.emulator.control.act('genesys', 'rooms') as Array<{ jid: string; isMember: boolean; messages: number }>;
    const room = rooms.filter((r) => r.isMember).sort((a, b) => b.messages - a.messages)[0]!;
    const chats = s.emulator.control.act('unipile', 'chats') as Array<{ id: string }>;
    const chat = chats[0]!;
    const token = await s.tokens.getToken();

    // The same calls, as the client makes them and as bare HTTP.
    const kinds = [
      {
        tool: 'genesys_chat_get_chats_room_messages',
        server: 'genesys-chat',
        args: { PCID: s.pcids.genesys, roomJid: room.jid, limit: '50' },
        client: async () => mapMessages((await genesys.getRoomMessages({ roomJid: room.jid, limit: '50' })).entities, { meUserId: ME_USER_ID, conversationId: conversationId.genesysRoom(room.jid) }).length,
      },
      {
        tool: 'unipile_messaging_list_chat_messages',
        server: 'unipile-messaging',
        args: { PCID: s.pcids.unipile, chat_id: chat.id, limit: 50 },
        client: async () => (await unipile.listChatMessages({ chat_id: chat.id, limit: 50 })).items.map((m) => toMessage(m)).length,
      },
      {
        tool: 'unipile_messaging_list_all_chats',
        server: 'unipile-messaging',
        args: { PCID: s.pcids.unipile, limit: 50 },
        client: async () => (await unipile.listAllChats({ limit: 50 })).items.length,
      },
    ] as const;

    let id = 1;
    const raw = async (server: string, tool: string, args: Record<string, unknown>) => {
      const res = await fetch(`${s.emulator.url}/${server}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: id++, method: 'tools/call', params: { name: tool, arguments: args } }),
      });
      const body = (await res.json()) as { result?: unknown };
      if (!body.result) throw new Error(`${tool} failed in the raw path`);
    };

    const rawTimes: number[] = [];
    const clientTimes: number[] = [];
    const overheads: number[] = [];
    // Warm-up: JIT, keep-alive sockets, token.
    for (const k of kinds) for (let i = 0; i < 20; i++) await Promise.all([raw(k.server, k.tool, k.args), k.client()]);
    for (let i = 0; i < iterations; i++) {
      for (const k of kinds) {
        // Alternate which goes first so neither always gets the warmer cache.
        const order = i % 2 === 0 ? ['raw', 'client'] : ['client', 'raw'];
        let r = 0;
        let c = 0;
        for (const which of order) {
          const t0 = performance.now();
          if (which === 'raw') await raw(k.server, k.tool, k.args);
          else await k.client();
          const dt = performance.now() - t0;
          if (which === 'raw') r = dt;
          else c = dt;
        }
        rawTimes.push(r);
        clientTimes.push(c);
        overheads.push(c - r);
      }
    }
    const sort = (a: number[]) => [...a].sort((x, y) => x - y);
    const o = sort(overheads);
    const result: ApiBenchResult = {
      bench: 'api',
      overhead_p50_ms: round(quantile(o, 0.5)),
      overhead_p95_ms: round(quantile(o, 0.95)),
      raw_p50_ms: round(quantile(sort(rawTimes), 0.5)),
      client_p50_ms: round(quantile(sort(clientTimes), 0.5)),
      calls: rawTimes.length * 2,
    };
    if (opts.print ?? true) process.stdout.write(`${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await s.stop();
  }
}
