/**
 * Virtual list math: item keys, measured heights (estimates until measured) and their
 * offsets. Heights are keyed by item key, not index, so prepending a page or inserting a
 * row keeps every measurement; offsets are recomputed lazily (O(n), cheap even at 10,000
 * rows) and looked up by binary search on scroll.
 */
export class SizeIndex {
  private keys: readonly string[] = [];
  private indexByKey = new Map<string, number>();
  private sizes = new Map<string, number>();
  private offsets = new Float64Array(1);
  private dirty = true;

  constructor(private estimate: (key: string, index: number) => number) {}

  setEstimate(estimate: (key: string, index: number) => number): void {
    this.estimate = estimate;
    this.dirty = true;
  }

  /** Replace the key list; measurements of keys still present are kept. */
  setKeys(keys: readonly string[]): void {
    if (keys === this.keys) return;
    this.keys = keys;
    this.indexByKey = new Map(keys.map((k, i) => [k, i]));
    this.dirty = true;
    // Forget measurements of keys long gone, so memory follows the list.
    if (this.sizes.size > keys.length * 2 + 200) for (const k of [...this.sizes.keys()]) if (!this.indexByKey.has(k)) this.sizes.delete(k);
  }

  get count(): number {
    return this.keys.length;
  }
  keyAt(i: number): string | undefined {
    return this.keys[i];
  }
  indexOf(key: string): number {
    return this.indexByKey.get(key) ?? -1;
  }
  isMeasured(key: string): boolean {
    return this.sizes.has(key);
  }

  /** Record a measured height; true when it changed what the offsets are. */
  setSize(key: string, size: number): boolean {
    const rounded = Math.round(size * 100) / 100;
    const before = this.sizes.get(key);
    if (before !== undefined && Math.abs(before - rounded) < 0.5) return false;
    this.sizes.set(key, rounded);
    if (this.indexByKey.has(key)) this.dirty = true;
    return this.indexByKey.has(key);
  }

  sizeAt(i: number): number {
    const k = this.keys[i];
    if (k === undefined) return 0;
    return this.sizes.get(k) ?? this.estimate(k, i);
  }

  private build(): void {
    if (!this.dirty) return;
    const n = this.keys.length;
    if (this.offsets.length < n + 1) this.offsets = new Float64Array(Math.max(n + 1, this.offsets.length * 2));
    let acc = 0;
    for (let i = 0; i < n; i++) {
      this.offsets[i] = acc;
      acc += this.sizeAt(i);
    }
    this.offsets[n] = acc;
    this.dirty = false;
  }

  /** Top of item i (i = count gives the total height). */
  offsetOf(i: number): number {
    this.build();
    return this.offsets[Math.max(0, Math.min(i, this.keys.length))]!;
  }

  total(): number {
    return this.offsetOf(this.keys.length);
  }

  /** The item covering this offset (clamped to the list). */
  indexAt(offset: number): number {
    this.build();
    const n = this.keys.length;
    if (n === 0) return 0;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** [start, end) of the items to render for this viewport, with overscan in pixels. */
  range(scrollTop: number, viewport: number, overscan: number): [number, number] {
    const n = this.keys.length;
    if (n === 0) return [0, 0];
    const start = this.indexAt(Math.max(0, scrollTop - overscan));
    const end = this.indexAt(scrollTop + viewport + overscan) + 1;
    return [start, Math.min(n, end)];
  }
}

/** Where the viewport is pinned to an item: it stays there when things above it change size. */
export interface Anchor {
  key: string;
  /** scrollTop minus the item's top. */
  delta: number;
}

export function anchorAt(index: SizeIndex, scrollTop: number, skip = 0): Anchor | null {
  if (index.count === 0) return null;
  // Leading rows that stay first whatever is inserted (a "loading older" row) cannot anchor:
  // anchoring on them would keep the viewport at the top while a page is prepended below them.
  const i = Math.min(index.count - 1, Math.max(skip, index.indexAt(scrollTop)));
  const key = index.keyAt(i);
  return key === undefined ? null : { key, delta: scrollTop - index.offsetOf(i) };
}

/** The scrollTop that keeps the anchor where it was, or null when the anchor is gone. */
export function scrollTopFor(index: SizeIndex, anchor: Anchor): number | null {
  const i = index.indexOf(anchor.key);
  return i < 0 ? null : index.offsetOf(i) + anchor.delta;
}
