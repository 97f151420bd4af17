/**
 * Real bytes for attachments and pictures, generated on demand from a small
 * spec so 600k seeded messages cost nothing until someone downloads one.
 *
 * Attachment PNGs use stored (uncompressed) deflate blocks so their exact
 * `file_size` is a formula: listing a page of messages never renders images.
 * Profile pictures are compressed (their size is never listed).
 */
import { deflateSync } from 'node:zlib';
import { HashStream } from './ids';

export type GenSpec =
  | { kind: 'png'; width: number; height: number; key: number }
  | { kind: 'wav'; seconds: number; key: number }
  | { kind: 'mp4'; width: number; height: number; key: number }
  | { kind: 'pdf'; title: string; key: number }
  | { kind: 'text'; name: string; key: number };

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    // 5552 is the largest run that cannot overflow before the modulo.
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function storedZlib(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + 5 * blocks + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, raw.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = len & 255;
    out[o++] = len >>> 8;
    out[o++] = ~len & 255;
    out[o++] = (~len >>> 8) & 255;
    out.set(raw.subarray(start, start + len), o);
    o += len;
  }
  const ad = adler32(raw);
  out[o++] = ad >>> 24;
  out[o++] = (ad >>> 16) & 255;
  out[o++] = (ad >>> 8) & 255;
  out[o++] = ad & 255;
  return out;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** An RGB PNG from raw scanlines (filter byte 0 already in place). */
export function encodePng(width: number, height: number, raw: Uint8Array, compress: boolean): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  const idat = compress ? new Uint8Array(deflateSync(raw, { level: 9 })) : storedZlib(raw);
  return concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))]);
}

function storedPngSize(width: number, height: number): number {
  const raw = height * (1 + width * 3);
  const blocks = Math.max(1, Math.ceil(raw / 65535));
  return 8 + 25 + 12 + (2 + raw + 5 * blocks + 4) + 12;
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** A "photo": diagonal gradient with a sun and a horizon, colours from the key. */
function renderPhoto(width: number, height: number, key: number): Uint8Array {
  const h = new HashStream(key);
  const [r1, g1, b1] = hsl(h.below(360), 0.6, 0.6);
  const [r2, g2, b2] = hsl(h.below(360), 0.5, 0.35);
  const [sr, sg, sb] = hsl(40 + h.below(20), 0.9, 0.6);
  const cx = width * (0.2 + (h.below(60) / 100));
  const cy = height * (0.2 + (h.below(30) / 100));
  const radius = Math.max(3, Math.min(width, height) * 0.12);
  const horizon = height * (0.55 + h.below(25) / 100);
  const raw = new Uint8Array(height * (1 + width * 3));
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      let r = r1 + (r2 - r1) * t;
      let g = g1 + (g2 - g1) * t;
      let b = b1 + (b2 - b1) * t;
      const dx = x - cx;
      const dy = y - cy;
      if (dx * dx + dy * dy < radius * radius) [r, g, b] = [sr, sg, sb];
      if (y > horizon + Math.sin(x / 9) * 3) [r, g, b] = [r * 0.45, g * 0.6, b * 0.45];
      raw[o++] = r;
      raw[o++] = g;
      raw[o++] = b;
    }
  }
  return encodePng(width, height, raw, false);
}

/** A GitHub-style identicon: a 5×5 mirrored grid in one colour. */
export function renderIdenticon(key: number, size = 64): Uint8Array {
  const h = new HashStream(key);
  const [fr, fg, fb] = hsl(h.below(360), 0.55, 0.5);
  const cells: boolean[] = [];
  for (let i = 0; i < 15; i++) cells.push(h.below(2) === 1);
  const cell = Math.floor(size / 6);
  const margin = Math.floor((size - cell * 5) / 2);
  const raw = new Uint8Array(size * (1 + size * 3));
  let o = 0;
  for (let y = 0; y < size; y++) {
    raw[o++] = 0;
    for (let x = 0; x < size; x++) {
      const cx = Math.floor((x - margin) / cell);
      const cy = Math.floor((y - margin) / cell);
      let on = false;
      if (cx >= 0 && cx < 5 && cy >= 0 && cy < 5 && x >= margin && y >= margin) {
        const col = cx < 3 ? cx : 4 - cx;
        on = cells[cy * 3 + col]!;
      }
      raw[o++] = on ? fr : 240;
      raw[o++] = on ? fg : 240;
      raw[o++] = on ? fb : 240;
    }
  }
  return encodePng(size, size, raw, true);
}

