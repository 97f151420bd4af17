import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import './controls.css';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'sm' | 'md';
}

/** A button; `type="button"` unless said otherwise, so no form is submitted by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'secondary', size = 'md', className, type = 'button', ...rest }, ref) {
  return <button ref={ref} type={type} className={`btn btn-${variant} btn-${size} ${className ?? ''}`} {...rest} />;
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
