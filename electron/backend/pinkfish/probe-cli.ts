import { runProbes } from './probe';
import { LIVE_ENDPOINTS, singleHostEndpoints, type PinkfishEndpoints } from './endpoints';
import { Vault, type PinkfishCredentials } from '../vault/vault';

/**
 * `npm run probe [-- --url <base> | --emulator] [--json]`: runs the platform
 * probes and prints what was observed. Credentials come from the environment
 * (PINKFISH_CLIENT_ID + PINKFISH_CLIENT_SECRET + PINKFISH_ORG_ID, or
 * PINKFISH_API_KEY + PINKFISH_ORG_ID) or else the keychain; they are never printed.
 */

function usage(): never {
  console.error('usage: npm run probe -- [--url <base URL> | --emulator] [--json]');
  process.exit(2);
}

async function credentialsFromEnvOrVault(): Promise<PinkfishCredentials | null> {
  const env = process.env;
  if (env.PINKFISH_CLIENT_ID && env.PINKFISH_CLIENT_SECRET && env.PINKFISH_ORG_ID) {
    return { kind: 'oauth', clientId: env.PINKFISH_CLIENT_ID, clientSecret: env.PINKFISH_CLIENT_SECRET, orgId: env.PINKFISH_ORG_ID };
  }
  if (env.PINKFISH_API_KEY && env.PINKFISH_ORG_ID) return { kind: 'apiKey', apiKey: env.PINKFISH_API_KEY, orgId: env.PINKFISH_ORG_ID };
  return new Vault().getCredentials().catch(() => null);
}

async function main() {
  const args = process.argv.slice(2);
  let url: string | undefined;
  let useEmulator = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--url') url = args[++i] ?? usage();
    else if (a === '--emulator') useEmulator = true;
    else if (a === '--json') json = true;
    else usage();
  }
  let endpoints: PinkfishEndpoints = url ? singleHostEndpoints(url) : LIVE_ENDPOINTS;
  let credentials = await credentialsFromEnvOrVault();
  let stop: (() => Promise<void>) | undefined;
  if (useEmulator) {
    const { startEmulator } = await import('../../../emulator/index');
    const emulator = await startEmulator({ scale: 'tiny' });
    endpoints = singleHostEndpoints(emulator.url);
    credentials = { kind: 'oauth', clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret, orgId: emulator.credentials.orgId };
    stop = () => emulator.stop();
  }
  if (!credentials) {
    console.error('probe: no credentials. Set PINKFISH_CLIENT_ID, PINKFISH_CLIENT_SECRET and PINKFISH_ORG_ID (or PINKFISH_API_KEY and PINKFISH_ORG_ID), sign in with the app, or use --emulator.');
    process.exit(2);
  }
  const report = await runProbes({ credentials, endpoints });
  await stop?.();
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`Pinkfish probe against ${report.target}`);
  console.log(`token: ${report.token.ok ? `ok (${report.token.exchangeMs} ms)` : `FAILED ${report.token.error}`}`);
  if (report.handshake) console.log(`handshake: initialize ${report.handshake.initialize}; Mcp-Session-Id ${report.handshake.sessionIdHeader ? 'yes' : 'no'}; notifications/initialized → ${report.handshake.initializedNotification}; GET → ${report.handshake.getStream}`);
  if (report.connections) console.log(`connections: header ${report.connections.header}; fields ${report.connections.fields.join(', ')}; service keys ${report.connections.serviceKeys.join(', ')}; bad token → ${report.connections.badTokenStatus}`);
  for (const [k, v] of Object.entries(report.errorForms ?? {})) console.log(`error form, ${k}: ${v}`);
  if (report.badTokenOnMcp !== undefined) console.log(`bad token on the Farm → HTTP ${report.badTokenOnMcp}`);
  for (const [k, v] of Object.entries(report.binaryForms ?? {})) console.log(`binary form, ${k}: ${v}`);
  for (const [k, v] of Object.entries(report.drift ?? {})) console.log(`catalog ${k}: ${'error' in v ? v.error : `+${v.added.length} -${v.removed.length} ~${v.changed.length}`}`);
  for (const n of report.notes) console.log(`note: ${n}`);
}

main().catch((err: unknown) => {
  console.error(`probe failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
