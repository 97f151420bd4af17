import { describe, expect, it } from 'vitest';
import { checkGlobalAccelerator } from './accelerator';

describe('checkGlobalAccelerator', () => {
  it.each([
    ['CommandOrControl+Shift+Space', 'CommandOrControl+Shift+Space'],
    ['cmdorctrl+shift+space', 'CommandOrControl+Shift+Space'],
    ['Ctrl+Alt+S', 'Control+Alt+S'],
    ['Option+Command+k', 'Alt+Command+K'],
    ['Super+1', 'Super+1'],
    ['Meta+F', 'Super+F'],
    ['Alt+Plus', 'Alt+Plus'],
    ['Control+/', 'Control+/'],
    ['Ctrl+num5', 'Control+num5'],
    ['F13', 'F13'],
    ['Shift+F9', 'Shift+F9'],
    ['MediaPlayPause', 'MediaPlayPause'],
    [' Ctrl + Shift + Up ', 'Control+Shift+Up'],
    ['Ctrl+Ctrl+K', 'Control+K'],
  ])('%j is accepted as %j', (input, accelerator) => {
    expect(checkGlobalAccelerator(input)).toEqual({ ok: true, accelerator });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['K', 'needs-modifier'],
    ['Shift+K', 'needs-modifier'],
    ['Space', 'needs-modifier'],
    ['Ctrl+Shift', 'no-key'],
    ['Ctrl+', 'unknown-key'],
    ['Ctrl+Hyper+K', 'unknown-key'],
    ['Ctrl+KK', 'unknown-key'],
    ['Ctrl+K+L', 'unknown-key'],
    ['Ctrl+F25', 'unknown-key'],
    ['Ctrl+é', 'unknown-key'],
    [`Ctrl+${'x'.repeat(120)}`, 'too-long'],
  ])('%j is refused (%s)', (input, reason) => {
    expect(checkGlobalAccelerator(input)).toEqual({ ok: false, reason });
  });
});
