import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Conversation, Message, Person } from '../../../shared/domain/model';
import type { ConversationId, MessageId, PersonId } from '../../../shared/domain/ids';
import { openCacheInThread, type CacheStore } from './store';

/** Real files in a fresh temporary folder; `cleanup()` closes what was opened and removes it. */
export function tempCache() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cache-'));
  const opened: CacheStore[] = [];
  return {
    dir,
    path: join(dir, 'cache.db'),
    key: KEY,
    open(options: { maxAttachmentBytes?: number; path?: string } = {}): CacheStore {
      const store = openCacheInThread({ path: options.path ?? join(dir, 'cache.db'), key: KEY, ...options });
      opened.push(store);
      return store;
    },
    cleanup() {
      for (const s of opened.splice(0)) {
        try {
          s.close();
        } catch {
          // Already closed by the test.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const OTHER_KEY = 'a'.repeat(64);

export const ROOM = 'g:room:abc@conference.demo-org.orgspan.com' as ConversationId;
export const DM = 'g:dm:user-2' as ConversationId;
export const CHAT = 'u:chat-1' as ConversationId;

export function conversation(id: ConversationId, over: Partial<Conversation> = {}): Conversation {
  const genesys = id.startsWith('g:');
  return {
    id,
    accountId: (genesys ? 'g' : 'u:acc-1') as Conversation['accountId'],
    source: genesys ? 'genesys' : 'unipile',
    network: genesys ? 'genesys' : 'whatsapp',
    kind: id.startsWith('g:dm:') ? 'dm' : genesys ? 'room' : 'group',
    title: `Title of ${id}`,
    lastActivity: null,
    unreadCount: 0,
    muted: false,
    archived: false,
    pinned: false,
    readOnly: false,
    ...over,
  };
}

export function person(id: string, name: string, over: Partial<Person> = {}): Person {
  return { id: id as PersonId, source: id.startsWith('g:') ? 'genesys' : 'unipile', name, isSelf: false, ...over };
}

let counter = 0;
/** A message; ids default to a fresh one of the conversation's source. */
export function message(conversationId: ConversationId, time: number, text: string | null, over: Partial<Message> = {}): Message {
  const prefix = conversationId.startsWith('g:') ? 'g' : 'u';
  return {
    id: `${prefix}:m-${++counter}` as MessageId,
    conversationId,
    source: prefix === 'g' ? 'genesys' : 'unipile',
    senderId: `${prefix}:user-1` as PersonId,
    isOwn: false,
    text,
    time,
    edited: false,
    deleted: false,
    reactions: [],
    attachments: [],
    mentions: [],
    delivery: 'sent',
    ...over,
  };
}

/** Message texts of a page or hit list, for compact assertions. */
export const texts = (messages: Array<Pick<Message, 'text'>>) => messages.map((m) => m.text);
