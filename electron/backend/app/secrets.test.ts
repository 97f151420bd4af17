import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/result';
import { REDACTED, redact, scrubError } from './secrets';

describe('secret scrubbing', () => {
  it('redacts every secret in every string, longest first; short values are left alone', () => {
    const value = { a: 'token abcd-efgh and abcd', list: ['x abcd-efgh', 3, null], n: 1 };
    expect(redact(value, ['abcd', 'abcd-efgh', 'ab'])).toEqual({ a: `token ${REDACTED} and ${REDACTED}`, list: [`x ${REDACTED}`, 3, null], n: 1 });
    expect(redact('same', [])).toBe('same');
  });

  it('keeps an AppError’s code, field and retry-after, with the message scrubbed', () => {
    const err = new AppError('rate_limited', 'connection 1234-5678 is busy', { retryAfter: 3, field: 'x' });
    const out = scrubError(err, ['1234-5678']) as AppError;
    expect(out).toBeInstanceOf(AppError);
    expect(out).toMatchObject({ code: 'rate_limited', message: `connection ${REDACTED} is busy`, retryAfter: 3, field: 'x' });
    expect(scrubError(err, ['nothing-here'])).toBe(err);
    expect((scrubError(new Error('secret-value inside'), ['secret-value']) as Error).message).toBe(`${REDACTED} inside`);
  });
});
