import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { AppError } from './result';
import { credentialsInputSchema, invokeChannelNames, eventChannelNames, type Handlers } from './contract';

const info = { name: 'Switchboard', version: '1.2.3', mode: 'demo' as const, platform: 'linux', host: 'web' as const, keychain: { available: true } };
const ctx = { host: 'web' as const };

function handlersWith(impl: Handlers['app:info']): Handlers {
  // Only app:info is exercised here; every other channel answers 'unavailable'.
  const rest = Object.fromEntries(invokeChannelNames.map((c) => [c, () => Promise.reject(new AppError('unavailable', 'not in this test'))]));
  return { ...rest, 'app:info': impl } as Handlers;
}

describe('dispatch', () => {
  it('returns the handler value wrapped as ok', async () => {
    expect(await dispatch(handlersWith(() => info), 'app:info', undefined, ctx)).toEqual({ ok: true, value: info });
  });

  it('refuses an unknown channel without calling anything', async () => {
    const res = await dispatch(handlersWith(() => info), 'vault:dump', undefined, ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses prototype keys as channels', async () => {
    const res = await dispatch(handlersWith(() => info), 'constructor', undefined, ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('validates input before the handler runs', async () => {
    let called = false;
    const res = await dispatch(
      handlersWith(() => {
        called = true;
        return info;
      }),
      'app:info',
      { unexpected: true },
      ctx,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(called).toBe(false);
  });

  it('passes AppError code, message and retryAfter through', async () => {
    const res = await dispatch(
      handlersWith(() => {
        throw new AppError('rate_limited', 'Slow down.', { retryAfter: 12 });
      }),
      'app:info',
      undefined,
      ctx,
    );
    expect(res).toEqual({ ok: false, error: { code: 'rate_limited', message: 'Slow down.', retryAfter: 12 } });
  });

  it('hides anything else behind a generic internal error with no stack or detail', async () => {
    const res = await dispatch(
      handlersWith(() => {
        throw new Error('secret=hunter2 at /home/me/app.ts:12:3');
      }),
      'app:info',
      undefined,
      ctx,
    );
    expect(res.ok).toBe(false);
    const text = JSON.stringify(res);
    expect(text).toContain('"internal"');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('app.ts');
  });

  it('rejects a handler output that drifts from the contract', async () => {
    const res = await dispatch(handlersWith(() => ({ ...info, mode: 'staging' }) as never), 'app:info', undefined, ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('derives the channel lists from the contract table', () => {
    expect(invokeChannelNames).toContain('app:info');
    expect(eventChannelNames).toContain('app:ready');
    for (const name of [...invokeChannelNames, ...eventChannelNames]) expect(name).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/);
  });

  it('trims credentials: a key pasted with a newline is the key, one of only spaces is refused with its field’s message', () => {
    expect(credentialsInputSchema.parse({ kind: 'apiKey', apiKey: ' sk-123\n', orgId: ' org ' })).toEqual({ kind: 'apiKey', apiKey: 'sk-123', orgId: 'org' });
    const spaces = credentialsInputSchema.safeParse({ kind: 'apiKey', apiKey: '   ', orgId: 'org' });
    expect(spaces.success ? null : spaces.error.issues[0]?.message).toBe('Enter the API key');
    const secret = credentialsInputSchema.safeParse({ kind: 'oauth', clientId: 'id', clientSecret: ' \t ', orgId: 'org' });
    expect(secret.success ? null : secret.error.issues[0]?.message).toBe('Enter the client secret');
  });
});
