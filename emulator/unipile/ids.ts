/**
 * Deterministic identifiers.
 *
 * Unipile ids are 22-character base64url strings (16 random bytes). Ours are
 * derived from (seed, kind, index) and are *reversible*: the first four bytes
 * are a keyed 32-bit permutation of the index, so a message id can be mapped
 * back to its slot without a 600k-entry string map. The other twelve bytes are
 * a hash, and decoding re-encodes to check them, so a chat id never decodes as
 * a message id and a tampered id is rejected.
 */

export type IdKind = 'account' | 'attendee' | 'chat' | 'message';

const KIND_SALT: Record<IdKind, number> = {
  account: 0x1a2b3c4d,
  attendee: 0x5e6f7081,
  chat: 0x92a3b4c5,
  message: 0xd6e7f809,
};

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64URL.length; i++) B64URL_INDEX[B64URL.charCodeAt(i)] = i;

/** murmur3 fmix over two words: good avalanche, no allocation. */
export function mix32(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function hash3(a: number, b: number, c: number): number {
  return mix32(mix32(a, b), c);
}

/** Uniform [0, 1) from three words. */
export function unit(a: number, b: number, c: number): number {
  return hash3(a, b, c) / 4294967296;
}

/** Successive pseudo-random words from a fixed starting point (for building strings). */
export class HashStream {
  private counter = 0;
  constructor(private readonly state: number) {}
  next(): number {
    return mix32(this.state, ++this.counter);
  }
  below(n: number): number {
    return this.next() % n;
  }
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.below(10));
    return out;
  }
  chars(alphabet: string, count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[this.below(alphabet.length)];
    return out;
  }
}

const C1 = 0x7feb352d;
const C2 = 0x846ca68b;

function modInverse32(c: number): number {
  // Newton's iteration doubles the number of correct low bits each round (3 → 48).
  let x = c >>> 0;
  for (let i = 0; i < 5; i++) x = Math.imul(x, (2 - Math.imul(c, x)) >>> 0) >>> 0;
  return x >>> 0;
}
const C1_INV = modInverse32(C1);
const C2_INV = modInverse32(C2);

function permute(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, C1);
  x ^= x >>> 16;
  x = Math.imul(x, C2);
  x ^= x >>> 16;
  return x >>> 0;
}

function unpermute(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, C2_INV);
  x ^= x >>> 16;
  x = Math.imul(x, C1_INV);
  x ^= x >>> 16;
  return x >>> 0;
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[(v >>> 18) & 63]! + B64URL[(v >>> 12) & 63]! + B64URL[(v >>> 6) & 63]! + B64URL[v & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    out += B64URL[(v >>> 18) & 63]! + B64URL[(v >>> 12) & 63]!;
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[(v >>> 18) & 63]! + B64URL[(v >>> 12) & 63]! + B64URL[(v >>> 6) & 63]!;
  }
  return out;
}

const SCRATCH = new Uint8Array(16);

function putWord(bytes: Uint8Array, at: number, v: number): void {
  bytes[at] = v >>> 24;
  bytes[at + 1] = (v >>> 16) & 255;
  bytes[at + 2] = (v >>> 8) & 255;
  bytes[at + 3] = v & 255;
}

export class IdCodec {
  private readonly key: number;

  constructor(seed: number) {
    this.key = mix32(seed >>> 0, 0x51d5e);
  }

  encode(kind: IdKind, index: number): string {
    const salt = KIND_SALT[kind];
    // Ids are produced for every listed item: write into one scratch buffer, no arrays.
    const bytes = SCRATCH;
    putWord(bytes, 0, permute((index ^ salt ^ this.key) >>> 0));
    putWord(bytes, 4, hash3(this.key, salt, index));
    putWord(bytes, 8, hash3(this.key, salt ^ 0x55555555, index));
    putWord(bytes, 12, hash3(this.key, salt ^ 0xaaaaaaaa, index));
    return bytesToBase64Url(bytes);
  }

  /** The index behind `id`, or -1 if `id` is not an id of this kind (for this seed). */
  decode(kind: IdKind, id: string): number {
    if (id.length !== 22) return -1;
    // The first 6 characters carry the first 36 bits: enough for the 32-bit permuted index.
    let bits = 0;
    for (let i = 0; i < 6; i++) {
      const code = id.charCodeAt(i);
      const v = code < 128 ? B64URL_INDEX[code]! : -1;
      if (v < 0) return -1;
      bits = bits * 64 + v;
    }
    const permuted = Math.floor(bits / 16) >>> 0;
    const index = (unpermute(permuted) ^ KIND_SALT[kind] ^ this.key) >>> 0;
    if (index > 0x7fffffff) return -1;
    return this.encode(kind, index) === id ? index : -1;
  }
}

/** Shape check only: does this look like a Unipile id (as opposed to a provider id)? */
export function looksLikeUnipileId(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value);
}
