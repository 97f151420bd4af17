import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepAbandonedBuilds } from './ui';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the ui bench’s kept cache folder', () => {
  it('loses the files of a build whose process is gone, and keeps a running build’s and the kept cache', () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-ui-bench-test-'));
    // A process that has exited: its pid names an abandoned build.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const files = [`building-${gone}.db`, `building-${gone}.db-search`, `building-${gone}.db-wal`, `building-${process.pid}.db`, 'cache-bench-v12-abc.db', 'cache-bench-v12-abc.json'];
    for (const f of files) writeFileSync(join(dir, f), 'x');
    expect(sweepAbandonedBuilds(dir).sort()).toEqual([`building-${gone}.db`, `building-${gone}.db-search`, `building-${gone}.db-wal`]);
    expect(readdirSync(dir).sort()).toEqual([`building-${process.pid}.db`, 'cache-bench-v12-abc.db', 'cache-bench-v12-abc.json']);
  });
});
