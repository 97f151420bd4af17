import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './core/options';
import { resolveOptions } from './core/options';

export class CliError extends Error {}

export const USAGE = `Usage: npm run emulator -- [options]

  --port <n>             port on 127.0.0.1 (default 7777; 0 = random)
  --scale <s>            tiny | demo | bench (default demo)
  --seed <n>             data, ids, faults and world seed (default 1)
  --token-ttl <s>        token lifetime in seconds (default 3600)
  --rate-per-hour <n>    MCP calls per sliding hour per user (default 5000; 0 = unlimited)
  --rate-per-day <n>     MCP calls per sliding day per user (default 50000; 0 = unlimited)
  --error-mode <m>       isError | structured | jsonrpc (default isError)
  --binary-mode <m>      base64 | image | url (default base64)
  --sse                  answer as text/event-stream when the client accepts it
  --activity <n>         world events per minute (default 0 = off)
  --start-time <ms>      the clock's first reading, ms since epoch (default: now)
  --control              serve the /__control API
  --latency <ms>         added latency per MCP reply (default 0)
  --jitter <ms>          plus a random extra up to this (default 0)
  --error-rate <p>       probability in [0, 1] that a tools/call fails upstream (default 0)
  --help                 this text
`;

const NUMERIC = {
  port: 'port',
  seed: 'seed',
  'token-ttl': 'tokenTtl',
  'rate-per-hour': 'ratePerHour',
  'rate-per-day': 'ratePerDay',
  activity: 'activityPerMinute',
  'start-time': 'startTime',
} as const;

function number(flag: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new CliError(`--${flag} expects a number (got '${raw}')`);
  return n;
}

/** Parse CLI flags into emulator options; throws CliError with a message fit for the user. */
export function parseCliArgs(argv: string[]): { help: true } | { help: false; options: EmulatorOptions } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        scale: { type: 'string' },
        seed: { type: 'string' },
        'token-ttl': { type: 'string' },
        'rate-per-hour': { type: 'string' },
        'rate-per-day': { type: 'string' },
        'error-mode': { type: 'string' },
        'binary-mode': { type: 'string' },
        sse: { type: 'boolean' },
        activity: { type: 'string' },
        'start-time': { type: 'string' },
        control: { type: 'boolean' },
        latency: { type: 'string' },
        jitter: { type: 'string' },
        'error-rate': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return { help: true };

  const options: EmulatorOptions = { port: 7777 };
  for (const [flag, key] of Object.entries(NUMERIC)) {
    const raw = values[flag];
    if (typeof raw === 'string') (options as Record<string, unknown>)[key] = number(flag, raw);
  }
  if (typeof values.scale === 'string') options.scale = values.scale as EmulatorOptions['scale'];
  if (typeof values['error-mode'] === 'string') options.errorMode = values['error-mode'] as EmulatorOptions['errorMode'];
  if (typeof values['binary-mode'] === 'string') options.binaryMode = values['binary-mode'] as EmulatorOptions['binaryMode'];
  if (values.sse) options.sseReplies = true;
  if (values.control) options.enableControl = true;
  const faults: NonNullable<EmulatorOptions['faults']> = {};
  if (typeof values.latency === 'string') faults.latencyMs = number('latency', values.latency);
  if (typeof values.jitter === 'string') faults.jitterMs = number('jitter', values.jitter);
  if (typeof values['error-rate'] === 'string') faults.errorRate = number('error-rate', values['error-rate']);
  if (Object.keys(faults).length > 0) options.faults = faults;

  try {
    // Same checks the library applies, so a bad value fails before any data is generated.
    resolveOptions(options);
    if (faults.errorRate !== undefined && !(faults.errorRate >= 0 && faults.errorRate <= 1)) throw new RangeError('error-rate must be in [0, 1]');
    if ((faults.latencyMs ?? 0) < 0 || (faults.jitterMs ?? 0) < 0) throw new RangeError('latency and jitter must be non-negative');
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  return { help: false, options };
}
