/**
 * `npm run web` arguments. Kept apart from cli.ts (which starts the host on import) so they can be
 * tested without a process.
 */

export const USAGE =
  'Usage: npm run web -- [--port N] [--demo] [--pinkfish-url URL]   (N = 0..65535, 0 or absent picks a free port; --demo opens the demo workspace even when credentials are stored; --pinkfish-url (or SWITCHBOARD_PINKFISH_URL) points "live" at one host serving all three Pinkfish services, e.g. an emulator)';

export class UsageError extends Error {}

export interface CliArgs {
  port: number;
  demo: boolean;
  /** One base URL for the token host, the MCP Farm and PinkConnect (an emulator); absent = the real Pinkfish. */
  pinkfishUrl?: string;
}

function checkUrl(value: string | undefined, from: string): string {
  let url: URL | null = null;
  try {
    url = value ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new UsageError(`${from} needs an http(s) URL without credentials or query, got ${JSON.stringify(value ?? '')}.`);
  }
  return url.href.replace(/\/+$/, '');
}

export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliArgs {
  const out: CliArgs = { port: 0, demo: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--demo') {
      out.demo = true;
      continue;
    }
    if (arg === '--pinkfish-url' || arg.startsWith('--pinkfish-url=')) {
      const value = arg === '--pinkfish-url' ? argv[++i] : arg.slice('--pinkfish-url='.length);
      out.pinkfishUrl = checkUrl(value, '--pinkfish-url');
      continue;
    }
    let value: string | undefined;
    if (arg === '--port') value = argv[++i];
    else if (arg.startsWith('--port=')) value = arg.slice('--port='.length);
    else throw new UsageError(`Unknown argument ${JSON.stringify(arg)}.`);
    if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      throw new UsageError(`--port needs a number from 0 to 65535, got ${JSON.stringify(value ?? '')}.`);
    }
    out.port = Number(value);
  }
  if (out.pinkfishUrl === undefined && env.SWITCHBOARD_PINKFISH_URL) out.pinkfishUrl = checkUrl(env.SWITCHBOARD_PINKFISH_URL, 'SWITCHBOARD_PINKFISH_URL');
  return out;
}
