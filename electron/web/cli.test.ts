import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connect, get } from './testSupport';

/**
 * `npm run web` as a user runs it: scripts/web.mjs (builds the renderer if stale) -> tsx -> cli.ts,
 * a real process on a real port.
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const URL_LINE = /^Switchboard web host: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-web-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const started: ChildProcess[] = [];
afterEach(() => {
  // Each run has its own process group, so a failed test cannot leave tsx or the host behind.
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function run(args: string[]): Running {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'web.mjs'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    // The host's cache goes to a throwaway directory, not the user's data directory.
    env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir },
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Resolves with the URL line as soon as it is printed; rejects if the process exits first. */
async function urlLine(r: Running): Promise<RegExpMatchArray> {
  const line = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const nl = r.stdout().indexOf('\n');
      if (nl !== -1) resolve(r.stdout().slice(0, nl));
    };
    r.child.stdout!.on('data', check);
    check();
    void r.exit.then((e) => reject(new Error(`exited (${e.code ?? e.signal}) before printing the URL: ${r.stderr()}`)));
  });
  const match = line.match(URL_LINE);
  if (!match) throw new Error(`unexpected first line: ${JSON.stringify(line)}`);
  return match;
}

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as { port: number };
  srv.close();
  await once(srv, 'close');
  return port;
}

describe('npm run web', () => {
  it('prints one URL line, serves the app with host web, and stops cleanly on SIGTERM', async () => {
    const r = run(['--demo']);
    const [, portText, token] = await urlLine(r);
    const port = Number(portText);

    const page = await get(port, `/?token=${token}`);
    expect(page.status).toBe(303);
    const up = await connect(port, { origin: `http://127.0.0.1:${port}`, cookie: `switchboard_${port}=${token}` });
    // Events (app:ready, sync:status) may come first, interleaved with the reply: wait for id 1.
    const reply = new Promise<Record<string, unknown>>((resolve) => {
      const onMessage = (d: Buffer) => {
        const msg = JSON.parse(String(d)) as Record<string, unknown>;
        if (msg.id !== 1) return;
        up.ws!.off('message', onMessage);
        resolve(msg);
      };
      up.ws!.on('message', onMessage);
    });
    up.ws!.send(JSON.stringify({ id: 1, type: 'invoke', channel: 'app:info' }));
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await reply).toMatchObject({ id: 1, result: { ok: true, value: { name: 'Switchboard', version: pkg.version, mode: 'demo', host: 'web' } } });

    const closedByHost = once(up.ws!, 'close');
    r.child.kill('SIGTERM');
    expect(await r.exit).toEqual({ code: 0, signal: null });
    expect((await closedByHost)[0]).toBe(1001);
    // Exactly one line on stdout, and the token nowhere else.
    expect(r.stdout().split('\n')).toEqual([expect.stringMatching(URL_LINE), '']);
    expect(r.stderr()).not.toContain(token);
    await expect(get(port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('uses --port and stops on Ctrl-C (SIGINT to the whole process group)', async () => {
    const port = await freePort();
    const r = run(['--port', String(port)]);
    const [, printed] = await urlLine(r);
    expect(Number(printed)).toBe(port);
    // A terminal signals the foreground group and `npm run` forwards the same signal again.
    process.kill(-r.child.pid!, 'SIGINT');
    process.kill(-r.child.pid!, 'SIGINT');
    expect(await r.exit).toEqual({ code: 0, signal: null });
    await expect(get(port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('stops the host when the launcher is killed outright', async () => {
    const r = run([]);
    const [, portText, token] = await urlLine(r);
    const port = Number(portText);
    const up = await connect(port, { origin: `http://127.0.0.1:${port}`, cookie: `switchboard_${port}=${token}` });
    const closedByHost = once(up.ws!, 'close');
    r.child.kill('SIGKILL');
    // The host notices its launcher is gone and shuts down, rather than holding the port.
    expect((await closedByHost)[0]).toBe(1001);
  });

  it('says so in one line when the port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };
    try {
      const r = run([`--port=${port}`]);
      expect((await r.exit).code).toBe(1);
      expect(r.stdout()).toBe('');
      expect(r.stderr()).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
    } finally {
      blocker.close();
    }
  });

  it('refuses bad arguments with usage and exit 2', async () => {
    const cases = [['--port', 'abc'], ['--port', '70000'], ['--port'], ['--host', '0.0.0.0']];
    const runs = cases.map((args) => run(args));
    for (const [i, r] of runs.entries()) {
      expect((await r.exit).code, cases[i]!.join(' ')).toBe(2);
      expect(r.stdout()).toBe('');
      expect(r.stderr()).toMatch(/Usage: npm run web/);
    }
  });
});
