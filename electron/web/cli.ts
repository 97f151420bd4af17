import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../backend';
import { singleHostEndpoints } from '../backend/pinkfish/endpoints';
import { parseArgs, USAGE, UsageError, type CliArgs } from './cliArgs';
import { webDataDir } from './dataDir';
import { startWebHost, type WebHost } from './server';

/**
 * `npm run web` ends here (scripts/web.mjs builds the renderer first). stdout carries exactly one
 * line, the URL: scripts and the e2e fixture read it, and nothing else may print the token.
 */

const repoRoot = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }

  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const backend = createBackend({
    version: pkg.version,
    host: 'web',
    workspace: args.demo ? 'demo' : 'auto',
    dataDir: webDataDir(),
    ...(args.pinkfishUrl ? { liveEndpoints: singleHostEndpoints(args.pinkfishUrl) } : {}),
  });
  let host: WebHost | undefined;

  let stopping = false;
  const shutdown = (): void => {
    // A user may press Ctrl-C twice, or run this directly where the terminal and a wrapper both signal.
    if (stopping) return;
    stopping = true;
    const watchdog = setTimeout(() => process.exit(1), 5000);
    watchdog.unref();
    Promise.resolve(host?.stop())
      .then(() => backend.dispose())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  // Installed before anything is printed: whoever reads the URL line may signal us the next instant.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
  // Started by scripts/web.mjs: if it dies (even by SIGKILL) the channel closes and the host goes too,
  // instead of holding the port in a process group nobody will signal.
  if (process.send) process.on('disconnect', shutdown);

  try {
    host = await startWebHost({ port: args.port, rendererDir: process.env.SWITCHBOARD_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'), backend });
  } catch (err) {
    await backend.dispose();
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'EADDRINUSE' ? `Port ${args.port} on 127.0.0.1 is already in use.` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`Switchboard web host: ${message}\n`);
    process.exit(1);
  }
  // A signal came while starting: shutdown is already under way; close what we opened, announce nothing.
  if (stopping) return void host.stop();

  process.stdout.write(`Switchboard web host: ${host.url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Switchboard web host: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
