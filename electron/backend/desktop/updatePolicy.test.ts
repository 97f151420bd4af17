import { describe, expect, it } from 'vitest';
import { readBuildFlags, restartPrompt, updatePolicy, type UpdateFacts, type UpdateSkip } from './updatePolicy';

const packaged: UpdateFacts = { isPackaged: true, demoOnly: false, platform: 'darwin', env: {}, feedConfigured: true };

describe('updatePolicy', () => {
  const table: Array<[string, Partial<UpdateFacts>, true | UpdateSkip]> = [
    ['a packaged macOS build with a feed', {}, true],
    ['a packaged Windows build with a feed', { platform: 'win32' }, true],
    ['an AppImage', { platform: 'linux', env: { APPIMAGE: '/home/u/Switchboard.AppImage' } }, true],
    ['development (unpackaged)', { isPackaged: false }, 'development'],
    ['development, even with a feed and an AppImage', { isPackaged: false, platform: 'linux', env: { APPIMAGE: '/x' } }, 'development'],
    ['a demo-only build', { demoOnly: true }, 'demo-only'],
    ['turned off by the administrator', { env: { SWITCHBOARD_DISABLE_UPDATES: '1' } }, 'disabled-by-env'],
    ['no release feed configured (publish: null)', { feedConfigured: false }, 'no-feed'],
    ['a deb or rpm install', { platform: 'linux', env: {} }, 'unsupported-package'],
  ];
  it.each(table)('%s', (_name, patch, expected) => {
    expect(updatePolicy({ ...packaged, ...patch })).toEqual(expected === true ? { enabled: true } : { enabled: false, reason: expected });
  });
});

describe('readBuildFlags', () => {
  it.each([
    [{ name: 'switchboard' }, false],
    [{ switchboard: { demoOnly: true } }, true],
    [{ switchboard: { demoOnly: 'true' } }, true],
    [{ switchboard: { demoOnly: false } }, false],
    [{ switchboard: { demoOnly: 1 } }, false],
    [{ switchboard: 'demo' }, false],
    [null, false],
    ['{}', false],
  ])('%j → demoOnly %s', (pkg, demoOnly) => expect(readBuildFlags(pkg)).toEqual({ demoOnly }));
});

describe('restartPrompt', () => {
  it('asks before restarting and names the version', () => {
    const p = restartPrompt('1.4.0');
    expect(p.message).toBe('Switchboard 1.4.0 is ready to install');
    expect(p.buttons).toEqual(['Restart Now', 'Later']);
    expect(p.detail).toMatch(/outbox/);
  });

  it('does not show a version that is not one', () => {
    expect(restartPrompt(undefined).message).toBe('Switchboard is ready to install');
    expect(restartPrompt('<script>').message).toBe('Switchboard is ready to install');
  });
});
