import type { BinaryPayload } from './types';
import type { RpcErrorObject } from './jsonrpc';
import { RpcCode } from './jsonrpc';
import type { FileStore } from './files';

/** How an upstream error reaches the client; the real Farm's form is unknown (reference §2.3, §9.2). */
export type ErrorMode = 'isError' | 'structured' | 'jsonrpc';
/** How upstream bytes reach the client; unknown too (reference §4, §9.3). */
export type BinaryMode = 'base64' | 'image' | 'url';

export const ERROR_MODES: readonly ErrorMode[] = ['isError', 'structured', 'jsonrpc'];
export const BINARY_MODES: readonly BinaryMode[] = ['base64', 'image', 'url'];

/** A tools/call outcome ready to send: a serialised `result`, or a JSON-RPC `error`. */
export type Rendered = { kind: 'result'; json: string } | { kind: 'error'; error: RpcErrorObject };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `content[0].text` carries the JSON and `structuredContent` the value. MCP
 * requires structuredContent to be an object, so arrays and scalars travel in
 * the text only.
 */
export function renderValue(value: unknown): Rendered {
  const json = JSON.stringify(value ?? null);
  const text = JSON.stringify(json);
  if (isPlainObject(value)) return { kind: 'result', json: `{"content":[{"type":"text","text":${text}}],"structuredContent":${json}}` };
  return { kind: 'result', json: `{"content":[{"type":"text","text":${text}}]}` };
}

/** Upstream 204: nothing to decode, but still a success the client can recognise. */
export const NO_CONTENT_RESULT_JSON = '{"content":[],"structuredContent":{}}';

function upstreamMessage(status: number, body: Record<string, unknown>): string {
  for (const key of ['message', 'title', 'detail'] as const) {
    const v = body[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return `Upstream HTTP ${status}`;
}

export function renderUpstreamError(status: number, body: Record<string, unknown>, mode: ErrorMode): Rendered {
  const message = upstreamMessage(status, body);
  switch (mode) {
    case 'isError': {
      const json = JSON.stringify(body);
      return { kind: 'result', json: `{"isError":true,"content":[{"type":"text","text":${JSON.stringify(json)}}],"structuredContent":${json}}` };
    }
    case 'structured':
      // The embedded-server convention: a success envelope whose payload carries `error`.
      return renderValue({ error: message, status, ...body });
    case 'jsonrpc':
      return { kind: 'error', error: { code: status >= 500 ? RpcCode.Internal : RpcCode.Server, message, data: { status, body } } };
  }
}

export function renderBinary(payload: BinaryPayload, mode: BinaryMode, files: FileStore, baseUrl: string): Rendered {
  const size = payload.bytes.byteLength;
  const named = payload.fileName ? { fileName: payload.fileName } : {};
  switch (mode) {
    case 'base64': {
      const data = Buffer.from(payload.bytes.buffer, payload.bytes.byteOffset, size).toString('base64');
      const structured = JSON.stringify({ data, mimeType: payload.mimeType, size, ...named });
      return { kind: 'result', json: `{"content":[{"type":"text","text":"${data}"}],"structuredContent":${structured}}` };
    }
    case 'image': {
      const data = Buffer.from(payload.bytes.buffer, payload.bytes.byteOffset, size).toString('base64');
      // No structuredContent: a client that only reads it must notice the bytes are in the block.
      const block = payload.mimeType.startsWith('image/')
        ? { type: 'image', data, mimeType: payload.mimeType }
        : { type: 'resource', resource: { uri: `attachment://${encodeURIComponent(payload.fileName ?? 'file')}`, mimeType: payload.mimeType, blob: data } };
      return { kind: 'result', json: JSON.stringify({ content: [block] }) };
    }
    case 'url': {
      const { id, expiresAt } = files.put(payload.bytes, payload.mimeType, payload.fileName);
      return renderValue({ url: `${baseUrl}/__files/${id}`, mimeType: payload.mimeType, size, expiresAt: new Date(expiresAt).toISOString(), ...named });
    }
  }
}
