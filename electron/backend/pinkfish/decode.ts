import { errorFor, fromUpstreamBody, PinkfishError } from './errors';

/**
 * Decodes a JSON-RPC reply in the reference's order (pinkfish-platform.md §8.3):
 * envelope `error` → `result.isError` → `structuredContent` → `content[0].text`
 * parsed as JSON → raw text. A payload that is itself an upstream error (an
 * `error` key, `status` ≥ 400, or a Unipile `type: "errors/…"`) is an error too.
 */

export interface McpContentBlock {
  type: string;
  text?: string;
  data?: string;
  mimeType?: string;
  resource?: { uri?: string; mimeType?: string; blob?: string; text?: string };
  [k: string]: unknown;
}

export interface DecodedResult {
  /** The tool's payload (`structuredContent`, parsed text, or raw text). */
  value: unknown;
  /** Raw content blocks, for binary forms (image/resource). */
  content: McpContentBlock[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses `text/event-stream` bodies: the JSON-RPC reply is the data of an `event: message` frame. */
export function parseSse(text: string): unknown[] {
  const out: unknown[] = [];
  for (const frame of text.split(/\r?\n\r?\n/)) {
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (event !== 'message' || data.length === 0) continue;
    try {
      out.push(JSON.parse(data.join('\n')));
    } catch {
      throw errorFor('protocol', { message: 'Pinkfish sent an event stream with a malformed message.' });
    }
  }
  return out;
}

export function looksLikeUpstreamError(payload: unknown): boolean {
  if (!isObject(payload)) return false;
  if ('error' in payload && payload.error !== undefined && payload.error !== null && payload.error !== false) return true;
  const status = payload.status ?? payload.statusCode;
  if (typeof status === 'number' && status >= 400) return true;
  return typeof payload.type === 'string' && payload.type.startsWith('errors/');
}

export function decodeRpcReply(reply: unknown, id?: number | string): DecodedResult {
  if (!isObject(reply) || reply.jsonrpc !== '2.0') {
    throw errorFor('protocol', { message: 'Pinkfish sent a reply that is not JSON-RPC 2.0.' });
  }
  if (id !== undefined && reply.id !== undefined && reply.id !== null && reply.id !== id) {
    throw errorFor('protocol', { message: 'Pinkfish answered a different request.' });
  }
  if (reply.error !== undefined) return throwRpcError(reply.error);
  const result = reply.result;
  if (!isObject(result)) throw errorFor('protocol', { message: 'Pinkfish sent a JSON-RPC reply with no result.' });
  const content = Array.isArray(result.content) ? (result.content as McpContentBlock[]).filter(isObject) : [];
  const firstText = content.find((c) => c.type === 'text' && typeof c.text === 'string')?.text;

  if (result.isError === true) {
    const payload = result.structuredContent ?? parseMaybeJson(firstText) ?? firstText;
    throw fromUpstreamBody(payload ?? 'The tool reported an error.');
  }
  let value: unknown;
  if (result.structuredContent !== undefined && result.structuredContent !== null) value = result.structuredContent;
  else if (firstText !== undefined) value = parseMaybeJson(firstText) ?? firstText;
  else value = undefined;
  if (looksLikeUpstreamError(value)) throw fromUpstreamBody(value);
  return { value, content };
}

function parseMaybeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('[') || t === 'null' || t === 'true' || t === 'false' || /^-?\d/.test(t) || t.startsWith('"'))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function throwRpcError(error: unknown): never {
  if (!isObject(error)) throw errorFor('protocol', { message: 'Pinkfish sent a malformed JSON-RPC error.' });
  const code = typeof error.code === 'number' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : '';
  const data = isObject(error.data) ? error.data : undefined;
  // An upstream error carried in `data` (our emulator's jsonrpc mode, and a plausible real form).
  if (data && (data.body !== undefined || typeof data.status === 'number')) {
    throw fromUpstreamBody(data.body ?? data, typeof data.status === 'number' ? data.status : undefined);
  }
  if (code === -32602) {
    const field = message.match(/['"`]([A-Za-z_][\w.[\]]*)['"`]/)?.[1];
    throw new PinkfishError('invalid_input', message || 'Invalid parameters.', field ? { field } : {});
  }
  if (code === -32601) throw errorFor('protocol', { message: message || 'The server does not know this method or tool.' });
  if (code === -32700 || code === -32600) throw errorFor('protocol', { message: message || 'The request was malformed.' });
  if (code === -32000 && /timeout|timed out/i.test(message)) throw errorFor('timeout', { message });
  if (code === -32000 && /not acceptable|unsupported media/i.test(message)) throw errorFor('protocol', { message });
  if (code === -32000 && message) throw fromUpstreamBody({ message });
  if (code === -32603) throw errorFor('unavailable', { message: message ? `Pinkfish failed internally: ${message}` : undefined });
  throw errorFor('protocol', { message: message || 'Pinkfish returned an error.' });
}

export { PinkfishError };
