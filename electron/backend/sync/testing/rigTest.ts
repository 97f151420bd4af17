import { afterEach } from 'vitest';
import { startRig, type Rig, type RigOptions } from './rig';

/**
 * For test files: a rig factory whose rigs are all stopped after each test
 * (kept apart from rig.ts, which the sync bench imports without vitest).
 */
export function useRigs(): (options?: RigOptions) => Promise<Rig> {
  const rigs: Rig[] = [];
  afterEach(async () => {
    for (const r of rigs.splice(0).reverse()) await r.stop();
  });
  return async (options = {}) => {
    const r = await startRig(options);
    rigs.push(r);
    return r;
  };
}

/** Starts the engine and waits until its initial sync has finished. */
export async function live(r: Rig): Promise<void> {
  await r.engine.start();
  await r.until(async () => (await r.engine.status()).progress.phase === 'live');
}
