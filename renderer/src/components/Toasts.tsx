import { useEffect, useRef } from 'react';
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

/** Errors are alerts (read out at once); other toasts are polite status messages. */
function ToastItem({ toast, onDismiss }: { toast: ToastView; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const t = setTimeout(() => onDismiss(toast.id), LIFETIME[toast.kind]);
    return () => clearTimeout(t);
  }, [toast.id, toast.kind, onDismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
      <Icon name={toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'info'} />
      <span className="toast-text">{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action!.run();
            onDismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <IconButton label="Dismiss" size="sm" onClick={() => onDismiss(toast.id)}>
        <Icon name="close" size={14} />
      </IconButton>
    </div>
  );
}

/** `onSpace`: the height of the stack whenever it changes (0 when empty), for what it floats over. */
export function Toasts({ toasts, onDismiss, onSpace }: { toasts: readonly ToastView[]; onDismiss: (id: number) => void; onSpace?: (px: number) => void }) {
  const stack = useRef<HTMLDivElement>(null);
  const spaceRef = useRef(onSpace);
  spaceRef.current = onSpace;
  useEffect(() => {
    const el = stack.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => spaceRef.current?.(Math.ceil(entry?.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={stack} className="toasts" role="region" aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
