/**
 * A small JSON-schema validator for tool input schemas, compiled once per tool
 * so the request path does no schema walking. It covers what the catalogs use
 * (type, properties, required, items, enum) plus numeric and length bounds, and
 * reports the first problem with the field's path so the client sees
 * "Invalid params: 'roomJid' is required" rather than a generic failure.
 */

export interface SchemaIssue {
  /** Dotted path of the offending field, e.g. `mobile.notifications` or `mentions[2]`. */
  path: string;
  message: string;
}

type Check = (value: unknown, path: string) => SchemaIssue | null;

export type Validator = (value: unknown) => SchemaIssue | null;

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  null: (v) => v === null,
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isInteger(v)) return 'integer';
  return typeof v;
}

function label(path: string): string {
  return path === '' ? 'arguments' : `'${path}'`;
}

function join(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function compileNode(schema: unknown): Check {
  if (typeof schema !== 'object' || schema === null) return () => null;
  const s = schema as Record<string, unknown>;
  const checks: Check[] = [];

  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t): t is string => typeof t === 'string');
    const tests = types.map((t) => {
      const test = TYPE_TESTS[t];
      if (!test) throw new Error(`unsupported schema type '${t}'`);
      return test;
    });
    const expected = types.join(' or ');
    checks.push((v, path) => (tests.some((t) => t(v)) ? null : { path, message: `${label(path)} must be ${expected} (got ${describe(v)})` }));
  }

  if (Array.isArray(s.enum)) {
    const allowed = new Set<unknown>(s.enum);
    const list = s.enum.map((e) => String(e)).join(', ');
    checks.push((v, path) => (allowed.has(v) ? null : { path, message: `${label(path)} must be one of ${list} (got ${JSON.stringify(v)})` }));
  }

  if (typeof s.minimum === 'number' || typeof s.maximum === 'number') {
    const min = typeof s.minimum === 'number' ? s.minimum : -Infinity;
    const max = typeof s.maximum === 'number' ? s.maximum : Infinity;
    checks.push((v, path) =>
      typeof v !== 'number' || (v >= min && v <= max) ? null : { path, message: `${label(path)} must be between ${min} and ${max} (got ${v})` },
    );
  }

  if (typeof s.minLength === 'number' || typeof s.maxLength === 'number') {
    const min = typeof s.minLength === 'number' ? s.minLength : 0;
    const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
    checks.push((v, path) =>
      typeof v !== 'string' || (v.length >= min && v.length <= max) ? null : { path, message: `${label(path)} must have a length between ${min} and ${max}` },
    );
  }

  if (typeof s.minItems === 'number' || typeof s.maxItems === 'number') {
    const min = typeof s.minItems === 'number' ? s.minItems : 0;
    const max = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
    checks.push((v, path) =>
      !Array.isArray(v) || (v.length >= min && v.length <= max) ? null : { path, message: `${label(path)} must have between ${min} and ${max} items` },
    );
  }

  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  if (required.length > 0) {
    checks.push((v, path) => {
      if (!TYPE_TESTS.object!(v)) return null;
      const obj = v as Record<string, unknown>;
      for (const key of required) {
        if (obj[key] === undefined) return { path: join(path, key), message: `${label(join(path, key))} is required` };
      }
      return null;
    });
  }

  if (typeof s.properties === 'object' && s.properties !== null) {
    const props = Object.entries(s.properties as Record<string, unknown>).map(([key, sub]) => [key, compileNode(sub)] as const);
    checks.push((v, path) => {
      if (!TYPE_TESTS.object!(v)) return null;
      const obj = v as Record<string, unknown>;
      for (const [key, check] of props) {
        const child = obj[key];
        // Absent optional fields are fine; explicit nulls are checked like any value.
        if (child === undefined) continue;
        const issue = check(child, join(path, key));
        if (issue) return issue;
      }
      return null;
    });
  }

  if (s.items !== undefined) {
    const item = compileNode(s.items);
    checks.push((v, path) => {
      if (!Array.isArray(v)) return null;
      for (let i = 0; i < v.length; i++) {
        const issue = item(v[i], `${path}[${i}]`);
        if (issue) return issue;
      }
      return null;
    });
  }

  if (checks.length === 0) return () => null;
  if (checks.length === 1) return checks[0]!;
  return (v, path) => {
    for (const check of checks) {
      const issue = check(v, path);
      if (issue) return issue;
    }
    return null;
  };
}

/** Compile a tool's inputSchema; throws on a schema keyword value it cannot honour. */
export function compileSchema(schema: Record<string, unknown>): Validator {
  const check = compileNode(schema);
  return (value) => check(value, '');
}
