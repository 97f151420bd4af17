#!/usr/bin/env node
// `npm run web [-- --port N]`: build the renderer when it is missing or older than its sources, then run
// the web host (electron/web/cli.ts) under tsx. `--build-only` stops after the build (the e2e setup uses it).
// Only the renderer is built: the web host needs no Electron main or preload bundle.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// SWITCHBOARD_RENDERER_DIR: build and serve elsewhere than out/renderer (parallel e2e runs in one tree).
const rendererDir = process.env.SWITCHBOARD_RENDERER_DIR ?? join(root, 'out', 'renderer');
const builtIndex = join(rendererDir, 'index.html');
// What the renderer bundle is made of: its own tree, the shared contract, the build config and the lockfile.
const sources = ['renderer', 'shared', 'electron.vite.config.ts', 'package-lock.json'];

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function rendererIsStale() {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return sources.some((s) => newestMtime(join(root, s)) > built);
}

async function buildRenderer() {
  // The renderer section of electron.vite.config.ts, built alone: a broken main/preload must not stop
  // the browser host, and this is a third of the work of `electron-vite build`.
  // What electron-vite's own build() sets before resolving, so plugins see the same environment.
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const resolved = await resolveConfig({ root, logLevel: 'warn' }, 'build', 'production');
  const renderer = resolved.config.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section.');
  // Vite empties only an outDir inside the project by itself; a folder elsewhere (SWITCHBOARD_RENDERER_DIR)
  // would keep every earlier build's hashed assets.
  await build({ ...renderer, build: { ...renderer.build, outDir: rendererDir, emptyOutDir: true } });
}

const args = process.argv.slice(2);
const buildOnly = args.includes('--build-only');

if (rendererIsStale()) {
  process.stderr.write('Building the renderer…\n');
  // The build logs to stdout; keep stdout for the host's one URL line, which tools read.
  const log = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
  try {
    await buildRenderer();
  } catch (err) {
    process.stderr.write(`Renderer build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  } finally {
    process.stdout.write = log;
  }
}

if (!buildOnly) {
  // tsx as a loader in the host's own process, not the tsx CLI: that would add a third process with a
  // signal relay of its own (a 30 ms handshake, then SIGKILL) between us and the host.
  const loader = import.meta.resolve('tsx');
  // The host runs in its own process group and hears signals only from us, exactly once: a terminal's
  // Ctrl-C reaches the whole group and npm forwards it again, and Node dies of a signal that lands
  // while it is exiting. The IPC channel stops the host if this process dies without forwarding.
  const child = spawn(process.execPath, ['--import', loader, join(root, 'electron', 'web', 'cli.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // On Windows a detached child gets a console window of its own, and there are no process groups.
    detached: process.platform !== 'win32',
  });
  let forwarded = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (forwarded || child.exitCode !== null || child.signalCode !== null) return;
      forwarded = true;
      child.kill(signal);
    });
  }
  child.on('error', (err) => {
    process.stderr.write(`Could not start the web host: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die the same way so a parent sees the real cause.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}
