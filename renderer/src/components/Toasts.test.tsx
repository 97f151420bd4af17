import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Toasts, type ToastView } from './Toasts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Host({ initial, focusSeq, undo }: { initial: ToastView[]; focusSeq: number; undo?: () => void }) {
  const [toasts, setToasts] = useState(initial.map((t) => (t.action && undo ? { ...t, action: { ...t.action, run: undo } } : t)));
  return (
    <>
      <textarea aria-label="Composer" />
      <Toasts toasts={toasts} onDismiss={(id) => setToasts((ts) => ts.filter((t) => t.id !== id))} focusSeq={focusSeq} />
    </>
  );
}

const archived: ToastView = { id: 2, kind: 'info', message: '“Lena” archived.', action: { label: 'Undo', run: () => {} } };
const older: ToastView = { id: 1, kind: 'success', message: 'Saved.' };

describe('Toasts', () => {
  it('F6 puts the keyboard on the newest toast; Undo runs and gives the focus back to where it was', () => {
    const undo = vi.fn();
    const { rerender } = render(<Host initial={[older, archived]} focusSeq={0} undo={undo} />);
    const composer = screen.getByRole('textbox', { name: 'Composer' });
    composer.focus();
    rerender(<Host initial={[older, archived]} focusSeq={1} undo={undo} />);
    const undoButton = screen.getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undoButton);
    fireEvent.click(undoButton);
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('“Lena” archived.')).toBeNull();
    expect(document.activeElement).toBe(composer);
  });

  it('stays while it has the keyboard or the pointer, and goes its full time after', () => {
    vi.useFakeTimers();
    render(<Host initial={[archived]} focusSeq={0} />);
    const toast = screen.getByTestId('toast');
    act(() => screen.getByRole('button', { name: 'Undo' }).focus());
    act(() => vi.advanceTimersByTime(20_000));
    expect(screen.queryByTestId('toast')).not.toBeNull();
    act(() => screen.getByRole('button', { name: 'Undo' }).blur());
    fireEvent.mouseEnter(toast);
    act(() => vi.advanceTimersByTime(20_000));
    expect(screen.queryByTestId('toast')).not.toBeNull();
    fireEvent.mouseLeave(toast);
    act(() => vi.advanceTimersByTime(4_900));
    expect(screen.queryByTestId('toast')).not.toBeNull();
    act(() => vi.advanceTimersByTime(200));
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
