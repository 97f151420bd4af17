import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './controls.css';
import { Button } from '../../components/Button';

/**
 * Small form controls shared by the settings pages and the side panels: a switch, a labelled
 * field with its hint and inline error, a segmented choice (a radio group driven by arrows) and a
 * section with a heading. Presentational: values in, callbacks out.
 */

export function Switch(props: { label: string; description?: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void; testId?: string }) {
  const id = useId();
  return (
    <div className="sb-row">
      <div className="sb-row-text">
        <label htmlFor={id} className="sb-row-label">
          {props.label}
        </label>
        {props.description && (
          <p className="sb-hint" id={`${id}-d`}>
            {props.description}
          </p>
        )}
      </div>
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={props.checked}
        aria-describedby={props.description ? `${id}-d` : undefined}
        disabled={props.disabled}
        className="sb-switch"
        data-testid={props.testId}
        onClick={() => props.onChange(!props.checked)}
      >
        <span className="sb-switch-knob" aria-hidden="true" />
      </button>
    </div>
  );
}

export function Field(props: { label: string; hint?: string; error?: string | null; children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const id = useId();
  const described = [props.hint ? `${id}-h` : null, props.error ? `${id}-e` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="sb-field">
      <label htmlFor={id} className="sb-field-label">
        {props.label}
      </label>
      {props.children({ id, describedBy: described, invalid: Boolean(props.error) })}
      {props.hint && !props.error && (
        <p className="sb-hint" id={`${id}-h`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="sb-field-error" id={`${id}-e`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

/** A radio group: one tab stop, arrows move and select, as in native radio groups. */
export function Segmented<T extends string>(props: { label: string; value: T | null; choices: readonly Choice<T>[]; disabled?: boolean; onChange: (value: T) => void; testId?: string }) {
  const index = props.choices.findIndex((c) => c.value === props.value);
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!delta || props.disabled) return;
    e.preventDefault();
    const next = props.choices[(Math.max(index, 0) + delta + props.choices.length) % props.choices.length]!;
    props.onChange(next.value);
    const group = e.currentTarget;
    queueMicrotask(() => group.querySelector<HTMLElement>('[aria-checked="true"]')?.focus());
  };
  return (
    <div role="radiogroup" aria-label={props.label} className="sb-segmented" onKeyDown={move} data-testid={props.testId}>
      {props.choices.map((c, i) => {
        const checked = c.value === props.value;
        return (
          <button
            key={c.value}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked || (index < 0 && i === 0) ? 0 : -1}
            disabled={props.disabled}
            title={c.hint}
            className="sb-segment"
            onClick={() => props.onChange(c.value)}
          >
            {c.label}
          </button>
        );
      })}
    </div>
  );
}

export function Section(props: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="sb-section" aria-labelledby={id} data-testid={props.testId}>
      <header className="sb-section-head">
        <div>
          <h3 id={id} className="sb-section-title">
            {props.title}
          </h3>
          {props.description && <p className="sb-hint">{props.description}</p>}
        </div>
        {props.actions && <div className="sb-section-actions">{props.actions}</div>}
      </header>
      <div className="sb-section-body">{props.children}</div>
    </section>
  );
}

/** A backend failure, said plainly where the action was taken. */
export function ErrorNote(props: { error: { message: string } | null | undefined; testId?: string }) {
  if (!props.error) return null;
  return (
    <p className="sb-error" role="alert" data-testid={props.testId}>
      {props.error.message}
    </p>
  );
}

/**
 * Inline confirmation for a destructive action: the button turns into "Question? [Confirm] [Cancel]",
 * with the keyboard on Cancel (as in the Delete message dialog).
 */
export function ConfirmButton(props: { label: string; confirmLabel: string; question: string; busy?: boolean; disabled?: boolean; onConfirm: () => unknown; testId?: string; small?: boolean; ariaLabel?: string; tabIndex?: number }) {
  const [open, setOpen] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Focus follows the question, on Cancel (every question here is about something destructive: an
    // Enter pressed out of habit must not confirm it), and returns to the button when it is withdrawn.
    if (open) cancelRef.current?.focus();
    else if (wasOpen.current) openerRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const size = props.small ? ' sb-button-small' : '';
  if (!open)
    return (
      <Button className="sb-danger-outline" size={props.small ? 'sm' : 'md'} ref={openerRef} disabled={props.disabled} onClick={() => setOpen(true)} aria-label={props.ariaLabel} tabIndex={props.tabIndex} data-testid={props.testId}>
        {props.label}
      </Button>
    );
  return (
    <div
      className="sb-confirm"
      role="group"
      aria-label={props.question}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <span className="sb-confirm-q">{props.question}</span>
      {/* Busy, it keeps the keyboard (aria-disabled): a disabled button would drop it to the page. */}
      <Button variant="danger" size={props.small ? 'sm' : 'md'} disabled={props.busy} focusableWhenDisabled aria-busy={props.busy || undefined} onClick={() => void Promise.resolve(props.onConfirm()).then(() => setOpen(false))} data-testid={props.testId ? `${props.testId}-confirm` : undefined}>
        {props.busy ? 'Working…' : props.confirmLabel}
      </Button>
      <Button size={props.small ? 'sm' : 'md'} ref={cancelRef} onClick={() => setOpen(false)} data-testid={props.testId ? `${props.testId}-cancel` : undefined}>
        Cancel
      </Button>
    </div>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

export function formatDateTime(ms: number | null | undefined): string {
  if (ms == null) return '—';
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
