import { openSeededApp, startSeededHost, test, type SeededHost } from '../fixtures';
import { enterApp } from './panels';
import { preparePanelsWorld, type PanelsWorld } from './panelsWorld';

/**
 * One seeded web host per spec file (its own emulator, no background activity), opened fresh for
 * each test. Returns the world the file's tests read (filled in before the first test).
 */
export function useSeededWorld(): { readonly world: PanelsWorld } {
  const state: { world?: PanelsWorld } = {};
  let seeded: SeededHost | undefined;
  test.skip(({ target }) => target === 'electron', 'seeds the emulator of its own web host');
  // Screenshots and axe runs in two themes, on a 2-core box shared with the rest of the suite.
  test.describe.configure({ timeout: 120_000 });
  test.beforeAll(async ({}, testInfo) => {
    // Building the demo world and the backend's first sync take a while on a busy 2-core box.
    testInfo.setTimeout(120_000);
    seeded = await startSeededHost(preparePanelsWorld(state));
    await seeded.synced;
  });
  test.afterAll(async () => {
    await seeded?.stop();
  });
  test.beforeEach(async ({ page, appErrors }) => {
    await openSeededApp(page, seeded!, appErrors);
    await enterApp(page);
  });
  return {
    get world() {
      if (!state.world) throw new Error('the seeded world is not ready');
      return state.world;
    },
  };
}
