import type { DecodedResult } from '../../pinkfish/decode';
import { errorFor } from '../../pinkfish/errors';
import type { FetchFn } from '../../pinkfish/http';

/**
 * How the Farm wraps binary upstream bodies is unknown (pinkfish-platform.md §4),
 * so every plausible form is accepted: base64 text (bare, JSON-wrapped or a
 * data: URL), an MCP `image` block, an MCP `resource` block with a blob, or a
 * short-lived download URL. The result is bytes plus a MIME type.
 */

export interface BinaryResult {
  bytes: Uint8Array;
  mimeType: string;
}

export interface BinaryOptions {
  fetch?: FetchFn;
  timeoutMs?: number;
  maxBytes?: number;
  /** MIME type to assume when the reply does not say. */
  fallbackMimeType?: string;
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function fromBase64(text: string, maxBytes: number): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 === 1 || !BASE64.test(compact)) return null;
  if ((compact.length * 3) / 4 > maxBytes) throw errorFor('invalid_input', { message: `The file is larger than ${Math.round(maxBytes / 1048576)} MB.` });
  return new Uint8Array(Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64'));
}

function fromDataUrl(text: string, maxBytes: number): BinaryResult | null {
  const m = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(text.trim());
  if (!m) return null;
  const bytes = m[2] ? fromBase64(m[3] ?? '', maxBytes) : new TextEncoder().encode(decodeURIComponent(m[3] ?? ''));
  return bytes ? { bytes, mimeType: m[1] ?? 'application/octet-stream' } : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

export async function decodeBinary(result: DecodedResult, options: BinaryOptions = {}): Promise<BinaryResult> {
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  const fallbackType = options.fallbackMimeType ?? 'application/octet-stream';

  // 1. MCP content blocks: image or resource with an inline blob.
  for (const block of result.content) {
    if (block.type === 'image' && str(block.data)) {
      const bytes = fromBase64(block.data!, maxBytes);
      if (bytes) return { bytes, mimeType: str(block.mimeType) ?? fallbackType };
    }
    if (block.type === 'resource' && isRecord(block.resource)) {
      const r = block.resource;
      const blob = str(r.blob);
      if (blob) {
        const bytes = fromBase64(blob, maxBytes);
        if (bytes) return { bytes, mimeType: str(r.mimeType) ?? fallbackType };
      }
      const uri = str(r.uri);
      if (uri && /^https?:\/\//.test(uri)) return download(uri, str(r.mimeType) ?? fallbackType, options, maxBytes);
    }
  }

  // 2. The payload (structuredContent or parsed text).
  const value = result.value;
  if (typeof value === 'string') {
    const data = fromDataUrl(value, maxBytes);
    if (data) return data;
    if (/^https?:\/\//.test(value.trim())) return download(value.trim(), fallbackType, options, maxBytes);
    const bytes = fromBase64(value, maxBytes);
    if (bytes) return { bytes, mimeType: fallbackType };
  }
  if (isRecord(value)) {
    const mimeType = str(value.mimeType) ?? str(value.mimetype) ?? str(value.contentType) ?? str(value.content_type) ?? fallbackType;
    for (const key of ['data', 'base64', 'content', 'blob', 'bytes', 'body']) {
      const v = str(value[key]);
      if (!v) continue;
      const data = fromDataUrl(v, maxBytes);
      if (data) return data;
      const bytes = fromBase64(v, maxBytes);
      if (bytes) return { bytes, mimeType };
    }
    for (const key of ['url', 'downloadUrl', 'download_url', 'href', 'link']) {
      const v = str(value[key]);
      if (v && /^https?:\/\//.test(v)) return download(v, mimeType, options, maxBytes);
    }
  }
  throw errorFor('protocol', { message: 'Pinkfish returned the file in a form Switchboard does not recognise.' });
}

async function download(url: string, mimeType: string, options: BinaryOptions, maxBytes: number): Promise<BinaryResult> {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref?.();
  try {
    const res = await fetchFn(url, { signal: controller.signal });
    if (!res.ok) throw errorFor(res.status === 404 || res.status === 410 ? 'not_found' : 'unavailable', { status: res.status, message: res.status === 404 || res.status === 410 ? 'The download link has expired; try again.' : 'The file could not be downloaded.' });
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > maxBytes) throw errorFor('invalid_input', { message: `The file is larger than ${Math.round(maxBytes / 1048576)} MB.` });
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw errorFor('invalid_input', { message: `The file is larger than ${Math.round(maxBytes / 1048576)} MB.` });
    return { bytes, mimeType: res.headers.get('content-type')?.split(';')[0]?.trim() || mimeType };
  } catch (err) {
    if (controller.signal.aborted) throw errorFor('timeout', { message: 'The file download timed out.' });
    if (err instanceof Error && 'code' in err) throw err;
    throw errorFor('network', { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

