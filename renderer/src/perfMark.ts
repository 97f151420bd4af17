/**
 * Named moments for the performance panel and the ui bench's traces (`switchboard:…`). Guarded: unit
 * tests run some of this code under Node and happy-dom, where `performance.mark` may be missing.
 * Only the latest of each name is kept: every switch marks, and the browser would otherwise keep
 * every mark of a day-long session.
 */
export function perfMark(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  const full = `switchboard:${name}`;
  performance.clearMarks?.(full);
  performance.mark(full);
}
