import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../../shared/ipc/contract';
import genesysCatalog from '../../../shared/catalog/genesys-chat.tools.json';
import unipileCatalog from '../../../shared/catalog/unipile-messaging.tools.json';
import { GENESYS_TOOL_FUNCTIONS } from '../providers/genesys/index';
import { UNIPILE_TOOL_FUNCTIONS } from '../providers/unipile/index';
import { channelsOf, TOOL_USE } from './toolUse';

/** Non-test sources of the folders that call providers: the app's channels and sync (with the outbox). */
function sources(): string {
  const out: string[] = [];
  for (const dir of ['app', 'sync']) {
    const root = join(__dirname, '..', dir);
    for (const f of readdirSync(root)) if (f.endsWith('.ts') && !f.endsWith('.test.ts')) out.push(readFileSync(join(root, f), 'utf8'));
  }
  return out.join('\n');
}

describe('toolUse', () => {
  const catalog = [...genesysCatalog.tools, ...unipileCatalog.tools].map((t) => t.name);

  it('names every one of the 55 catalog tools, and nothing else', () => {
    expect(catalog).toHaveLength(55);
    expect(Object.keys(TOOL_USE).filter((t) => !catalog.includes(t))).toEqual([]);
    expect(catalog.filter((t) => !(t in TOOL_USE))).toEqual([]);
  });

  it('names only channels the contract has, or a sync / outbox path', () => {
    for (const [tool, use] of Object.entries(TOOL_USE)) {
      const channels = channelsOf(use);
      for (const c of channels) expect(Object.keys(invokeContract), `${tool}: ${c}`).toContain(c);
      expect(channels.length > 0 || /^(sync|outbox)\b/.test(use), `${tool} says where it is used`).toBe(true);
    }
  });

  it('is true to the code: each tool’s provider function is called in app/ or sync/', () => {
    const code = sources();
    const fn: Record<string, string> = { ...GENESYS_TOOL_FUNCTIONS, ...UNIPILE_TOOL_FUNCTIONS };
    // Paging helpers call some tools on the app's behalf.
    const via: Record<string, RegExp> = {
      getThreadMessages: /threadHistoryPages\(/,
      getRoomMessages: /roomHistoryPages\(|\.poll\(/,
      getUserMessages: /userHistoryPages\(|\.poll\(/,
      listAllAttendees: /allAttendeesPages\(/,
      listChatsByAttendee: /chatsByAttendeePages\(/,
      getMySettings: /loadMySettings\(/,
      createMySettings: /saveMySettings\(/,
      updateMySettings: /saveMySettings\(/,
    };
    const unused = catalog.filter((tool) => {
      const name = fn[tool]!;
      return !new RegExp(`\\.${name}\\(`).test(code) && !via[name]?.test(code);
    });
    expect(unused).toEqual([]);
  });
});
