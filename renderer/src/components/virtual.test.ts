import { describe, expect, it } from 'vitest';
import { anchorAt, scrollTopFor, SizeIndex } from './virtual';

const keys = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('SizeIndex', () => {
  it('uses estimates until measured and sums offsets', () => {
    const idx = new SizeIndex(() => 10);
    idx.setKeys(keys(5));
    expect(idx.total()).toBe(50);
    expect(idx.offsetOf(3)).toBe(30);
    expect(idx.setSize('k1', 25)).toBe(true);
    expect(idx.offsetOf(3)).toBe(45);
    expect(idx.total()).toBe(65);
    // Sub-pixel noise is not a change (no re-render loop on fractional heights).
    expect(idx.setSize('k1', 25.2)).toBe(false);
  });

  it('finds the item at an offset by binary search and the range for a viewport', () => {
    const idx = new SizeIndex(() => 20);
    idx.setKeys(keys(10_000));
    expect(idx.indexAt(0)).toBe(0);
    expect(idx.indexAt(19.9)).toBe(0);
    expect(idx.indexAt(20)).toBe(1);
    expect(idx.indexAt(10_000 * 20 + 500)).toBe(9_999);
    const [start, end] = idx.range(100_000, 600, 100);
    expect(start).toBe(4_995);
    expect(end).toBe(5_036);
    // Bounded whatever the length: the DOM holds about viewport + overscan worth of rows.
    expect(end - start).toBeLessThan(50);
  });

  it('keeps measurements by key when a page is prepended', () => {
    const idx = new SizeIndex(() => 10);
    idx.setKeys(['a', 'b', 'c']);
    idx.setSize('b', 40);
    idx.setKeys(['x', 'y', 'a', 'b', 'c']);
    expect(idx.indexOf('b')).toBe(3);
    expect(idx.sizeAt(3)).toBe(40);
    expect(idx.offsetOf(4)).toBe(70);
  });

  it('anchors the viewport to the first visible item across a prepend and a resize above it', () => {
    const idx = new SizeIndex(() => 50);
    idx.setKeys(keys(20));
    const scrollTop = 260; // inside k5, 10px down
    const anchor = anchorAt(idx, scrollTop)!;
    expect(anchor).toEqual({ key: 'k5', delta: 10 });
    idx.setKeys([...keys(10, 'old'), ...keys(20)]);
    idx.setSize('k0', 150);
    // 10 older rows of 50 + k0 grown by 100 push k5 down by 600.
    expect(scrollTopFor(idx, anchor)).toBe(260 + 500 + 100);
    // A leading "loading" row is skipped: the first real row anchors instead.
    const top = new SizeIndex(() => 50);
    top.setKeys(['top', ...keys(5)]);
    expect(anchorAt(top, 0, 1)).toEqual({ key: 'k0', delta: -50 });
    top.setKeys(['top', ...keys(3, 'older'), ...keys(5)]);
    expect(scrollTopFor(top, anchorAt(new SizeIndex(() => 50), 0) ?? { key: 'k0', delta: -50 })).toBe(150);
    idx.setKeys(keys(3, 'other'));
    expect(scrollTopFor(idx, anchor)).toBeNull();
  });
});