const WAV_RATE = 8000;

function renderWav(seconds: number, key: number): Uint8Array {
  const samples = Math.round(seconds * WAV_RATE);
  const out = new Uint8Array(44 + samples * 2);
  const v = new DataView(out.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, WAV_RATE, true);
  v.setUint32(28, WAV_RATE * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, samples * 2, true);
  const freq = 220 + (key % 440);
  for (let i = 0; i < samples; i++) {
    // A tone with a slow tremolo so it sounds like "someone talking", faded at both ends.
    const env = Math.min(1, i / 400, (samples - i) / 400) * (0.6 + 0.4 * Math.sin(i / 700));
    v.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * freq * i) / WAV_RATE) * 9000 * env), true);
  }
  return out;
}

/** ISO-BMFF boxes (ftyp + free + mdat): right signature and structure, not a decodable stream. */
function mp4PayloadLength(key: number): number {
  return 2048 + (key % 1024) * 4;
}

function renderMp4(key: number): Uint8Array {
  const payload = mp4PayloadLength(key);
  const out = new Uint8Array(32 + 8 + 8 + payload);
  const v = new DataView(out.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[o + i] = s.charCodeAt(i);
  };
  v.setUint32(0, 32);
  ascii(4, 'ftypisom');
  v.setUint32(12, 0x200);
  ascii(16, 'isomiso2avc1mp41');
  v.setUint32(32, 8);
  ascii(36, 'free');
  v.setUint32(40, 8 + payload);
  ascii(44, 'mdat');
  const h = new HashStream(key);
  for (let i = 0; i < payload; i += 4) v.setUint32(48 + i, h.next());
  return out;
}

function renderPdf(title: string, key: number): Uint8Array {
  const safe = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj 0 -28 Td /F1 11 Tf (Switchboard demo document #${key % 100000}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

function renderText(name: string, key: number): Uint8Array {
  const h = new HashStream(key);
  let text: string;
  if (name.endsWith('.csv')) {
    text = 'date,item,amount\n';
    for (let i = 0; i < 12; i++) text += `2025-${String(1 + i).padStart(2, '0')}-0${1 + h.below(9)},item ${i + 1},${(h.below(50000) / 100).toFixed(2)}\n`;
  } else if (name.endsWith('.md')) {
    text = `# Agenda\n\n1. Welcome\n2. Roadmap review\n3. Open questions\n\n_Generated for the Switchboard demo (${key % 1000})._\n`;
  } else if (name.endsWith('.log')) {
    text = '';
    for (let i = 0; i < 8; i++) text += `2025-06-12T09:4${i}:0${h.below(9)}Z ERROR request ${h.below(100000)} failed: upstream timeout\n`;
  } else {
    text = `Notes\n=====\n\n- passports\n- chargers 🔌\n- sunscreen\n- book for the train\n\n(${key % 1000})\n`;
  }
  return new TextEncoder().encode(text);
}

export function renderSpec(spec: GenSpec): Uint8Array {
  switch (spec.kind) {
    case 'png':
      return renderPhoto(spec.width, spec.height, spec.key);
    case 'wav':
      return renderWav(spec.seconds, spec.key);
    case 'mp4':
      return renderMp4(spec.key);
    case 'pdf':
      return renderPdf(spec.title, spec.key);
    case 'text':
      return renderText(spec.name, spec.key);
  }
}

// PDF and text sizes need a render; remember them (bounded) so list pages stay cheap.
const renderedSizes = new Map<string, number>();

export function specSize(spec: GenSpec): number {
  switch (spec.kind) {
    case 'png':
      return storedPngSize(spec.width, spec.height);
    case 'wav':
      return 44 + Math.round(spec.seconds * WAV_RATE) * 2;
    case 'mp4':
      return 48 + mp4PayloadLength(spec.key);
    default: {
      const key = `${spec.kind}:${spec.key}:${spec.kind === 'pdf' ? spec.title : spec.name}`;
      let size = renderedSizes.get(key);
      if (size === undefined) {
        size = renderSpec(spec).length;
        if (renderedSizes.size >= 20_000) renderedSizes.clear();
        renderedSizes.set(key, size);
      }
      return size;
    }
  }
}

// ---------------------------------------------------------------------------
// Uploads

export interface SniffedFile {
  type: 'img' | 'video' | 'audio' | 'file';
  mimetype: string;
  extension: string;
  width?: number;
  height?: number;
}

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let o = 2;
  while (o + 9 < bytes.length) {
    if (bytes[o] !== 0xff) return undefined;
    const marker = bytes[o + 1]!;
    const len = (bytes[o + 2]! << 8) | bytes[o + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[o + 5]! << 8) | bytes[o + 6]!, width: (bytes[o + 7]! << 8) | bytes[o + 8]! };
    }
    o += 2 + len;
  }
  return undefined;
}

