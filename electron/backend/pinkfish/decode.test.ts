import { describe, expect, it } from 'vitest';
import { decodeRpcReply, parseSse } from './decode';

const env = (result: unknown) => ({ jsonrpc: '2.0', id: 1, result });
const notFoundGenesys = { message: 'The requested resource was not found.', code: 'not.found', status: 404, messageParams: {}, contextId: 'c', details: [], errors: [] };
const notFoundUnipile = { title: 'Not Found', detail: 'Chat not found', instance: '/api/v1/chats/x', type: 'errors/resource_not_found', status: 404 };

describe('decodeRpcReply', () => {
  it('prefers structuredContent, then content[0].text as JSON, then raw text', () => {
    expect(decodeRpcReply(env({ structuredContent: { a: 1 }, content: [{ type: 'text', text: '{"a":2}' }] })).value).toEqual({ a: 1 });
    expect(decodeRpcReply(env({ content: [{ type: 'text', text: '{"a":2}' }] })).value).toEqual({ a: 2 });
    expect(decodeRpcReply(env({ content: [{ type: 'text', text: 'plain words' }] })).value).toBe('plain words');
    expect(decodeRpcReply(env({ content: [] })).value).toBeUndefined();
  });

  it.each([
    ['isError with a Genesys body', env({ isError: true, content: [{ type: 'text', text: JSON.stringify(notFoundGenesys) }] }), 'not_found', 'The requested resource was not found.'],
    ['isError with a Unipile body', env({ isError: true, content: [{ type: 'text', text: JSON.stringify(notFoundUnipile) }] }), 'not_found', 'Chat not found.'],
    ['structured error in a success envelope', env({ structuredContent: { error: 'A room can have at most 5 pinned messages.', status: 400 } }), 'invalid_input', 'A room can have at most 5 pinned messages.'],
    ['JSON-RPC error carrying the upstream body', { jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'upstream 409', data: { status: 409, body: { message: 'Settings already exist', code: 'conflict', status: 409 } } } }, 'conflict', 'Settings already exist.'],
    ['Unipile 429 in text', env({ content: [{ type: 'text', text: JSON.stringify({ title: 'Too Many Requests', type: 'errors/too_many_requests', status: 429 }) }] }), 'rate_limited', 'Too Many Requests.'],
    ['JSON-RPC invalid params', { jsonrpc: '2.0', id: 1, error: { code: -32602, message: "Invalid params: 'roomJid' is required" } }, 'invalid_input', "Invalid params: 'roomJid' is required"],
    ['JSON-RPC internal error', { jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'boom' } }, 'unavailable', 'Pinkfish failed internally: boom'],
    ['JSON-RPC timeout', { jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'Request timed out' } }, 'timeout', 'Request timed out'],
    ['upstream 401 maps to auth', env({ isError: true, structuredContent: { title: 'Unauthorized', type: 'errors/disconnected_account', status: 401 } }), 'auth', undefined],
    ['upstream 403', env({ isError: true, structuredContent: { message: 'nope', code: 'not.authorized', status: 403 } }), 'forbidden', 'nope.'],
  ])('maps %s', (_name, reply, code, message) => {
    let err: unknown;
    try {
      decodeRpcReply(reply);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code });
    if (message) expect((err as Error).message).toBe(message);
  });

  it('names the field for invalid params', () => {
    expect(() => decodeRpcReply({ jsonrpc: '2.0', id: 1, error: { code: -32602, message: "Invalid params: 'roomJid' is required" } })).toThrow(expect.objectContaining({ field: 'roomJid' }));
  });

  it('turns non-JSON-RPC and mismatched replies into protocol errors', () => {
    expect(() => decodeRpcReply({ hello: 1 })).toThrow(expect.objectContaining({ code: 'protocol' }));
    expect(() => decodeRpcReply('garbage')).toThrow(expect.objectContaining({ code: 'protocol' }));
    expect(() => decodeRpcReply({ jsonrpc: '2.0', id: 1 })).toThrow(expect.objectContaining({ code: 'protocol' }));
    expect(() => decodeRpcReply(env({ a: 1 }), 1)).not.toThrow();
    expect(() => decodeRpcReply({ jsonrpc: '2.0', id: 3, result: {} }, 2)).toThrow(expect.objectContaining({ code: 'protocol' }));
  });

  it('never lets a stack trace through as a message', () => {
    const stack = 'Error: x\n    at foo (/srv/app.js:1:1)\n    at bar (/srv/app.js:2:2)';
    let err: Error | undefined;
    try {
      decodeRpcReply(env({ isError: true, structuredContent: { message: stack, status: 500 } }));
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).not.toContain('/srv/app.js');
  });
});

describe('parseSse', () => {
  it('reads message events and ignores others', () => {
    const text = 'event: ping\ndata: 1\n\nevent: message\ndata: {"jsonrpc":"2.0",\ndata: "id":1,"result":{}}\n\n';
    expect(parseSse(text)).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
  });
  it('rejects a malformed message frame', () => {
    expect(() => parseSse('event: message\ndata: {oops\n\n')).toThrow(expect.objectContaining({ code: 'protocol' }));
  });
});
