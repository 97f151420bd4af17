import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from './cliArgs';

describe('parseCliArgs', () => {
  it('maps every flag to an option', () => {
    const r = parseCliArgs(
      '--port 0 --scale tiny --token-ttl 60 --rate-per-hour 10 --rate-per-day 20 --error-mode jsonrpc --binary-mode url --seed 9 --activity 6 --start-time 1793491200000 --control --sse --latency 5 --jitter 3 --error-rate 0.1'.split(' '),
    );
    expect(r).toEqual({
      help: false,
      options: {
        port: 0,
        scale: 'tiny',
        tokenTtl: 60,
        ratePerHour: 10,
        ratePerDay: 20,
        errorMode: 'jsonrpc',
        binaryMode: 'url',
        seed: 9,
        activityPerMinute: 6,
        startTime: 1793491200000,
        enableControl: true,
        sseReplies: true,
        faults: { latencyMs: 5, jitterMs: 3, errorRate: 0.1 },
      },
    });
  });

  it('defaults to port 7777 and recognises --help', () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { port: 7777 } });
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it.each([
    [['--colour', 'red'], /Unknown option '--colour'/],
    [['--port', 'abc'], /--port expects a number/],
    [['--port', '70000'], /port must be an integer/],
    [['--scale', 'huge'], /scale must be tiny, demo or bench/],
    [['--error-mode', 'loud'], /errorMode must be one of/],
    [['--binary-mode', 'fax'], /binaryMode must be one of/],
    [['--token-ttl', '0'], /tokenTtl must be positive/],
    [['--error-rate', '3'], /error-rate must be in \[0, 1\]/],
    [['extra'], /positional/i],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('cli process', () => {
  it('exits with code 2 and a clear message on a bad flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--scale', 'huge'], { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('emulator: scale must be tiny, demo or bench');
  });
});