/** Classify uploaded bytes by their magic numbers (the declared type only breaks ties). */
export function sniff(bytes: Uint8Array, declared?: string): SniffedFile {
  if (startsWith(bytes, [...PNG_SIGNATURE])) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { type: 'img', mimetype: 'image/png', extension: 'png', ...(bytes.length >= 24 ? { width: v.getUint32(16), height: v.getUint32(20) } : {}) };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { type: 'img', mimetype: 'image/jpeg', extension: 'jpg', ...jpegSize(bytes) };
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) {
    return { type: 'img', mimetype: 'image/gif', extension: 'gif', width: bytes[6]! | (bytes[7]! << 8), height: bytes[8]! | (bytes[9]! << 8) };
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { type: 'img', mimetype: 'image/webp', extension: 'webp' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return { type: 'audio', mimetype: 'audio/wav', extension: 'wav' };
  if (ascii(bytes, 0, 4) === 'OggS') return { type: 'audio', mimetype: 'audio/ogg', extension: 'ogg' };
  if (ascii(bytes, 0, 3) === 'ID3' || startsWith(bytes, [0xff, 0xfb])) return { type: 'audio', mimetype: 'audio/mpeg', extension: 'mp3' };
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand.startsWith('M4A')) return { type: 'audio', mimetype: 'audio/mp4', extension: 'm4a' };
    return { type: 'video', mimetype: brand === 'qt  ' ? 'video/quicktime' : 'video/mp4', extension: brand === 'qt  ' ? 'mov' : 'mp4' };
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return { type: 'file', mimetype: 'application/pdf', extension: 'pdf' };
  if (declared) {
    const [major] = declared.split('/');
    const type = major === 'image' ? 'img' : major === 'video' ? 'video' : major === 'audio' ? 'audio' : 'file';
    return { type, mimetype: declared, extension: declared.split('/')[1]?.split(/[;+]/)[0] ?? 'bin' };
  }
  const sample = bytes.subarray(0, 512);
  const textual = sample.every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
  return textual ? { type: 'file', mimetype: 'text/plain', extension: 'txt' } : { type: 'file', mimetype: 'application/octet-stream', extension: 'bin' };
}

export interface DecodedUpload {
  bytes: Uint8Array;
  declaredType?: string;
  fileName?: string;
}

/**
 * The proxy types uploads as strings ("format: binary"); we accept base64,
 * base64url or a data: URL (`data:<mime>[;name=<file>];base64,<data>`).
 * Returns undefined when the string is neither.
 */
export function decodeUpload(value: string): DecodedUpload | undefined {
  let data = value.trim();
  let declaredType: string | undefined;
  let fileName: string | undefined;
  if (data.startsWith('data:')) {
    const comma = data.indexOf(',');
    if (comma < 0) return undefined;
    const params = data.slice(5, comma).split(';');
    const payload = data.slice(comma + 1);
    const isBase64 = params.includes('base64');
    if (params[0] && params[0].includes('/')) declaredType = params[0].toLowerCase();
    for (const p of params) if (p.startsWith('name=')) fileName = decodeURIComponent(p.slice(5));
    if (!isBase64) {
      try {
        return { bytes: new TextEncoder().encode(decodeURIComponent(payload)), declaredType, fileName };
      } catch {
        return undefined;
      }
    }
    data = payload;
  }
  data = data.replace(/\s+/g, '');
  if (data.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(data) || data.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Buffer.from(data.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  if (bytes.length === 0) return undefined;
  return { bytes, declaredType, fileName };
}
