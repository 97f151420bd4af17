import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** x/y are absent when the window should be centred by Electron. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;
export const DEFAULT_STATE: WindowState = Object.freeze({ bounds: Object.freeze({ width: 1200, height: 800 }), maximized: false }) as WindowState;

const savedState = z.object({
  x: z.number().int().finite(),
  y: z.number().int().finite(),
  width: z.number().int().min(MIN_WIDTH).max(100_000),
  height: z.number().int().min(MIN_HEIGHT).max(100_000),
  maximized: z.boolean(),
});

/** How much of the title bar must lie on a display for the user to be able to grab it. */
const GRAB_WIDTH = 96;
const GRAB_HEIGHT = 24;
const TITLE_BAR = 32;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** True if the window's title bar is on some display's work area (displays change between runs). */
export function isReachable(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(TITLE_BAR, bounds.height) };
  return workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(GRAB_WIDTH, bounds.width) && o.height >= Math.min(GRAB_HEIGHT, titleBar.height);
  });
}

/**
 * Saved state, or the defaults when the file is missing, corrupt, or describes
 * a window the user could not reach on today's displays. A window larger than
 * the display it is on shrinks to fit.
 */
export function parseWindowState(raw: string | null | undefined, workAreas: readonly Rect[]): WindowState {
  if (!raw) return cloneDefault();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return cloneDefault();
  }
  const parsed = savedState.safeParse(json);
  if (!parsed.success) return cloneDefault();
  const { maximized, ...bounds } = parsed.data;
  if (!isReachable(bounds, workAreas)) return cloneDefault();
  const area = workAreas
    .map((a) => ({ a, o: overlap(bounds, a) }))
    .sort((p, q) => Math.max(0, q.o.width) * Math.max(0, q.o.height) - Math.max(0, p.o.width) * Math.max(0, p.o.height))[0]?.a;
  if (!area) return cloneDefault();
  const width = Math.min(bounds.width, Math.max(area.width, MIN_WIDTH));
  const height = Math.min(bounds.height, Math.max(area.height, MIN_HEIGHT));
  return { bounds: { x: bounds.x, y: bounds.y, width, height }, maximized };
}

function cloneDefault(): WindowState {
  return { bounds: { ...DEFAULT_STATE.bounds }, maximized: DEFAULT_STATE.maximized };
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let raw: string | null = null;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    // First run, or unreadable: the defaults are the right answer either way.
  }
  return parseWindowState(raw, workAreas);
}

/** Write-then-rename so a crash mid-write never leaves a half file (which would only cost the defaults, but still). */
export function saveWindowState(file: string, state: Rect & { maximized: boolean }): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ x: state.x, y: state.y, width: state.width, height: state.height, maximized: state.maximized })}\n`);
  renameSync(tmp, file);
}

/** The BrowserWindow surface the tracker needs; a small fake in tests. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close' | 'closed', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  getNormalBounds(): Rect;
}

export interface TrackOptions {
  file: string;
  debounceMs?: number;
  save?: (file: string, state: Rect & { maximized: boolean }) => void;
  log?: (message: string, detail?: unknown) => void;
}

/**
 * Saves the window's normal (un-maximised) bounds and maximised flag: debounced
 * while the user drags or resizes, immediately on close.
 */
export function trackWindowState(win: TrackedWindow, options: TrackOptions): () => void {
  const save = options.save ?? saveWindowState;
  const log = options.log ?? ((message: string, detail?: unknown) => console.warn(message, detail));
  const debounceMs = options.debounceMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    // Minimised and full-screen bounds are not where the user wants the window next time.
    if (stopped || win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    try {
      save(options.file, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      log('Could not save the window position', err);
    }
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, schedule);
  win.on('close', flush);
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    stopped = true;
  };
  win.on('closed', stop);
  return stop;
}
