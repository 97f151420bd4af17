#!/usr/bin/env node
// Regenerates build/icon.png (the committed file is what electron-builder uses; this script only
// documents how it was made): a rounded square with a blue gradient and three switch rails.
// Shapes are signed-distance fields, so edges are anti-aliased without any image library.
// Usage: node build/make-icon.mjs [size]
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const size = Number(process.argv[2] ?? 512);
const s = size / 512;

const sdRoundRect = (px, py, cx, cy, hw, hh, r) => {
  const qx = Math.abs(px - cx) - hw + r;
  const qy = Math.abs(py - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const sdCircle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;
const coverage = (d) => Math.min(1, Math.max(0, 0.5 - d));
const mix = (a, b, t) => a + (b - a) * t;

const top = [79, 70, 229]; // indigo
const bottom = [14, 165, 233]; // sky
const rails = [
  { y: 176, knob: 196 },
  { y: 256, knob: 316 },
  { y: 336, knob: 236 },
];

const pixels = Buffer.alloc(size * size * 4);
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const px = (x + 0.5) / s;
    const py = (y + 0.5) / s;
    const bg = coverage(sdRoundRect(px, py, 256, 256, 224, 224, 100) * s);
    if (bg === 0) continue;
    const t = (px + py) / 1024;
    let rgb = top.map((c, i) => mix(c, bottom[i], t));
    // White rails with rounded caps, then white knobs with a gradient-coloured centre.
    let white = 0;
    let hole = 0;
    for (const rail of rails) {
      white = Math.max(white, coverage(sdRoundRect(px, py, 256, rail.y, 120, 10, 10) * s));
      white = Math.max(white, coverage(sdCircle(px, py, rail.knob, rail.y, 34) * s));
      hole = Math.max(hole, coverage(sdCircle(px, py, rail.knob, rail.y, 16) * s));
    }
    rgb = rgb.map((c) => mix(c, 255, white));
    rgb = rgb.map((c, i) => mix(c, mix(top[i], bottom[i], t), hole));
    const o = (y * size + x) * 4;
    pixels[o] = Math.round(rgb[0]);
    pixels[o + 1] = Math.round(rgb[1]);
    pixels[o + 2] = Math.round(rgb[2]);
    pixels[o + 3] = Math.round(bg * 255);
  }
}

const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${size}×${size}, ${png.length} bytes)`);
