import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, disposeBeforeQuit, focusWindow, hideOnClose, type FocusableWindow } from './lifecycle';

function fakeApp(lock: boolean) {
  const emitter = new EventEmitter();
  const app = {
    requestSingleInstanceLock: vi.fn(() => lock),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
      emitter.on(event, listener);
      return app;
    }),
  };
  return { app, emit: (event: string, ...args: unknown[]) => emitter.emit(event, ...args), listeners: (e: string) => emitter.listenerCount(e) };
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}): FocusableWindow & Record<string, ReturnType<typeof vi.fn>> {
  return {
    isDestroyed: vi.fn(() => state.destroyed ?? false),
    isMinimized: vi.fn(() => state.minimized ?? false),
    isVisible: vi.fn(() => state.visible ?? true),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  };
}

describe('claimSingleInstance', () => {
  it('quits at once when another instance holds the lock', () => {
    const { app, listeners } = fakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(listeners('second-instance')).toBe(0);
  });

  it('keeps running with the lock and focuses its window when a second instance starts', () => {
    const { app, emit } = fakeApp(true);
    const win = fakeWindow({ minimized: true });
    expect(claimSingleInstance(app as never, () => win)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    emit('second-instance', {}, ['switchboard'], '/home');
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('hands the second instance’s command line over (it carries a clicked link)', () => {
    const { app, emit } = fakeApp(true);
    const onArgs = vi.fn();
    claimSingleInstance(app as never, () => null, onArgs);
    emit('second-instance', {}, ['/opt/switchboard', 'switchboard://conversation/u:a'], '/');
    expect(onArgs).toHaveBeenCalledWith(['/opt/switchboard', 'switchboard://conversation/u:a']);
    emit('second-instance', {}, undefined, '/');
    expect(onArgs).toHaveBeenLastCalledWith([]);
  });

  it('copes with a second instance before any window exists', () => {
    const { app, emit } = fakeApp(true);
    claimSingleInstance(app as never, () => null);
    expect(() => emit('second-instance', {}, [], '/')).not.toThrow();
  });
});

describe('focusWindow', () => {
  it('shows a hidden window and focuses it without restoring', () => {
    const win = fakeWindow({ visible: false });
    focusWindow(win);
    expect(win.restore).not.toHaveBeenCalled();
    expect(win.show).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });

  it('leaves a destroyed window alone', () => {
    const win = fakeWindow({ destroyed: true });
    focusWindow(win);
    expect(win.focus).not.toHaveBeenCalled();
  });
});

describe('disposeBeforeQuit', () => {
  afterEach(() => vi.useRealTimers());

  function quitEvent() {
    return { preventDefault: vi.fn() };
  }

  it('holds the quit until the backend is disposed, then quits once', async () => {
    const { app, emit } = fakeApp(true);
    let finish!: () => void;
    const dispose = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    disposeBeforeQuit(app as never, dispose);
    const first = quitEvent();
    emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(dispose).toHaveBeenCalledTimes(1);
    // A second Cmd+Q while disposing must not start a second dispose.
    const second = quitEvent();
    emit('before-quit', second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    // The quit that follows goes through.
    const last = quitEvent();
    emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('quits anyway when dispose fails', async () => {
    const { app, emit } = fakeApp(true);
    const log = vi.fn();
    disposeBeforeQuit(app as never, () => Promise.reject(new Error('SQLITE_BUSY')), { log });
    emit('before-quit', quitEvent());
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(log).toHaveBeenCalledWith(expect.any(String), expect.any(Error));
  });

  it('quits anyway when dispose hangs past the timeout', async () => {
    vi.useFakeTimers();
    const { app, emit } = fakeApp(true);
    const log = vi.fn();
    disposeBeforeQuit(app as never, () => new Promise<void>(() => {}), { timeoutMs: 2000, log });
    emit('before-quit', quitEvent());
    await vi.advanceTimersByTimeAsync(1999);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe('hideOnClose', () => {
  function closable() {
    const emitter = new EventEmitter();
    const win = { on: (e: 'close', l: (event: { preventDefault(): void }) => void) => emitter.on(e, l), hide: vi.fn() };
    const close = () => {
      const event = { preventDefault: vi.fn() };
      emitter.emit('close', event);
      return event;
    };
    return { win, close };
  }

  it('hides instead of closing when close-to-tray is on', () => {
    const { win, close } = closable();
    hideOnClose(win, { shouldHide: () => true, quitting: () => false });
    expect(close().preventDefault).toHaveBeenCalled();
    expect(win.hide).toHaveBeenCalledTimes(1);
  });

  it('closes when close-to-tray is off, and always when quitting', () => {
    const { win, close } = closable();
    let hide = false;
    let quitting = false;
    hideOnClose(win, { shouldHide: () => hide, quitting: () => quitting });
    expect(close().preventDefault).not.toHaveBeenCalled();
    hide = true;
    quitting = true;
    expect(close().preventDefault).not.toHaveBeenCalled();
    expect(win.hide).not.toHaveBeenCalled();
  });
});
