import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary, repoRoot, target } from './target';

/**
 * Builds what the target needs, once per run, before any worker starts. The web target reuses
 * `npm run web`'s own freshness check so e2e and users run the same bundle.
 */
export default function globalSetup(): void {
  if (target === 'electron') {
    if (!electronBinary()) {
      throw new Error('E2E_TARGET=electron needs the Electron binary (node_modules/electron/dist), which is not installed here; run the suite without E2E_TARGET to use the web host.');
    }
    run([path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], 'electron-vite build');
  } else {
    run([path.join(repoRoot, 'scripts', 'web.mjs'), '--build-only'], 'the renderer build');
  }
}

function run(args: string[], what: string): void {
  const res = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`e2e setup: ${what} failed (exit ${res.status ?? res.signal}).`);
}
