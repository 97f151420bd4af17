import type { ToolInfo } from './mcpClient';

/**
 * Proxy schemas are regenerated over time (the reference saw `any[]` become
 * `string[]`), so diagnostics compare a server's live `tools/list` with the
 * catalog bundled in shared/catalog and say what moved.
 */

export interface CatalogDrift {
  added: string[];
  removed: string[];
  changed: Array<{ name: string; changes: string[] }>;
}

type Schema = { properties?: Record<string, { type?: unknown; enum?: unknown; items?: unknown }>; required?: string[] };

export function compareCatalog(bundled: ToolInfo[], live: ToolInfo[]): CatalogDrift {
  const b = new Map(bundled.map((t) => [t.name, t]));
  const l = new Map(live.map((t) => [t.name, t]));
  const added = [...l.keys()].filter((n) => !b.has(n)).sort();
  const removed = [...b.keys()].filter((n) => !l.has(n)).sort();
  const changed: CatalogDrift['changed'] = [];
  for (const [name, before] of b) {
    const after = l.get(name);
    if (!after) continue;
    const changes: string[] = [];
    if ((before.description ?? '') !== (after.description ?? '')) changes.push('description');
    const bs = (before.inputSchema ?? {}) as Schema;
    const as = (after.inputSchema ?? {}) as Schema;
    const bp = bs.properties ?? {};
    const ap = as.properties ?? {};
    for (const p of Object.keys(ap)) if (!(p in bp)) changes.push(`+${p}`);
    for (const p of Object.keys(bp)) if (!(p in ap)) changes.push(`-${p}`);
    for (const p of Object.keys(bp)) {
      if (!(p in ap)) continue;
      if (JSON.stringify(bp[p]?.type) !== JSON.stringify(ap[p]?.type)) changes.push(`${p}: type`);
      if (JSON.stringify(bp[p]?.enum) !== JSON.stringify(ap[p]?.enum)) changes.push(`${p}: enum`);
      if (JSON.stringify(bp[p]?.items) !== JSON.stringify(ap[p]?.items)) changes.push(`${p}: items`);
    }
    const br = new Set(bs.required ?? []);
    const ar = new Set(as.required ?? []);
    for (const r of ar) if (!br.has(r)) changes.push(`${r}: now required`);
    for (const r of br) if (!ar.has(r)) changes.push(`${r}: no longer required`);
    if (changes.length) changed.push({ name, changes });
  }
  return { added, removed, changed };
}
