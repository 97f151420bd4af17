import { Fragment, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import './overlay.css';

/**
 * The modal frame the palette, search and the shortcut sheet share: a dimmed backdrop and a
 * dialog that keeps the keyboard inside it (Tab cycles its own controls), closes on Esc or a
 * click outside, and hands focus back to whatever had it when it opened.
 */
export interface OverlayFrameProps {
  /** Accessible name, unless `labelledBy` points at a visible title. */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  onClose: () => void;
  /** Focused on open (the palette's input); else the first focusable control. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  testId?: string;
  children: ReactNode;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function OverlayFrame({ label, labelledBy, describedBy, onClose, initialFocus, className, testId, children }: OverlayFrameProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  // Layout effect: the input has focus before the first paint, so the first key typed lands in it.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const home = () => initialFocus?.current ?? dialog.current?.querySelector<HTMLElement>(FOCUSABLE) ?? dialog.current;
    home()?.focus({ preventScroll: true });
    // Focus that escapes anyway (a programmatic focus elsewhere, a click on something the backdrop
    // does not cover) is brought back while the dialog is open.
    const onFocusIn = (e: FocusEvent) => {
      const el = dialog.current;
      if (el && e.target instanceof Node && !el.contains(e.target)) home()?.focus({ preventScroll: true });
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      // Removed first: giving focus back below must not be pulled into the closing dialog again.
      document.removeEventListener('focusin', onFocusIn);
      // Back to the opener when it is still there and nothing else claimed focus meanwhile (a jump
      // to a conversation moves focus on purpose: leave that alone).
      const now = document.activeElement;
      const lost = now === null || now === document.body || (dialog.current?.contains(now) ?? false) || !now.isConnected;
      if (opener && opener.isConnected && lost) opener.focus({ preventScroll: true });
    };
    // Opening is once per mount: a new initialFocus ref later must not steal focus back.
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      // The dialog handles its own Esc: the window's key handler must not also act on it.
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.key === 'Tab') {
      const el = dialog.current;
      if (!el) return;
      const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((n) => !n.hidden && n.offsetParent !== null);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || !el.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !el.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div
      className="overlay-backdrop"
      data-testid={testId ? `${testId}-backdrop` : undefined}
      onMouseDown={(e) => {
        // Only a press on the backdrop itself: a drag that starts inside and ends outside keeps it open.
        if (e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-label={labelledBy ? undefined : label}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        className={`overlay-dialog ${className ?? ''}`}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}

/** One hint of an overlay's footer: groups of keys (each key a `<kbd>`) and the words between them. */
export type KeyHint = ReadonlyArray<readonly string[] | string>;

/**
 * The keys an overlay answers to, in a line at its foot: a visual reminder, hidden from assistive
 * technology, which works with the overlay's input and list themselves.
 */
export function OverlayFooter({ hints }: { hints: ReadonlyArray<KeyHint | false> }) {
  return (
    <div className="overlay-footer" aria-hidden="true">
      {hints.map(
        (hint, i) =>
          hint && (
            <span key={i}>
              {hint.map((part, j) => (
                <Fragment key={j}>
                  {j > 0 && ' '}
                  {typeof part === 'string'
                    ? part
                    : part.map((key, k) => (
                        <Fragment key={k}>
                          {k > 0 && ' '}
                          <kbd>{key}</kbd>
                        </Fragment>
                      ))}
                </Fragment>
              ))}
            </span>
          ),
      )}
    </div>
  );
}
