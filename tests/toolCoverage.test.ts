import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeChannelNames } from '../shared/ipc/contract';

/**
 * Issue 7's rule: every tool of the bundled catalogs is reachable from the UI or used by the app
 * itself. The renderer README holds the mapping (tool → channels → where in the UI); this test holds
 * the README to the catalogs, the contract and the renderer's sources.
 */
const repoRoot = join(__dirname, '..');
const SYNC = '(sync)';

function catalogTools(): string[] {
  const dir = join(repoRoot, 'shared', 'catalog');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tools.json'))
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { tools: { name: string }[] }).tools.map((t) => t.name));
}

interface Row {
  tool: string;
  channels: string[];
  where: string;
}

/** The rows of the README's "Tool mapping" table: `| \`tool\` | \`ch\`, \`ch\` | where |`. */
export function parseMapping(markdown: string): Row[] {
  const start = markdown.indexOf('## Tool mapping');
  if (start < 0) return [];
  const section = markdown.slice(start).split(/\n## /)[0]!;
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 3 || !/^`[a-z_]+`$/.test(cells[0]!)) continue;
    rows.push({ tool: cells[0]!.slice(1, -1), channels: [...cells[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), where: cells[2]! });
  }
  return rows;
}

/** `tool: 'entry'` pairs of TOOL_USE, read as text: the tests project does not compile the backend. */
function backendToolUse(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/^\s+([a-z_]+): '([^']*)',?$/gm)) out[m[1]!] = m[2]!;
  return out;
}

/** The same rule as the backend's `channelsOf`: `a:b` words before the first `;`. */
function backendChannels(entry: string): string[] {
  return (entry.split(';')[0] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[a-zA-Z]+:[a-zA-Z]+$/.test(s));
}

function rendererSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return rendererSources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [readFileSync(p, 'utf8')] : [];
  });
}

const rows = parseMapping(readFileSync(join(repoRoot, 'renderer', 'README.md'), 'utf8'));
const tools = catalogTools();

describe('catalog coverage (renderer/README.md › Tool mapping)', () => {
  it('reads 55 catalog tools and one row per tool', () => {
    expect(tools).toHaveLength(55);
    const mapped = rows.map((r) => r.tool);
    expect(new Set(mapped).size, 'a tool listed twice').toBe(mapped.length);
    expect(
      tools.filter((t) => !mapped.includes(t)),
      'catalog tools with no use in the README mapping',
    ).toEqual([]);
    expect(
      mapped.filter((t) => !tools.includes(t)),
      'rows naming a tool that no catalog has',
    ).toEqual([]);
  });

  it('maps each tool to channels of the contract (or the background sync) and says where', () => {
    const known = new Set<string>(invokeChannelNames);
    for (const row of rows) {
      expect(row.channels.length, `${row.tool}: no channel`).toBeGreaterThan(0);
      expect(
        row.channels.filter((c) => c !== SYNC && !known.has(c)),
        `${row.tool}: channels not in shared/ipc/contract.ts`,
      ).toEqual([]);
      expect(row.where.length, `${row.tool}: where in the UI`).toBeGreaterThan(10);
    }
  });

  it("agrees with the backend's table (electron/backend/app/toolUse.ts)", () => {
    const backend = backendToolUse(readFileSync(join(repoRoot, 'electron', 'backend', 'app', 'toolUse.ts'), 'utf8'));
    expect(Object.keys(backend).sort()).toEqual([...tools].sort());
    for (const row of rows) {
      const entry = backend[row.tool] ?? '';
      const named = backendChannels(entry);
      expect(
        row.channels.filter((c) => c !== SYNC && !named.includes(c)),
        `${row.tool}: channels the backend does not list for it ("${entry}")`,
      ).toEqual([]);
      // A tool only the sync or the outbox calls must say so here too.
      if (named.length === 0) expect(row.channels, `${row.tool}: only the sync uses it`).toContain(SYNC);
    }
  });

  it('every channel named is invoked somewhere in the renderer', () => {
    const sources = rendererSources(join(repoRoot, 'renderer', 'src')).join('\n');
    const channels = [...new Set(rows.flatMap((r) => r.channels))].filter((c) => c !== SYNC);
    expect(
      channels.filter((c) => !new RegExp(`['"\`]${c}['"\`]`).test(sources)),
      'channels of the mapping that no renderer code calls',
    ).toEqual([]);
  });

  it('parses a table row with several channels', () => {
    expect(parseMapping('## Tool mapping\n| `a_b` | `x:y`, `(sync)` | the inbox, in the background |\n')).toEqual([{ tool: 'a_b', channels: ['x:y', SYNC], where: 'the inbox, in the background' }]);
  });
});
