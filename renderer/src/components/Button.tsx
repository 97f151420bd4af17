import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import './controls.css';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'sm' | 'md';
  /**
   * `disabled` as aria-disabled: the button does nothing but keeps its place in the tab order and the
   * focus. For a button that turns disabled while the user may be on it (busy, or nothing left to do
   * after pressing it): a native `disabled` drops the focus to <body>.
   */
  focusableWhenDisabled?: boolean;
}

/** A button; `type="button"` unless said otherwise, so no form is submitted by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'secondary', size = 'md', className, type = 'button', focusableWhenDisabled, disabled, onClick, ...rest }, ref) {
  const soft = Boolean(disabled && focusableWhenDisabled);
  return (
    <button
      ref={ref}
      type={type}
      className={`btn btn-${variant} btn-${size} ${className ?? ''}`}
      {...rest}
      disabled={soft ? false : disabled}
      aria-disabled={soft ? true : rest['aria-disabled']}
      // preventDefault: a submit button submits nothing either (Enter, Space and a click all arrive here).
      onClick={soft ? (e) => e.preventDefault() : onClick}
    />
  );
});

export interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Accessible name, also shown as the tooltip. */
  label: string;
  children: ReactNode;
  size?: 'sm' | 'md';
}

export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton({ label, children, className, size = 'md', type = 'button', title, ...rest }, ref) {
  return (
    <button ref={ref} type={type} aria-label={label} title={title ?? label} className={`icon-btn icon-btn-${size} ${className ?? ''}`} {...rest}>
      {children}
    </button>
  );
});
