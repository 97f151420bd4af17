/**
 * `npm run emulator -- --port 7777 …`: the emulator as a standalone process.
 * Prints one `listening on http://127.0.0.1:<port>` line, then the demo
 * credentials. Bad flags exit with code 2.
 */
import { CliError, parseCliArgs, USAGE } from './cliArgs';

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`emulator: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  // Loaded after the flags are checked so a typo fails at once, before any data is generated.
  const { startEmulator } = await import('./index');
  const emulator = await startEmulator(parsed.options);
  const c = emulator.credentials;
  process.stdout.write(
    `listening on ${emulator.url}\n` +
      `  client id:     ${c.clientId}\n` +
      `  client secret: ${c.clientSecret}\n` +
      `  org id:        ${c.orgId}\n` +
      `  api key:       ${c.apiKey}\n`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`emulator: ${signal}, stopping\n`);
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
