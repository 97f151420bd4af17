/**
 * Argument access. The core has already checked types and required fields
 * against the catalog; these guards keep direct callers (tests, control)
 * honest and turn a missing value into the upstream's 400.
 */
import { invalidParameters, missingParameters } from './errors';

export type Args = Record<string, unknown>;

export function requiredString(args: Args, name: string): string {
  const v = args[name];
  if (v === undefined || v === null || v === '') throw missingParameters(`${name} is required.`);
  if (typeof v !== 'string') throw invalidParameters(`${name} must be a string.`);
  return v;
}

export function optionalString(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParameters(`${name} must be a string.`);
  return v;
}

export function optionalBoolean(args: Args, name: string): boolean | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  // Query booleans travel as the strings 'true'/'false' upstream.
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (typeof v !== 'boolean') throw invalidParameters(`${name} must be a boolean.`);
  return v;
}

export function optionalStringArray(args: Args, name: string): string[] | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalidParameters(`${name} must be an array of strings.`);
  return v as string[];
}
