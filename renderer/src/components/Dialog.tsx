import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { Button } from './Button';
import './controls.css';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The open dialogs' boxes, topmost last. */
const openDialogs: HTMLElement[] = [];

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons row. */
  footer?: ReactNode;
  /** Shown under the title. */
  description?: ReactNode;
  width?: number;
  /** The element to focus first (defaults to the first focusable one). */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  /** Esc and a click outside close it (false while a form is submitting). */
  dismissable?: boolean;
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal dialog: aria-modal, focus moved in and trapped (Tab cycles inside), Esc closes,
 * and focus goes back to where it was when it closes.
 */
export function Dialog({ title, onClose, children, footer, description, width = 440, initialFocus, className, dismissable = true, role = 'dialog' }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = initialFocus?.current ?? box.current?.querySelector<HTMLElement>(FOCUSABLE) ?? box.current;
    first?.focus();
    return () => {
      // Back to where the user was, if that is still on the page.
      if (previous && previous.isConnected) previous.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The modal keeps the keyboard even when focus has left it (its focused button went and focus fell
  // to <body>, or something behind took it): keys go nowhere behind it, Esc closes it (the topmost
  // dialog only), and focus comes back in. Popups of its own (an emoji picker) are left alone.
  const dismissRef = useRef(dismissable);
  dismissRef.current = dismissable;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    openDialogs.push(el);
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (openDialogs[openDialogs.length - 1] !== el || e.isComposing) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target && (el.contains(target) || (target !== document.body && target.closest('[role=dialog], [role=alertdialog], [aria-modal=true]')))) return;
      e.stopPropagation();
      e.preventDefault();
      if (e.key === 'Escape') {
        if (dismissRef.current) closeRef.current();
        return;
      }
      (el.querySelector<HTMLElement>(FOCUSABLE) ?? el).focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      const i = openDialogs.lastIndexOf(el);
      if (i >= 0) openDialogs.splice(i, 1);
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && dismissable) {
      e.stopPropagation();
      e.preventDefault();
      closeRef.current();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && dismissable && onClose()}>
      <div
        ref={box}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descId : undefined}
        className={`dialog ${className ?? ''}`}
        style={{ width }}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {description && (
          <div id={descId} className="dialog-description">
            {description}
          </div>
        )}
        <div className="dialog-body">{children}</div>
        {footer && <div className="dialog-footer">{footer}</div>}
      </div>
    </div>
  );
}

export interface ConfirmDialogProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something that cannot be undone; Cancel has the focus so Enter is safe. */
export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      role="alertdialog"
      description={message}
      initialFocus={cancel}
      footer={
        <>
          <Button ref={cancel} onClick={onCancel}>
            Cancel
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {null}
    </Dialog>
  );
}
