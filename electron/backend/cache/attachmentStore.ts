import type { Attachment } from '../../../shared/domain/model';
import type { MessageId } from '../../../shared/domain/ids';
import type { Ctx } from './context';
import { invalid } from './errors';

export const DEFAULT_MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

/**
 * Attachment bytes, fetched on demand and kept in the encrypted database up to
 * a total size; past it, the least recently used go first. "Recently" is a
 * counter bumped on every put and get rather than the wall clock, so a clock
 * change cannot reorder it. Evicted pages go back to the file system through
 * incremental vacuum.
 */
export class AttachmentStore {
  private tick: number;

  constructor(
    private readonly ctx: Ctx,
    readonly maxBytes: number = DEFAULT_MAX_ATTACHMENT_BYTES,
  ) {
    this.tick = ctx.sql('SELECT ifnull(max(last_used), 0) FROM attachment_bytes').pluck().get() as number;
  }

  /** Summed, not tracked: rows also leave with their messages, by paths that do not come through here. */
  totalBytes(): number {
    return this.ctx.sql('SELECT ifnull(sum(size), 0) FROM attachment_bytes').pluck().get() as number;
  }

  get(messageId: MessageId, attachmentId: string): { mimeType: string; bytes: Uint8Array } | null {
    const row = this.ctx.sql('SELECT rowid, mime_type, bytes FROM attachment_bytes WHERE message_id = ? AND attachment_id = ?').get(messageId, attachmentId) as
      | { rowid: number; mime_type: string; bytes: Buffer }
      | undefined;
    if (!row) return null;
    this.ctx.write(() => this.ctx.sql('UPDATE attachment_bytes SET last_used = ? WHERE rowid = ?').run(++this.tick, row.rowid));
    return { mimeType: row.mime_type, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
  }

  put(messageId: MessageId, attachment: Pick<Attachment, 'id' | 'mimeType'>, bytes: Uint8Array): void {
    if (!(bytes instanceof Uint8Array)) throw invalid('Attachment bytes must be a Uint8Array.', 'bytes');
    if (typeof attachment?.id !== 'string' || attachment.id === '') throw invalid('An attachment needs an id.', 'id');
    // Bigger than the whole store: shown from memory this time, never cached.
    if (bytes.byteLength > this.maxBytes) return;
    const ctx = this.ctx;
    ctx.write(() => {
      ctx
        .sql(
          `INSERT INTO attachment_bytes (message_id, attachment_id, mime_type, size, last_used, bytes) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (message_id, attachment_id) DO UPDATE SET mime_type = excluded.mime_type, size = excluded.size, last_used = excluded.last_used, bytes = excluded.bytes`,
        )
        .run(messageId, attachment.id, attachment.mimeType ?? 'application/octet-stream', bytes.byteLength, ++this.tick, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      this.evict();
    });
    this.reclaim();
  }

  private evict(): void {
    let total = this.totalBytes();
    if (total <= this.maxBytes) return;
    const oldest = this.ctx.sql('SELECT rowid, size FROM attachment_bytes ORDER BY last_used LIMIT 64');
    const remove = this.ctx.sql('DELETE FROM attachment_bytes WHERE rowid = ?');
    while (total > this.maxBytes) {
      const batch = oldest.all() as Array<{ rowid: number; size: number }>;
      if (batch.length === 0) break;
      for (const row of batch) {
        if (total <= this.maxBytes) break;
        remove.run(row.rowid);
        total -= row.size;
      }
    }
  }

  private reclaim(): void {
    const free = this.ctx.db.pragma('freelist_count', { simple: true }) as number;
    // Give space back in chunks, not after every small eviction.
    if (free > 256) this.ctx.db.pragma('incremental_vacuum');
  }
}
