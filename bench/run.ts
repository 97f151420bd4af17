/**
 * `npm run bench -- <name…>`: runs the named benchmarks (all of them with no
 * name), one after another. Each prints its own JSON line. Add a benchmark by
 * adding it to BENCHES.
 */
import { runApiBench } from './api';
import { runCacheBench } from './cache';
import { runEmulatorBench } from './emulator';
import { runSyncBench } from './sync';
import { runUiBench } from './ui';

export const BENCHES: Record<string, () => Promise<unknown>> = {
  emulator: () => runEmulatorBench(),
  api: () => runApiBench(),
  cache: () => runCacheBench(),
  sync: () => runSyncBench(),
  ui: () => runUiBench(),
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = names.filter((n) => !Object.hasOwn(BENCHES, n));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown benchmark ${unknown.map((n) => `'${n}'`).join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exit(2);
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) await BENCHES[name]!();
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
