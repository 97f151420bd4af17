#!/usr/bin/env node
// The import rules between folders (see each folder's README). tsconfig project references already
// stop most crossings at compile time; this catches the rest (a bare 'electron' import in the
// backend, Node built-ins in the renderer, …) and runs in `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** folder → { may: folders it may import from (relative imports), packages: allowed bare imports (prefix match) or '*' } */
export const rules = {
  shared: { may: ['shared'], packages: ['zod'], node: false },
  renderer: { may: ['renderer', 'shared'], packages: ['react', 'react-dom', 'zustand', 'zod'], node: false },
  'electron/preload': { may: ['electron/preload', 'shared'], packages: ['electron', 'zod'], node: false },
  'electron/backend': { may: ['electron/backend', 'shared', 'emulator'], packages: '*', forbid: ['electron'], node: true },
  // The web host's tests drive the renderer's real WebSocket transport against the real server.
  'electron/web': { may: ['electron/web', 'electron/backend', 'shared', 'emulator'], testsMay: ['renderer/src/platform'], packages: '*', forbid: ['electron'], node: true },
  'electron/main': { may: ['electron/main', 'electron/backend', 'shared'], packages: '*', node: true },
  emulator: { may: ['emulator', 'shared'], packages: '*', forbid: ['electron'], node: true },
};

const importRe = /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield p;
  }
}

function folderOf(rel) {
  const posix = rel.split(sep).join('/');
  return Object.keys(rules)
    .filter((f) => posix === f || posix.startsWith(`${f}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export function checkBoundaries(root) {
  const problems = [];
  for (const folder of Object.keys(rules)) {
    const rule = rules[folder];
    let files;
    try {
      files = [...sourceFiles(join(root, folder))];
    } catch {
      continue;
    }
    for (const file of files) {
      // Tests may use test tooling, but still never cross into forbidden folders.
      const isTest = /\.test\.tsx?$/.test(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2] ?? m[3];
        const where = `${relative(root, file)}: '${spec}'`;
        if (spec.startsWith('.')) {
          const target = relative(root, resolve(dirname(file), spec));
          const targetFolder = folderOf(target);
          const posixTarget = target.split(sep).join('/');
          const allowed =
            (targetFolder ? rule.may.includes(targetFolder) : rule.may.some((f) => posixTarget.startsWith(`${f}/`))) ||
            (isTest && (rule.testsMay ?? []).some((f) => posixTarget.startsWith(`${f}/`)));
          if (!allowed && !(isTest && /package\.json$/.test(spec))) problems.push(`${where} crosses from ${folder} into ${targetFolder ?? target}`);
          // The contract's zod schemas cost tens of milliseconds to build (and collect) at the window's
          // start: the renderer's code takes only types from it (limits live in shared/ipc/limits.ts).
          if (folder === 'renderer' && !isTest && posixTarget === 'shared/ipc/contract' && !/^(import|export)\s+type\b/.test(m[0])) {
            problems.push(`${where}: the renderer takes only types from the contract (import type)`);
          }
          continue;
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (rule.forbid?.includes(pkg)) {
          problems.push(`${where}: ${folder} must not import '${pkg}'`);
        } else if (builtins.has(spec) || builtins.has(pkg)) {
          if (!rule.node && !isTest) problems.push(`${where}: ${folder} has no Node built-ins`);
        } else if (rule.packages !== '*' && !isTest && !rule.packages.includes(pkg)) {
          problems.push(`${where}: ${folder} may import only ${rule.packages.join(', ')}`);
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const problems = checkBoundaries(root);
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? 'boundaries: ok' : `boundaries: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
