import { afterEach, describe, expect, it } from 'vitest';
import type { MessageId } from '../../../shared/domain/ids';
import { message, ROOM, tempCache } from './testSupport';

let t: ReturnType<typeof tempCache>;
afterEach(() => t.cleanup());

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);
const id = (s: string) => s as MessageId;

describe('the attachment byte store', () => {
  it('keeps bytes and their type, replacing on a second put', () => {
    t = tempCache();
    const cache = t.open();
    expect(cache.getAttachmentBytes(id('g:m'), 'a')).toBeNull();
    cache.putAttachmentBytes(id('g:m'), { id: 'a', mimeType: 'image/png' }, bytes(10, 7));
    expect(cache.getAttachmentBytes(id('g:m'), 'a')).toEqual({ mimeType: 'image/png', bytes: bytes(10, 7) });
    cache.putAttachmentBytes(id('g:m'), { id: 'a' }, bytes(4, 9));
    expect(cache.getAttachmentBytes(id('g:m'), 'a')).toEqual({ mimeType: 'application/octet-stream', bytes: bytes(4, 9) });
    expect(cache.stats().attachmentBytes).toBe(4);
  });

  it('stays under its cap by evicting the least recently used', () => {
    t = tempCache();
    const cache = t.open({ maxAttachmentBytes: 1000 });
    cache.putAttachmentBytes(id('g:1'), { id: 'a', mimeType: 'x/y' }, bytes(400));
    cache.putAttachmentBytes(id('g:2'), { id: 'a', mimeType: 'x/y' }, bytes(400));
    // Reading the first makes the second the least recently used.
    expect(cache.getAttachmentBytes(id('g:1'), 'a')).not.toBeNull();
    cache.putAttachmentBytes(id('g:3'), { id: 'a', mimeType: 'x/y' }, bytes(400));
    expect(cache.getAttachmentBytes(id('g:2'), 'a')).toBeNull();
    expect(cache.getAttachmentBytes(id('g:1'), 'a')).not.toBeNull();
    expect(cache.getAttachmentBytes(id('g:3'), 'a')).not.toBeNull();
    expect(cache.stats().attachmentBytes).toBe(800);
    // Bigger than the whole store: not kept, nothing else evicted.
    cache.putAttachmentBytes(id('g:4'), { id: 'a', mimeType: 'x/y' }, bytes(1001));
    expect(cache.getAttachmentBytes(id('g:4'), 'a')).toBeNull();
    expect(cache.stats().attachmentBytes).toBe(800);
  });

  it('keeps the order of use across a restart', () => {
    t = tempCache();
    let cache = t.open({ maxAttachmentBytes: 1000 });
    cache.putAttachmentBytes(id('g:1'), { id: 'a', mimeType: 'x/y' }, bytes(400));
    cache.putAttachmentBytes(id('g:2'), { id: 'a', mimeType: 'x/y' }, bytes(400));
    cache.getAttachmentBytes(id('g:1'), 'a');
    cache.close();
    cache = t.open({ maxAttachmentBytes: 1000 });
    cache.putAttachmentBytes(id('g:3'), { id: 'a', mimeType: 'x/y' }, bytes(400));
    expect(cache.getAttachmentBytes(id('g:2'), 'a')).toBeNull();
    expect(cache.getAttachmentBytes(id('g:1'), 'a')).not.toBeNull();
  });

  it('drops the bytes of attachments a message no longer has', () => {
    t = tempCache();
    const cache = t.open();
    const m = message(ROOM, 1, 'files', { attachments: [{ id: 'keep', kind: 'file' }, { id: 'drop', kind: 'file' }] });
    cache.upsertMessages([m]);
    cache.putAttachmentBytes(m.id, { id: 'keep', mimeType: 'x/y' }, bytes(3));
    cache.putAttachmentBytes(m.id, { id: 'drop', mimeType: 'x/y' }, bytes(3));
    cache.upsertMessages([{ ...m, attachments: [{ id: 'keep', kind: 'file' }] }]);
    expect(cache.getAttachmentBytes(m.id, 'drop')).toBeNull();
    expect(cache.getAttachmentBytes(m.id, 'keep')).not.toBeNull();
    cache.upsertMessages([{ ...m, attachments: [], deleted: true, text: null }]);
    expect(cache.getAttachmentBytes(m.id, 'keep')).toBeNull();
  });

  it('refuses what is not bytes', () => {
    t = tempCache();
    const cache = t.open();
    expect(() => cache.putAttachmentBytes(id('g:1'), { id: 'a' }, 'text' as never)).toThrow(/Uint8Array/);
    expect(() => cache.putAttachmentBytes(id('g:1'), { id: '' }, bytes(1))).toThrow(/id/);
  });
});
