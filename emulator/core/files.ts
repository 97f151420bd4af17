import { randomBytes } from 'node:crypto';
import type { Clock } from './types';

interface StoredFile {
  bytes: Uint8Array;
  mimeType: string;
  fileName?: string;
  expiresAt: number;
}

/**
 * Short-lived downloads for `--binary-mode url`, like a pre-signed URL: the
 * unguessable id is the only credential, and it stops working after `ttlMs`
 * of emulator time (so tests expire it by advancing the clock).
 */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(
    private readonly clock: Clock,
    public ttlMs: number,
  ) {}

  put(bytes: Uint8Array, mimeType: string, fileName?: string): { id: string; expiresAt: number } {
    const now = this.clock.now();
    for (const [id, f] of this.files) if (f.expiresAt <= now) this.files.delete(id);
    const id = randomBytes(18).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.files.set(id, { bytes, mimeType, fileName, expiresAt });
    return { id, expiresAt };
  }

  get(id: string): { status: 'ok'; file: StoredFile } | { status: 'missing' | 'expired' } {
    const file = this.files.get(id);
    if (!file) return { status: 'missing' };
    if (file.expiresAt <= this.clock.now()) {
      this.files.delete(id);
      return { status: 'expired' };
    }
    return { status: 'ok', file };
  }

  clear(): void {
    this.files.clear();
  }
}
