import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBoundaries } from '../scripts/lint-boundaries.mjs';

const repoRoot = join(__dirname, '..');
const check: (root: string) => string[] = checkBoundaries;

describe('folder boundaries', () => {
  it('the repository respects every import rule', () => {
    expect(check(repoRoot)).toEqual([]);
  });

  describe('the rule catches each kind of crossing', () => {
    let root: string;
    afterEach(() => rmSync(root, { recursive: true, force: true }));
    const plant = (files: Record<string, string>) => {
      root = mkdtempSync(join(tmpdir(), 'sb-boundaries-'));
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
      }
      return check(root);
    };

    it.each([
      ['renderer importing backend code', { 'renderer/src/a.ts': "import { x } from '../../electron/backend/vault';", 'electron/backend/vault.ts': 'export const x = 1;' }, /crosses from renderer into electron\/backend/],
      ['renderer importing a Node built-in', { 'renderer/src/a.ts': "import fs from 'node:fs';" }, /renderer has no Node built-ins/],
      ['backend importing electron', { 'electron/backend/a.ts': "import { app } from 'electron';" }, /must not import 'electron'/],
      ['backend importing electron dynamically', { 'electron/backend/a.ts': "const e = await import('electron');" }, /must not import 'electron'/],
      ['shared importing Node', { 'shared/a.ts': "import { join } from 'path';" }, /shared has no Node built-ins/],
      ['emulator importing the backend', { 'emulator/a.ts': "export * from '../electron/backend/x';", 'electron/backend/x.ts': '' }, /crosses from emulator/],
      ['preload importing the backend', { 'electron/preload/a.ts': "import '../backend/x';", 'electron/backend/x.ts': '' }, /crosses from electron\/preload/],
      ['renderer code taking values from the contract', { 'renderer/src/a.ts': "import { MAX, type T } from '../../shared/ipc/contract';", 'shared/ipc/contract.ts': 'export const MAX = 1;' }, /takes only types from the contract/],
    ])('%s', (_name, files, expected) => {
      const problems = plant(files);
      expect(problems.join('\n')).toMatch(expected);
    });

    it('allowed imports pass', () => {
      expect(plant({ 'renderer/src/a.ts': "import { z } from 'zod'; import type { C } from '../../shared/ipc/contract';", 'renderer/src/a.test.ts': "import { c } from '../../shared/ipc/contract';", 'shared/ipc/contract.ts': 'export const c = 1;' })).toEqual([]);
    });
  });
});
