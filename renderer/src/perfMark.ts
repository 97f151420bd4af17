/**
 * Named moments for the performance panel and the ui bench's traces (`switchboard:…`). Guarded: unit
 * tests run some of this code under Node and happy-dom, where `performance.mark` may be missing.
 */
export function perfMark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`switchboard:${name}`);
}
