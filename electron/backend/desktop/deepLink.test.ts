import { describe, expect, it } from 'vitest';
import { deepLinkFor, deepLinkFromArgv, MAX_DEEP_LINK_LENGTH, parseDeepLink, type DeepLinkRejection } from './deepLink';

describe('parseDeepLink accepts the documented shapes', () => {
  it.each([
    ['switchboard://conversation/u:abc123', { conversationId: 'u:abc123' }],
    ['switchboard://conversation/g:dm:9ed7d9f6-0c59-4360-ac54-40dd35eb9c2f', { conversationId: 'g:dm:9ed7d9f6-0c59-4360-ac54-40dd35eb9c2f' }],
    ['switchboard://conversation/g:room:6650a1b2@conference.acme.orgspan.com', { conversationId: 'g:room:6650a1b2@conference.acme.orgspan.com' }],
    ['switchboard://conversation/g%3Aroom%3A6650a1b2%40conference.acme.orgspan.com', { conversationId: 'g:room:6650a1b2@conference.acme.orgspan.com' }],
    ['switchboard://conversation/u:abc123/', { conversationId: 'u:abc123' }],
    ['SWITCHBOARD://Conversation/u:abc123', { conversationId: 'u:abc123' }],
    ['switchboard://conversation/u:abc123?message=u:msg-1', { conversationId: 'u:abc123', messageId: 'u:msg-1' }],
    ['switchboard://conversation/u%3Aabc123?message=u%3Amsg-1', { conversationId: 'u:abc123', messageId: 'u:msg-1' }],
    ['switchboard://conversation/u:abc123?', { conversationId: 'u:abc123' }],
    ['switchboard://room/6650a1b2c3d4e5f601234567@conference.acme-prod.orgspan.com', { conversationId: 'g:room:6650a1b2c3d4e5f601234567@conference.acme-prod.orgspan.com' }],
    ['switchboard://room/6650a1b2%40conference.acme.orgspan.com', { conversationId: 'g:room:6650a1b2@conference.acme.orgspan.com' }],
    ['switchboard://room/6650a1b2@conference.acme.orgspan.com?message=g:9b1f2c5e', { conversationId: 'g:room:6650a1b2@conference.acme.orgspan.com', messageId: 'g:9b1f2c5e' }],
  ])('%s', (url, target) => {
    expect(parseDeepLink(url)).toEqual({ ok: true, target });
  });
});

describe('parseDeepLink rejects everything else', () => {
  const cases: Array<[string, unknown, DeepLinkRejection]> = [
    ['not a string', 42, 'not-a-string'],
    ['null', null, 'not-a-string'],
    ['over-long', `switchboard://conversation/u:${'a'.repeat(MAX_DEEP_LINK_LENGTH)}`, 'too-long'],
    ['another scheme', 'https://conversation/u:abc', 'wrong-scheme'],
    ['a look-alike scheme', 'switchboardx://conversation/u:abc', 'wrong-scheme'],
    ['file', 'file:///etc/passwd', 'wrong-scheme'],
    ['empty', '', 'wrong-scheme'],
    ['an unknown target', 'switchboard://settings/u:abc', 'unknown-target'],
    ['no id', 'switchboard://conversation/', 'unknown-target'],
    ['no slashes', 'switchboard:conversation/u:abc', 'unknown-target'],
    ['extra path segments', 'switchboard://conversation/u:abc/extra', 'unknown-target'],
    ['traversal', 'switchboard://conversation/../u:abc', 'unknown-target'],
    ['credentials', 'switchboard://evil@conversation/u:abc', 'unknown-target'],
    ['a port', 'switchboard://conversation:80/u:abc', 'unknown-target'],
    ['a fragment', 'switchboard://conversation/u:abc#x', 'unknown-target'],
    ['a space', 'switchboard://conversation/u:a bc', 'bad-id'],
    ['bad percent-encoding', 'switchboard://conversation/u:%E0%A4%A', 'bad-encoding'],
    ['a lone percent', 'switchboard://conversation/u:100%', 'bad-encoding'],
    ['an encoded slash', 'switchboard://conversation/u:a%2Fb', 'bad-id'],
    ['an encoded newline', 'switchboard://conversation/u:a%0Ab', 'bad-id'],
    ['an encoded NUL', 'switchboard://conversation/u:a%00', 'bad-id'],
    ['an encoded space', 'switchboard://conversation/u:a%20b', 'bad-id'],
    ['an encoded backslash', 'switchboard://conversation/u:a%5Cb', 'bad-id'],
    ['an id with no source', 'switchboard://conversation/abc', 'bad-id'],
    ['an id with an empty rest', 'switchboard://conversation/u:', 'bad-id'],
    ['an id of another kind', 'switchboard://conversation/x:abc', 'bad-id'],
    ['a room that is not a JID', 'switchboard://room/not-a-jid', 'bad-id'],
    ['a room with two @', 'switchboard://room/a@b@c.example', 'bad-id'],
    ['a room with a bad domain', 'switchboard://room/a@-bad-.example', 'bad-id'],
    ['an unknown query', 'switchboard://conversation/u:abc?foo=bar', 'bad-query'],
    ['two queries', 'switchboard://conversation/u:abc?message=u:1&message=u:2', 'bad-query'],
    ['a message without value', 'switchboard://conversation/u:abc?message', 'bad-query'],
    ['a bad message id', 'switchboard://conversation/u:abc?message=nope', 'bad-id'],
    ['an empty message id', 'switchboard://conversation/u:abc?message=', 'bad-id'],
    ['a badly encoded message id', 'switchboard://conversation/u:abc?message=u:%ZZ', 'bad-encoding'],
  ];
  it.each(cases)('%s', (_name, url, reason) => {
    expect(parseDeepLink(url)).toEqual({ ok: false, reason });
  });
});

describe('deepLinkFor', () => {
  it.each(['u:abc123', 'g:room:6650a1b2@conference.acme.orgspan.com', 'g:dm:9ed7d9f6'])('round-trips %s', (id) => {
    const url = deepLinkFor({ conversationId: id as never });
    expect(url.startsWith('switchboard://conversation/')).toBe(true);
    expect(parseDeepLink(url)).toEqual({ ok: true, target: { conversationId: id } });
  });

  it('carries the message', () => {
    const url = deepLinkFor({ conversationId: 'u:abc' as never, messageId: 'u:m/1' as never });
    expect(url).toBe('switchboard://conversation/u%3Aabc?message=u%3Am%2F1');
    // The message id contains a slash, which links refuse even encoded.
    expect(parseDeepLink(url)).toEqual({ ok: false, reason: 'bad-id' });
  });
});

describe('deepLinkFromArgv', () => {
  it('finds the link among Chromium switches, the last one winning', () => {
    expect(deepLinkFromArgv(['/opt/Switchboard/switchboard', '--no-sandbox', 'switchboard://conversation/u:a'])).toBe('switchboard://conversation/u:a');
    expect(deepLinkFromArgv(['app', 'switchboard://conversation/u:a', '--flag', 'SWITCHBOARD://room/x@y.z'])).toBe('SWITCHBOARD://room/x@y.z');
  });

  it('finds nothing in an ordinary start', () => {
    expect(deepLinkFromArgv(['/opt/Switchboard/switchboard', '--hidden'])).toBeNull();
    expect(deepLinkFromArgv([])).toBeNull();
    expect(deepLinkFromArgv([undefined, 3, {}])).toBeNull();
  });

  it('does not treat a switch that mentions the scheme as a link', () => {
    expect(deepLinkFromArgv(['app', '--url=switchboard://conversation/u:a'])).toBeNull();
  });
});
