import type { z } from 'zod';
import { PinkfishError } from '../../pinkfish/errors';

/**
 * Results are parsed leniently (schemas keep unknown fields, optional fields
 * may be missing) but a value of the wrong type is a typed `protocol` error,
 * never a crash further down.
 */
export function parseResult<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new PinkfishError('protocol', `Pinkfish returned ${what} in an unexpected shape${where}.`);
}
