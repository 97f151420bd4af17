import type { KeyboardEvent } from 'react';

/**
 * Arrow keys for a list of focusable rows (`[data-row]`): ↑/↓ (and k/j) move, Home/End jump.
 * Rows are plain focusable elements holding their own buttons, so Tab still reaches those.
 */
export function onRowKeys(e: KeyboardEvent<HTMLElement>): void {
  const list = e.currentTarget;
  const rows = [...list.querySelectorAll<HTMLElement>('[data-row]')];
  if (rows.length === 0) return;
  const target = e.target as HTMLElement;
  // Keys typed into a field inside the list stay there.
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
  const at = rows.findIndex((r) => r === target || r.contains(target));
  let to: number | null = null;
  if (e.key === 'ArrowDown' || e.key === 'j') to = at < 0 ? 0 : Math.min(rows.length - 1, at + 1);
  else if (e.key === 'ArrowUp' || e.key === 'k') to = at < 0 ? 0 : Math.max(0, at - 1);
  else if (e.key === 'Home') to = 0;
  else if (e.key === 'End') to = rows.length - 1;
  if (to === null || e.altKey || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  // Only the focused row is a tab stop (roving tabindex).
  rows.forEach((r, i) => (r.tabIndex = i === to ? 0 : -1));
  rows[to]!.focus();
}
