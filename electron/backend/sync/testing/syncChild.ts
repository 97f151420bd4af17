/**
 * The backend's sync in a process of its own, for the crash test
 * (crash.test.ts kills it with SIGKILL at random moments and reopens its cache).
 * Run: `node --import tsx syncChild.ts '<json config>'`. It talks to the
 * emulator the test process runs, exactly as the app talks to Pinkfish, and
 * writes the real encrypted cache through the worker thread.
 *
 * stdout protocol, one line each: `ready`, `enqueued <text>`, `drained`.
 */
import { RequestBudget } from '../../pinkfish/budget';
import { listConnections, pickConnections } from '../../pinkfish/connections';
import { McpClient } from '../../pinkfish/mcpClient';
import { TokenManager } from '../../pinkfish/tokens';
import { bindServer } from '../../providers/common/caller';
import { createGenesysProvider } from '../../providers/genesys/index';
import { createUnipileProvider } from '../../providers/unipile/index';
import { openCache } from '../../cache/client';
import type { ConversationId } from '../../../../shared/domain/ids';
import { SyncEngine } from '../engine';
import type { GenesysDirectorySeed } from '../genesysSync';

export interface ChildConfig {
  url: string;
  credentials: { clientId: string; clientSecret: string; orgId: string };
  cachePath: string;
  key: string;
  /** Messages to queue at start (texts `<tag>-<i>`), round-robin over `targets`. */
  sends: number;
  tag: string;
  targets: ConversationId[];
  open: ConversationId;
  /** Run until sync has caught up and the outbox is empty, then exit 0. */
  drain: boolean;
}

async function control<T>(url: string, service: string, action: string, params: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/__control/act`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ service, action, params }) });
  if (!res.ok) throw new Error(`control ${action}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const tokens = new TokenManager({ credentials: { kind: 'oauth', ...config.credentials }, authBase: config.url });
  const budget = new RequestBudget({ perHour: 1_000_000, perDay: 10_000_000 });
  const client = new McpClient({ tokens, budget, mcpBase: config.url, timeoutMs: 3000 });
  const picked = pickConnections(await listConnections({ tokens, proxyBase: config.url, statuses: ['connected'] }));
  const pcids = { genesys: picked.genesys[0]!.id, unipile: picked.unipile[0]!.id };
  const me = await control<{ userId: string; jid: string }>(config.url, 'genesys', 'me');
  const cache = await openCache({ path: config.cachePath, key: config.key });
  const engine = new SyncEngine({
    cache,
    budget,
    genesys: createGenesysProvider(bindServer(client, 'genesys-chat', () => pcids.genesys)),
    unipile: createUnipileProvider(bindServer(client, 'unipile-messaging', () => pcids.unipile)),
    genesysSelf: { meUserId: me.userId, meJid: me.jid },
    directorySeed: async (): Promise<GenesysDirectorySeed> => ({
      rooms: (await control<Array<{ jid: string; isMember: boolean }>>(config.url, 'genesys', 'rooms')).filter((r) => r.isMember),
      oneOnOnes: await control(config.url, 'genesys', 'oneOnOnes'),
    }),
    // Fast enough that every kill lands in the middle of something.
    policy: {
      openIntervalMs: 40,
      cycleIntervalMs: 60,
      genesysPerCycle: 6,
      initialActive: 20,
      offlineMinMs: 50,
      offlineMaxMs: 400,
      genesysTiers: [{ withinMs: 15 * 60_000, everyMs: 200 }],
      genesysDefaultEveryMs: 1000,
    },
    outbox: { backoffBaseMs: 20, backoffMaxMs: 200 },
    // Shown by the test when a run fails.
    log: (message, err) => process.stderr.write(`${message}: ${err instanceof Error ? err.message : String(err)}\n`),
  });
  await engine.start();
  // Sends need their conversation in the cache: Genesys ones are looked up, Unipile ones arrive with the inbox.
  for (const id of config.targets) {
    if (id.startsWith('g:')) await engine.open(id);
    while (!(await cache.getConversation(id))) await new Promise((r) => setTimeout(r, 20));
  }
  await engine.open(config.open);
  process.stdout.write('ready\n');

  for (let i = 0; i < config.sends; i++) {
    const text = `${config.tag}-${i}`;
    await engine.send({ conversationId: config.targets[i % config.targets.length]!, text });
    process.stdout.write(`enqueued ${text}\n`);
  }

  // Older history on demand, too: more writes for a kill to interrupt.
  let turn = 0;
  const backfill = setInterval(() => {
    const id = config.targets[turn++ % config.targets.length]!;
    engine.backfill(id).catch(() => {});
  }, 25);

  if (!config.drain) return;
  // Caught up: two whole background cycles since this run began (everything posted while the app was
  // down is older than that), and the outbox empty, bookkeeping included.
  const cyclesAtStart = engine.scheduler.status().completedCycles;
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    const s = engine.scheduler.status();
    if (s.progress.phase === 'live' && s.completedCycles >= cyclesAtStart + 2 && (await cache.listOutbox()).length === 0) break;
  }
  clearInterval(backfill);
  engine.stop();
  await engine.whenIdle();
  await cache.close();
  budget.close();
  process.stdout.write('drained\n');
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`sync child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
