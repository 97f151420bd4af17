import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './controls.css';

export interface MenuItem {
  id: string;
  label: string;
  /** Shown on the right, e.g. the shortcut. */
  hint?: string;
  icon?: ReactNode;
  disabled?: boolean;
  /** Why it is disabled (tooltip and screen readers). */
  reason?: string;
  danger?: boolean;
  onSelect: () => void;
}

export interface MenuProps {
  items: ReadonlyArray<MenuItem | 'separator'>;
  /** Where to open: a point (context menu) or below an element's rect. */
  at: { x: number; y: number };
  onClose: (reason: 'select' | 'dismiss') => void;
  label: string;
}

/**
 * A popup menu (role="menu"): arrows, Home/End and first letters move (disabled items included, each
 * showing why when it has the focus), Enter/Space choose, Esc and a click outside close it. It is
 * placed inside the window whatever the point.
 */
export function Menu({ items, at, onClose, label }: MenuProps) {
  const box = useRef<HTMLDivElement>(null);
  const enabled = items.flatMap((it, i) => (it !== 'separator' && !it.disabled ? [i] : []));
  // The arrows stop on disabled items too (they say why they are disabled when they have the focus:
  // a reason only in a tooltip never reaches the keyboard); a menu opens on the first enabled one.
  const navigable = items.flatMap((it, i) => (it !== 'separator' ? [i] : []));
  const [active, setActive] = useState(enabled[0] ?? navigable[0] ?? -1);
  const [pos, setPos] = useState(at);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const x = Math.max(4, Math.min(at.x, window.innerWidth - r.width - 4));
    const y = at.y + r.height > window.innerHeight - 4 ? Math.max(4, at.y - r.height) : Math.max(4, at.y);
    setPos({ x, y });
  }, [at.x, at.y]);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active]);

  useEffect(() => {
    const down = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose('dismiss');
    };
    document.addEventListener('mousedown', down, true);
    return () => document.removeEventListener('mousedown', down, true);
  }, [onClose]);

  const move = (delta: number) => {
    if (navigable.length === 0) return;
    const at = navigable.indexOf(active);
    setActive(navigable[(at + delta + navigable.length) % navigable.length]!);
  };

  const choose = (it: MenuItem) => {
    if (it.disabled) return;
    onClose('select');
    it.onSelect();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Home') setActive(navigable[0] ?? -1);
    else if (e.key === 'End') setActive(navigable[navigable.length - 1] ?? -1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose('dismiss');
    else if (e.key === 'Enter' || e.key === ' ') {
      const it = items[active];
      if (it && it !== 'separator') choose(it);
    } else if (e.key.length === 1 && /\S/.test(e.key)) {
      const k = e.key.toLowerCase();
      const start = navigable.indexOf(active);
      for (let n = 1; n <= navigable.length; n++) {
        const i = navigable[(start + n) % navigable.length]!;
        const it = items[i];
        if (it && it !== 'separator' && it.label.toLowerCase().startsWith(k)) {
          setActive(i);
          break;
        }
      }
    } else return;
    e.preventDefault();
  };

  return (
    <div ref={box} role="menu" aria-label={label} className="menu" style={{ left: pos.x, top: pos.y }} onKeyDown={onKeyDown}>
      {items.map((it, i) => {
        if (it === 'separator') return <div key={`sep${i}`} role="separator" className="menu-sep" />;
        const explained = !!(it.disabled && it.reason && i === active);
        return (
          <div
            key={it.id}
            role="menuitem"
            data-index={i}
            data-action={it.id}
            tabIndex={i === active ? 0 : -1}
            aria-disabled={it.disabled || undefined}
            title={it.disabled ? it.reason : undefined}
            className={`menu-item ${it.danger ? 'menu-danger' : ''} ${i === active ? 'menu-active' : ''} ${explained ? 'menu-explained' : ''}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(it)}
          >
            <span className="menu-icon">{it.icon}</span>
            <span className="menu-label">
              {it.label}
              {it.disabled && it.reason && (explained ? <span className="menu-reason">{it.reason}</span> : <span className="visually-hidden"> ({it.reason})</span>)}
            </span>
            {it.hint && <kbd className="menu-hint">{it.hint}</kbd>}
          </div>
        );
      })}
    </div>
  );
}
