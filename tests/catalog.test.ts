import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..');
const reference = join(repoRoot, '..', 'shared', 'reference', 'tools');
const files = ['genesys-chat.tools.json', 'unipile-messaging.tools.json'];

describe('bundled tool catalogs', () => {
  it.each(files)('%s is valid and complete', (file) => {
    const catalog = JSON.parse(readFileSync(join(repoRoot, 'shared', 'catalog', file), 'utf8')) as { server: string; tools: { name: string; inputSchema: { required?: string[] } }[] };
    expect(catalog.tools.length).toBe(file.startsWith('genesys') ? 34 : 21);
    for (const tool of catalog.tools) expect(tool.inputSchema.required).toContain('PCID');
  });

  // The copy must stay exact; the reference sits beside the repo in CI and on developer machines.
  it.runIf(existsSync(reference)).each(files)('%s is byte-identical to ../shared/reference/tools', (file) => {
    expect(readFileSync(join(repoRoot, 'shared', 'catalog', file))).toEqual(readFileSync(join(reference, file)));
  });
});
