import { statSync } from 'node:fs';
import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { AccountsApi } from './accounts';
import { GENESYS_KEYS } from '../sync/genesysSync';
import { current, type AppContext } from './context';

/**
 * The cache as the user manages it: its size on disk (database, WAL and
 * shared-memory files; attachment bytes live inside the database) and a clear
 * that closes it, deletes its files and opens an empty one, after which sync
 * starts over. The keychain (credentials, connections, the cache key) is left
 * alone, and so are the Genesys room directory and the user's Genesys id (no tool
 * could give them back). Unsent messages live in the cache too, so a clear waits until there are none.
 */

export type MaintenanceChannel = 'cache:stats' | 'cache:clear';

function fileBytes(path: string): number {
  let total = 0;
  for (const p of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      total += statSync(p).size;
    } catch {
      // not there (no WAL yet)
    }
  }
  return total;
}

export function maintenanceHandlers(ctx: AppContext, accounts: AccountsApi): Pick<Handlers, MaintenanceChannel> {
  return {
    'cache:stats': async () => {
      const { session, engine } = await current(ctx);
      const off = await session.offline;
      const s = await engine.cache.stats();
      return { bytes: off ? fileBytes(off.path) : s.dbBytes, messages: s.messages, conversations: s.conversations, attachmentBytes: s.attachmentBytes };
    },

    'cache:clear': async () => {
      const { engine } = await current(ctx);
      const unsent = (await engine.cache.listOutbox(['pending', 'sending', 'ambiguous', 'failed'])).length;
      if (unsent > 0) {
        throw new AppError('conflict', `${unsent === 1 ? 'A message is' : `${unsent} messages are`} still waiting to be sent. Let ${unsent === 1 ? 'it' : 'them'} go out or discard ${unsent === 1 ? 'it' : 'them'} in the outbox, then clear the cache.`);
      }
      // Genesys cannot list the user's rooms, and the live app learns who the user is only once: both
      // survive the clear, or the rooms would vanish from the inbox for good.
      const directory = await engine.cache.listDirectory();
      const self = engine.genesysSelf();
      const swap = ctx.sessions.replace(
        { sameWorkspace: true },
        async (old) => {
          const off = await old?.offline.catch(() => null);
          if (!off) return;
          const { deleteCacheFiles } = await import('../cache/client');
          deleteCacheFiles(off.path);
        },
        async (cache) => {
          for (const d of directory) await cache.recordDirectory({ conversationId: d.conversationId, via: d.via });
          if (self.meUserId) await cache.setCursor(GENESYS_KEYS.self, JSON.stringify(self));
        },
      );
      try {
        await swap;
      } finally {
        // Reload either way: on failure the workspace fell back to the demo.
        await accounts.announce().catch((err: unknown) => ctx.log('cache:clear: could not announce the workspace', err));
      }
      return { ok: true as const };
    },
  };
}
