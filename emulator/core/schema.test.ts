import { describe, expect, it } from 'vitest';
import { GENESYS_CATALOG, UNIPILE_CATALOG } from './catalogs';
import { compileSchema } from './schema';

describe('compileSchema', () => {
  const v = compileSchema({
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1 },
      count: { type: 'integer', minimum: 1, maximum: 250 },
      ratio: { type: 'number' },
      flag: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
      nested: { type: 'object', properties: { inner: { type: 'object', required: ['deep'] } }, required: ['inner'] },
      anything: { description: 'untyped' },
    },
    required: ['name'],
  });

  it('accepts a valid value and ignores unknown keys', () => {
    expect(v({ name: 'x', count: 3, ratio: 0.5, flag: false, tags: ['a', 'b'], nested: { inner: { deep: 1 } }, anything: [1], extra: true })).toBeNull();
  });

  it.each([
    [[], { path: '', message: 'arguments must be object (got array)' }],
    [{}, { path: 'name', message: "'name' is required" }],
    [{ name: 5 }, { path: 'name', message: "'name' must be string (got integer)" }],
    [{ name: '' }, { path: 'name', message: "'name' must have a length between 1 and Infinity" }],
    [{ name: 'x', count: '3' }, { path: 'count', message: "'count' must be integer (got string)" }],
    [{ name: 'x', count: 251 }, { path: 'count', message: "'count' must be between 1 and 250 (got 251)" }],
    [{ name: 'x', ratio: null }, { path: 'ratio', message: "'ratio' must be number (got null)" }],
    [{ name: 'x', flag: 'true' }, { path: 'flag', message: "'flag' must be boolean (got string)" }],
    [{ name: 'x', tags: 'a' }, { path: 'tags', message: "'tags' must be array (got string)" }],
    [{ name: 'x', tags: ['a', 'c'] }, { path: 'tags[1]', message: `'tags[1]' must be one of a, b (got "c")` }],
    [{ name: 'x', nested: {} }, { path: 'nested.inner', message: "'nested.inner' is required" }],
    [{ name: 'x', nested: { inner: {} } }, { path: 'nested.inner.deep', message: "'nested.inner.deep' is required" }],
  ])('reports %j', (value, issue) => {
    expect(v(value)).toEqual(issue);
  });

  it('compiles every tool of both catalogs', () => {
    for (const tool of [...GENESYS_CATALOG.tools, ...UNIPILE_CATALOG.tools]) {
      const validate = compileSchema(tool.inputSchema);
      expect(validate({})?.message).toBe("'PCID' is required");
    }
  });

  it('refuses a schema type it cannot check rather than silently accepting everything', () => {
    expect(() => compileSchema({ type: 'date' })).toThrow(/unsupported schema type 'date'/);
  });
});
