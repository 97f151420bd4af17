/**
 * How fast the emulator answers simple reads over loopback, so the other
 * benchmarks know they measure the client and not the emulator. Prints one
 * JSON line: {"bench":"emulator","calls_per_s":N,"p95_ms":N}.
 */
import type { RunningEmulator } from '../emulator/core/server';
import type { EmulatorOptions } from '../emulator/core/options';
import { runLoad, type LoadTarget } from './loadWorker';

export interface EmulatorBenchOptions {
  /** Requests in flight at once (default 32). */
  concurrency?: number;
  /** Measured time, ms (default 4000), after a warm-up (default 500). */
  durationMs?: number;
  warmupMs?: number;
  /** Replaces the real emulator (the bench's own test uses fake services). */
  start?: (opts: EmulatorOptions) => Promise<RunningEmulator>;
  /** Write the JSON line to stdout (default true). */
  print?: boolean;
}

export interface EmulatorBenchResult {
  bench: 'emulator';
  calls_per_s: number;
  p95_ms: number;
}

async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function runEmulatorBench(opts: EmulatorBenchOptions = {}): Promise<EmulatorBenchResult> {
  const start = opts.start ?? (await import('../emulator/index')).startEmulator;
  // Unlimited rate so the bench measures throughput, not the 5,000/hour budget.
  const emulator = await start({ scale: 'demo', seed: 1, ratePerHour: 0, ratePerDay: 0 });
  try {
    const { access_token: token } = await fetchJson<{ access_token: string }>(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret', scope: 'org:demo-org' }),
    });
    const conns = await fetchJson<Array<{ id: string; service_key: string }>>(`${emulator.url}/manage/user-connections?statuses=connected`, {
      headers: { 'Auth-Token': `Bearer ${token}` },
    });
    const pcid = (match: (key: string) => boolean) => {
      const conn = conns.find((c) => match(c.service_key));
      if (!conn) throw new Error('the emulator lists no usable connection');
      return conn.id;
    };
    const call = (path: string, name: string, args: Record<string, unknown>): LoadTarget => ({
      path,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
    });
    const targets = [
      call('/genesys-chat', 'genesys_chat_get_chats_settings', { PCID: pcid((k) => k === 'genesys') }),
      call('/unipile-messaging', 'unipile_messaging_list_all_chats', { PCID: pcid((k) => k.startsWith('unipile')), limit: 10 }),
    ];
    const load = await runLoad({
      port: emulator.port,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      targets,
      concurrency: opts.concurrency ?? 32,
      warmupMs: opts.warmupMs ?? 500,
      durationMs: opts.durationMs ?? 4000,
    });
    const result: EmulatorBenchResult = {
      bench: 'emulator',
      calls_per_s: Math.round(load.calls / (load.elapsedMs / 1000)),
      p95_ms: Math.round(load.p95Ms * 100) / 100,
    };
    if (opts.print !== false) process.stdout.write(`${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await emulator.stop();
  }
}
