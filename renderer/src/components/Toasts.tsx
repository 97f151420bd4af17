import { useEffect, useRef, useState } from 'react';
import { IconButton } from './Button';
import { Icon } from './Icon';
import './controls.css';

export interface ToastView {
  id: number;
  kind: 'error' | 'info' | 'success';
  message: string;
  action?: { label: string; run: () => void };
}

const LIFETIME = { error: 10_000, info: 5_000, success: 4_000 } as const;

/**
 * Errors are alerts (read out at once); other toasts are polite status messages. A toast stays while
 * the pointer or the keyboard is on it (its Undo must not vanish under the user), and goes its full
 * lifetime after they leave.
 */
function ToastItem({ toast, onDismiss, onDone }: { toast: ToastView; onDismiss: (id: number) => void; onDone: (id: number) => void }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const t = setTimeout(() => onDismiss(toast.id), LIFETIME[toast.kind]);
    return () => clearTimeout(t);
  }, [toast.id, toast.kind, onDismiss, held]);
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-toast-id={toast.id}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setHeld(false)}
    >
      <Icon name={toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'info'} />
      <span className="toast-text">{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action!.run();
            onDone(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <IconButton label="Dismiss" size="sm" onClick={() => onDone(toast.id)}>
        <Icon name="close" size={14} />
      </IconButton>
    </div>
  );
}

export interface ToastsProps {
  toasts: readonly ToastView[];
  onDismiss: (id: number) => void;
  /** The height of the stack whenever it changes (0 when empty), for what it floats over. */
  onSpace?: (px: number) => void;
  /** Changes when the keyboard is sent to the toasts (F6): the newest one's first button takes it. */
  focusSeq?: number;
  /** The keyboard had nowhere to go back to (what had it before is gone): its owner places it. */
  onFocusLost?: () => void;
}

/**
 * The stack of toasts. The keyboard reaches it with F6 (see `focusSeq`); acting on a toast or
 * dismissing it gives the focus back to where it came from, rather than letting it fall to the page.
 */
export function Toasts({ toasts, onDismiss, onSpace, focusSeq = 0, onFocusLost }: ToastsProps) {
  const stack = useRef<HTMLDivElement>(null);
  const spaceRef = useRef(onSpace);
  spaceRef.current = onSpace;
  // Where the keyboard was before it came into the stack.
  const cameFrom = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = stack.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => spaceRef.current?.(Math.ceil(entry?.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (focusSeq === 0) return;
    const items = stack.current?.querySelectorAll<HTMLElement>('[data-testid="toast"]');
    const newest = items?.[items.length - 1];
    newest?.querySelector<HTMLElement>('button')?.focus();
  }, [focusSeq]);

  const done = (id: number) => {
    const had = stack.current?.contains(document.activeElement) ?? false;
    onDismiss(id);
    if (!had) return;
    // Back where the keyboard came from; else the next toast; else the owner decides.
    const back = cameFrom.current;
    const next = stack.current?.querySelector<HTMLElement>(`[data-testid="toast"]:not([data-toast-id="${id}"]) button`);
    if (back?.isConnected) back.focus({ preventScroll: true });
    else if (next) next.focus();
    else onFocusLost?.();
  };

  return (
    <div
      ref={stack}
      className="toasts"
      role="region"
      aria-label="Notifications"
      onFocus={(e) => {
        const from = e.relatedTarget as HTMLElement | null;
        if (from && !e.currentTarget.contains(from)) cameFrom.current = from;
      }}
    >
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={onDismiss} onDone={done} />
      ))}
    </div>
  );
}
