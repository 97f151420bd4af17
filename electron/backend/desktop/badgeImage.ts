import { deflateSync } from 'node:zlib';

/**
 * The little images behind the unread indicators, drawn in plain code: the Windows taskbar overlay
 * (a red disc with the count) and the tray icon's unread dot. No canvas or image library is
 * available in the main process, and drawing a disc and a 3×5 pixel font is all it takes.
 */

/** Accent red of the unread badge (the renderer's --danger in both themes). */
export const BADGE_RGB = [0xe5, 0x48, 0x4d] as const;

// Digits and '+' on a 3×5 grid, scaled up whole pixels so they stay crisp at 16 px.
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

export interface Bitmap {
  width: number;
  height: number;
  /** width × height × 4 bytes, straight (not premultiplied) RGBA, rows top to bottom. */
  rgba: Uint8Array;
}

const coverage = (distanceOutside: number) => Math.min(1, Math.max(0, 0.5 - distanceOutside));

/**
 * A red disc filling the square with `label` (digits and '+', e.g. from overlayLabel) in white.
 * Empty label: a plain disc. Unknown characters are refused, so nothing unexpected is drawn.
 */
export function renderCountBadge(label: string, size = 32): Bitmap {
  if (!Number.isInteger(size) || size < 8 || size > 256) throw new RangeError(`badge size ${size} is out of range`);
  const chars = [...label];
  for (const ch of chars) if (!GLYPHS[ch]) throw new RangeError(`a badge cannot show ${JSON.stringify(ch)}`);
  const rgba = new Uint8Array(size * size * 4);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(Math.hypot(x + 0.5 - c, y + 0.5 - c) - c);
      if (a === 0) continue;
      const o = (y * size + x) * 4;
      rgba[o] = BADGE_RGB[0];
      rgba[o + 1] = BADGE_RGB[1];
      rgba[o + 2] = BADGE_RGB[2];
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  if (chars.length === 0) return { width: size, height: size, rgba };
  const textUnits = chars.length * 3 + (chars.length - 1);
  // As large as fits inside the disc: 55% of its height, 70% of its width.
  const scale = Math.max(1, Math.min(Math.floor((size * 0.55) / 5), Math.floor((size * 0.7) / textUnits)));
  const left = Math.round((size - textUnits * scale) / 2);
  const top = Math.round((size - 5 * scale) / 2);
  chars.forEach((ch, i) => {
    const rows = GLYPHS[ch] ?? [];
    rows.forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit !== '1') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const x = left + (i * 4 + gx) * scale + dx;
            const y = top + gy * scale + dy;
            const o = (y * size + x) * 4;
            rgba[o] = 255;
            rgba[o + 1] = 255;
            rgba[o + 2] = 255;
            rgba[o + 3] = 255;
          }
        }
      });
    });
  });
  return { width: size, height: size, rgba };
}

/**
 * Copies an icon bitmap (as NativeImage.toBitmap returns it: 4 bytes a pixel, `order` naming the
 * channels) and paints the unread dot in its top-right corner, for trays that show no text.
 */
export function withUnreadDot(pixels: Uint8Array, width: number, height: number, order: 'rgba' | 'bgra' = 'bgra'): Uint8Array {
  if (pixels.length !== width * height * 4) throw new RangeError('the bitmap does not match its size');
  const out = new Uint8Array(pixels);
  const r = Math.max(2, Math.min(width, height) * 0.22);
  const cx = width - r;
  const cy = r;
  const [red, green, blue] = BADGE_RGB;
  const color = order === 'rgba' ? [red, green, blue] : [blue, green, red];
  for (let y = 0; y < Math.ceil(2 * r + 1) && y < height; y++) {
    for (let x = Math.max(0, Math.floor(width - 2 * r - 1)); x < width; x++) {
      const a = coverage(Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r);
      if (a === 0) continue;
      const o = (y * width + x) * 4;
      // Opaque paint over whatever is there; correct for premultiplied and straight alpha alike.
      for (let k = 0; k < 3; k++) out[o + k] = Math.round((color[k] ?? 0) * a + (out[o + k] ?? 0) * (1 - a));
      out[o + 3] = Math.round(255 * a + (out[o + 3] ?? 0) * (1 - a));
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A standard 8-bit RGBA PNG, which nativeImage.createFromBuffer reads on every platform. */
export function encodePng(bitmap: Bitmap): Buffer {
  const { width, height, rgba } = bitmap;
  if (rgba.length !== width * height * 4) throw new RangeError('the bitmap does not match its size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
