#!/usr/bin/env node
// `npm test`: every suite (vitest unit + integration, Playwright end-to-end), then one summary line
// `N passed, N failed, N skipped`. On Linux without a desktop keyring session (CI, SSH, containers)
// it re-runs itself inside a private D-Bus session with a throwaway, unlocked gnome-keyring, so the
// keychain tests run against a real Secret Service instead of being skipped.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const INNER = 'SWITCHBOARD_KEYRING_SESSION';

function needsPrivateKeyring() {
  if (process.platform !== 'linux' || process.env[INNER]) return false;
  if (process.env.SWITCHBOARD_PRIVATE_KEYRING === '1') return true;
  // A desktop session has a bus and (usually) a keyring on it; CI has neither.
  return !process.env.DBUS_SESSION_BUS_ADDRESS;
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

if (needsPrivateKeyring()) {
  for (const cmd of ['dbus-run-session', 'gnome-keyring-daemon']) {
    if (!which(cmd)) {
      console.error(`npm test: '${cmd}' is missing. On Debian/Ubuntu: sudo apt-get install dbus gnome-keyring libsecret-1-dev`);
      process.exit(2);
    }
  }
  const keyringHome = mkdtempSync(join(tmpdir(), 'switchboard-keyring-'));
  // The daemon reads the (throwaway) unlock password on stdin, daemonizes and stays on this private bus.
  const script = `printf 'switchboard-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"`;
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', script, process.execPath, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, [INNER]: '1', XDG_DATA_HOME: keyringHome },
  });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    rmSync(keyringHome, { recursive: true, force: true });
    process.exit(code ?? (signal ? 1 : 0));
  });
} else {
  await runSuites();
}

function run(cmd, cmdArgs, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(`npm test: could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The titles of Playwright tests whose status is "flaky" (failed, then passed on a retry), from its JSON report. */
function flakyTitles(suites, path = []) {
  const out = [];
  for (const suite of suites) {
    const here = suite.title && !suite.title.endsWith('.ts') ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      if ((spec.tests ?? []).some((t) => t.status === 'flaky')) out.push(`${spec.file}:${spec.line} › ${[...here, spec.title].join(' › ')}`);
    }
    out.push(...flakyTitles(suite.suites ?? [], here));
  }
  return out;
}

async function runSuites() {
  const out = join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  const vitestJson = join(out, 'vitest.json');
  const e2eJson = join(out, 'e2e.json');
  rmSync(vitestJson, { force: true });
  rmSync(e2eJson, { force: true });
  const bin = (name) => join(root, 'node_modules', '.bin', name);

  const only = process.env.SWITCHBOARD_TEST_ONLY; // 'unit' | 'e2e' for quick local runs
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let crashed = false;

  if (only !== 'e2e') {
    const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...args]);
    const r = readJson(vitestJson);
    if (r) {
      passed += r.numPassedTests ?? 0;
      failed += r.numFailedTests ?? 0;
      skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
      // Suites that failed to load report no tests: count each as a failure so they cannot hide.
      const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
      failed += brokenFiles;
    }
    if (code !== 0 && (!r || (r.numFailedTests ?? 0) === 0)) crashed = true;
  }

  if (only !== 'unit' && existsSync(join(root, 'playwright.config.ts'))) {
    // With SWITCHBOARD_TEST_ONLY=e2e the arguments (spec paths, --grep…) go to Playwright instead.
    const code = await run(bin('playwright'), ['test', ...(only === 'e2e' ? args : [])]);
    const r = readJson(e2eJson);
    if (r?.stats) {
      passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0);
      failed += r.stats.unexpected ?? 0;
      skipped += r.stats.skipped ?? 0;
      // Passed only on a retry (CI allows one): named, so a flake is seen and mended, not forgotten.
      for (const title of flakyTitles(r.suites ?? [])) console.log(`flaky (passed on its retry): ${title}`);
    }
    if (code !== 0 && (!r?.stats || (r.stats.unexpected ?? 0) === 0)) crashed = true;
  }

  if (crashed && failed === 0) failed = 1; // a runner died without reporting: never print a green line
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed > 0 ? 1 : 0);
}
