#!/usr/bin/env node
// `npm start`: the desktop app. Builds when the output is missing or older than the sources, then
// launches Electron. Where the Electron binary is absent (and cannot be fetched) it says so in one
// line and points to the browser host instead of failing with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

let bin = electronBinary();
if (!bin && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1' && existsSync(join(electronDir, 'install.js'))) {
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', cwd: electronDir });
  bin = electronBinary();
}
if (!bin) {
  console.error('Switchboard: the Electron binary is not installed on this machine, so the desktop app cannot start; run `npm run web` to use Switchboard in your browser.');
  process.exit(1);
}

const outMain = join(root, 'out', 'main', 'index.js');
const sources = ['electron', 'renderer', 'shared', 'emulator'].map((d) => join(root, d));
const stale = !existsSync(outMain) || sources.some((d) => existsSync(d) && newestMtime(d) > statSync(outMain).mtimeMs);
if (stale) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(bin, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
