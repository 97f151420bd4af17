import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_STATE,
  MIN_HEIGHT,
  MIN_WIDTH,
  isReachable,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  trackWindowState,
  type Rect,
} from './windowState';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const saved = (s: Record<string, unknown>) => JSON.stringify({ x: 100, y: 80, width: 1300, height: 900, maximized: false, ...s });

describe('parseWindowState', () => {
  it('restores saved bounds and the maximised flag', () => {
    expect(parseWindowState(saved({ maximized: true }), [laptop])).toEqual({ bounds: { x: 100, y: 80, width: 1300, height: 900 }, maximized: true });
  });

  it('restores a window on a second monitor', () => {
    expect(parseWindowState(saved({ x: 2200, y: 100 }), [laptop, rightMonitor]).bounds).toMatchObject({ x: 2200, y: 100 });
  });

  it.each([
    ['no file', null],
    ['an empty file', ''],
    ['bad JSON', '{"x": 1,'],
    ['JSON that is not an object', '[1,2,3]'],
    ['a missing field', JSON.stringify({ x: 0, y: 0, width: 1000, maximized: false })],
    ['a string where a number belongs', saved({ width: '1300' })],
    ['a fractional coordinate', saved({ x: 10.5 })],
    ['a window smaller than the minimum', saved({ width: MIN_WIDTH - 1 })],
    ['an absurd size', saved({ height: 1e9 })],
    ['a non-boolean maximised flag', saved({ maximized: 'yes' })],
  ])('falls back to the defaults for %s', (_name, raw) => {
    expect(parseWindowState(raw, [laptop])).toEqual(DEFAULT_STATE);
  });

  it.each([
    ['left of every display', { x: -3000, y: 100 }],
    ['below every display', { x: 100, y: 5000 }],
    ['on a monitor that was unplugged', { x: 2200, y: 100 }],
    ['with the title bar above the screen', { x: 100, y: -400 }],
    ['with only a sliver on screen', { x: 1900, y: 100 }],
  ])('falls back to the defaults for a window %s', (_name, pos) => {
    expect(parseWindowState(saved(pos), [laptop])).toEqual(DEFAULT_STATE);
  });

  it('shrinks a window larger than the display it is on', () => {
    const small: Rect = { x: 0, y: 0, width: 1280, height: 760 };
    expect(parseWindowState(saved({ x: 0, y: 0, width: 2400, height: 1400 }), [small]).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 760 });
  });

  it('centres the default window (no x/y) at a usable size', () => {
    expect(DEFAULT_STATE.bounds.x).toBeUndefined();
    expect(DEFAULT_STATE.bounds.width).toBeGreaterThanOrEqual(MIN_WIDTH);
    expect(DEFAULT_STATE.bounds.height).toBeGreaterThanOrEqual(MIN_HEIGHT);
  });

  it('does not hand out the shared default object', () => {
    const a = parseWindowState(null, [laptop]);
    a.bounds.width = 1;
    expect(parseWindowState(null, [laptop]).bounds.width).toBe(DEFAULT_STATE.bounds.width);
  });
});

describe('isReachable', () => {
  it('needs the title bar on a work area', () => {
    expect(isReachable({ x: 0, y: 0, width: 800, height: 600 }, [laptop])).toBe(true);
    expect(isReachable({ x: 0, y: 1040, width: 800, height: 600 }, [laptop])).toBe(false);
    expect(isReachable({ x: 0, y: 0, width: 800, height: 600 }, [])).toBe(false);
  });
});

describe('load and save', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-window-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through the file, creating the folder, leaving no temp file', () => {
    const file = join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { x: 50, y: 60, width: 1000, height: 700, maximized: true });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
    expect(loadWindowState(file, [laptop])).toEqual({ bounds: { x: 50, y: 60, width: 1000, height: 700 }, maximized: true });
  });

  it('loads the defaults when the file is missing or corrupt', () => {
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_STATE);
    writeFileSync(file, '\u0000garbage');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_STATE);
  });
});

class FakeWindow extends EventEmitter {
  bounds: Rect = { x: 10, y: 20, width: 1000, height: 700 };
  maximized = false;
  minimized = false;
  fullScreen = false;
  destroyed = false;
  isDestroyed = () => this.destroyed;
  isMaximized = () => this.maximized;
  isMinimized = () => this.minimized;
  isFullScreen = () => this.fullScreen;
  getNormalBounds = () => ({ ...this.bounds });
}

describe('trackWindowState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const win = new FakeWindow();
    const save = vi.fn();
    const stop = trackWindowState(win, { file: '/state.json', debounceMs: 500, save });
    return { win, save, stop };
  }

  it('debounces a burst of moves and resizes into one save', () => {
    const { win, save } = setup();
    for (let i = 0; i < 20; i++) {
      win.bounds = { ...win.bounds, x: i };
      win.emit(i % 2 ? 'move' : 'resize');
      vi.advanceTimersByTime(100);
    }
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('/state.json', { x: 19, y: 20, width: 1000, height: 700, maximized: false });
  });

  it('saves at once on close, with the normal bounds of a maximised window', () => {
    const { win, save } = setup();
    win.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('/state.json', { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not save minimised or full-screen geometry', () => {
    const { win, save } = setup();
    win.minimized = true;
    win.emit('move');
    vi.advanceTimersByTime(600);
    win.minimized = false;
    win.fullScreen = true;
    win.emit('close');
    expect(save).not.toHaveBeenCalled();
  });

  it('stops after the window is closed', () => {
    const { win, save } = setup();
    win.emit('resize');
    win.emit('closed');
    vi.advanceTimersByTime(1000);
    expect(save).not.toHaveBeenCalled();
  });

  it('survives a failing save', () => {
    const win = new FakeWindow();
    const log = vi.fn();
    trackWindowState(win, {
      file: '/state.json',
      save: () => {
        throw new Error('EROFS');
      },
      log,
    });
    expect(() => win.emit('close')).not.toThrow();
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('writes a file that loads back (real fs)', () => {
    vi.useRealTimers();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-window-track-'));
    try {
      const file = join(dir, 'window-state.json');
      const win = new FakeWindow();
      trackWindowState(win, { file });
      win.emit('close');
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
