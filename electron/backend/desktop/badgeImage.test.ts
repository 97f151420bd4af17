import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BADGE_RGB, encodePng, renderCountBadge, withUnreadDot } from './badgeImage';

function pixel(b: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const o = (y * b.width + x) * 4;
  return [...b.rgba.subarray(o, o + 4)];
}

describe('renderCountBadge', () => {
  it('is a red disc: transparent corners, opaque red rim', () => {
    const b = renderCountBadge('', 32);
    expect([b.width, b.height, b.rgba.length]).toEqual([32, 32, 32 * 32 * 4]);
    expect(pixel(b, 0, 0)[3]).toBe(0);
    expect(pixel(b, 31, 31)[3]).toBe(0);
    expect(pixel(b, 16, 2)).toEqual([...BADGE_RGB, 255]);
  });

  it('draws the label in white in the middle', () => {
    const white = (label: string) => {
      const b = renderCountBadge(label, 32);
      let n = 0;
      for (let i = 0; i < b.rgba.length; i += 4) if (b.rgba[i] === 255 && b.rgba[i + 1] === 255 && b.rgba[i + 2] === 255) n++;
      return n;
    };
    expect(white('')).toBe(0);
    // "1" has 8 lit cells, "8" has 13, each scaled to 3×3 pixels in a 32 px badge.
    expect(white('1')).toBe(8 * 9);
    expect(white('8')).toBe(13 * 9);
    expect(white('9+')).toBeGreaterThan(white('9'));
    // The centre of an "8" is lit (its middle bar), the centre of a "0" is not.
    expect(pixel(renderCountBadge('8', 32), 16, 16)).toEqual([255, 255, 255, 255]);
    expect(pixel(renderCountBadge('0', 32), 16, 16)).toEqual([...BADGE_RGB, 255]);
  });

  it('keeps the text inside the disc at every size', () => {
    for (const size of [16, 20, 32, 64]) {
      for (const label of ['1', '9', '9+', '99+']) {
        const b = renderCountBadge(label, size);
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            const [r, g, bl] = pixel(b, x, y);
            if (r === 255 && g === 255 && bl === 255) expect(Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)).toBeLessThan(size / 2);
          }
        }
      }
    }
  });

  it('refuses characters it has no glyph for and silly sizes', () => {
    expect(() => renderCountBadge('1a')).toThrow(RangeError);
    expect(() => renderCountBadge('<b>')).toThrow(RangeError);
    expect(() => renderCountBadge('1', 4)).toThrow(RangeError);
    expect(() => renderCountBadge('1', 31.5)).toThrow(RangeError);
  });
});

describe('withUnreadDot', () => {
  const blank = (w: number, h: number) => new Uint8Array(w * h * 4);

  it('paints a red dot in the top-right corner and leaves the rest alone, in either channel order', () => {
    const src = blank(32, 32).fill(0x11);
    const bgra = withUnreadDot(src, 32, 32, 'bgra');
    const rgba = withUnreadDot(src, 32, 32, 'rgba');
    const centre = (b: Uint8Array, x: number, y: number) => [...b.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 4)];
    expect(centre(bgra, 28, 3)).toEqual([BADGE_RGB[2], BADGE_RGB[1], BADGE_RGB[0], 255]);
    expect(centre(rgba, 28, 3)).toEqual([...BADGE_RGB, 255]);
    expect(centre(bgra, 2, 30)).toEqual([0x11, 0x11, 0x11, 0x11]);
    // The source is not modified.
    expect(src.every((v) => v === 0x11)).toBe(true);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => withUnreadDot(blank(4, 4), 5, 5)).toThrow(RangeError);
  });
});

describe('encodePng', () => {
  it('writes a valid RGBA PNG that decodes back to the same pixels', () => {
    const b = renderCountBadge('7', 20);
    const png = encodePng(b);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    let offset = 8;
    const idat: Buffer[] = [];
    const types: string[] = [];
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('ascii', offset + 4, offset + 8);
      types.push(type);
      expect(crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0).toBe(png.readUInt32BE(offset + 8 + length));
      if (type === 'IHDR') {
        expect(png.readUInt32BE(offset + 8)).toBe(20);
        expect(png.readUInt32BE(offset + 12)).toBe(20);
        expect([png[offset + 16], png[offset + 17]]).toEqual([8, 6]);
      }
      if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
      offset += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    const raw = inflateSync(Buffer.concat(idat));
    expect(raw.length).toBe(20 * (1 + 20 * 4));
    for (let y = 0; y < 20; y++) {
      expect(raw[y * 81]).toBe(0);
      expect(raw.subarray(y * 81 + 1, (y + 1) * 81)).toEqual(Buffer.from(b.rgba.subarray(y * 80, (y + 1) * 80)));
    }
  });
});
