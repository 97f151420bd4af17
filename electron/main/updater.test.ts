import { afterEach, describe, expect, it, vi } from 'vitest';
import { UPDATE_CHECK } from '../backend/desktop/updatePolicy';
import { startAutoUpdates, type UpdaterLike } from './updater';

function fakeUpdater(result: { isUpdateAvailable?: boolean } | null | Error = null) {
  const listeners = new Map<string, (arg: never) => void>();
  const u = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
    on: vi.fn((event: string, l: (arg: never) => void) => listeners.set(event, l)),
    checkForUpdates: vi.fn(async () => {
      if (result instanceof Error) throw result;
      return result;
    }),
    quitAndInstall: vi.fn(),
    fire: (event: string, arg: unknown) => listeners.get(event)?.(arg as never),
  };
  return u;
}

afterEach(() => vi.useRealTimers());

describe('startAutoUpdates', () => {
  it('downloads in the background and installs on quit', () => {
    vi.useFakeTimers();
    const u = fakeUpdater();
    const updates = startAutoUpdates({ updater: u as unknown as UpdaterLike, ask: vi.fn(async () => 1), beforeRestart: vi.fn(), log: vi.fn() });
    expect(u.autoDownload).toBe(true);
    expect(u.autoInstallOnAppQuit).toBe(true);
    updates.stop();
  });

  it('checks a while after start and then every few hours, until stopped', async () => {
    vi.useFakeTimers();
    const u = fakeUpdater();
    const updates = startAutoUpdates({ updater: u as unknown as UpdaterLike, ask: vi.fn(async () => 1), beforeRestart: vi.fn(), log: vi.fn() });
    expect(u.checkForUpdates).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK.firstAfterMs);
    expect(u.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK.everyMs);
    expect(u.checkForUpdates).toHaveBeenCalledTimes(2);
    updates.stop();
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK.everyMs * 3);
    expect(u.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('asks before restarting, and restarts only when the user says so', async () => {
    const u = fakeUpdater();
    const beforeRestart = vi.fn();
    const ask = vi.fn(async () => 0);
    const updates = startAutoUpdates({ updater: u as unknown as UpdaterLike, ask, beforeRestart, log: vi.fn() });
    u.fire('update-downloaded', { version: '2.0.0' });
    await vi.waitFor(() => expect(u.quitAndInstall).toHaveBeenCalledTimes(1));
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ message: 'Switchboard 2.0.0 is ready to install', buttons: ['Restart Now', 'Later'] }));
    expect(beforeRestart).toHaveBeenCalled();
    expect(beforeRestart.mock.invocationCallOrder[0]).toBeLessThan(u.quitAndInstall.mock.invocationCallOrder[0] ?? 0);
    updates.stop();
  });

  it('does nothing more when the user says Later, and does not ask twice for one version', async () => {
    const u = fakeUpdater();
    const ask = vi.fn(async () => 1);
    const updates = startAutoUpdates({ updater: u as unknown as UpdaterLike, ask, beforeRestart: vi.fn(), log: vi.fn() });
    u.fire('update-downloaded', { version: '2.0.0' });
    await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
    u.fire('update-downloaded', { version: '2.0.0' });
    await new Promise((r) => setTimeout(r, 5));
    expect(ask).toHaveBeenCalledTimes(1);
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    u.fire('update-downloaded', { version: '2.0.1' });
    await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
    updates.stop();
  });

  it('only logs a failed background check', async () => {
    vi.useFakeTimers();
    const u = fakeUpdater(new Error('offline'));
    const log = vi.fn();
    const ask = vi.fn(async () => 0);
    const updates = startAutoUpdates({ updater: u as unknown as UpdaterLike, ask, beforeRestart: vi.fn(), log });
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK.firstAfterMs);
    u.fire('error', new Error('offline'));
    expect(log).toHaveBeenCalled();
    expect(ask).not.toHaveBeenCalled();
    updates.stop();
  });

  it('answers a manual check either way', async () => {
    for (const [result, message] of [
      [null, 'Switchboard is up to date'],
      [{ isUpdateAvailable: false }, 'Switchboard is up to date'],
      [{ isUpdateAvailable: true }, 'An update is on its way'],
      [new Error('offline'), 'Could not check for updates'],
    ] as const) {
      const u = fakeUpdater(result as never);
      const ask = vi.fn(async () => 0);
      const updates = startAutoUpdates({ updater: u as unknown as UpdaterLike, ask, beforeRestart: vi.fn(), log: vi.fn() });
      await updates.checkNow();
      expect(ask).toHaveBeenCalledWith(expect.objectContaining({ message }));
      updates.stop();
    }
  });
});
