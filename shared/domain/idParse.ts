import type { Source } from './ids';

/**
 * The id parsers without zod: the renderer imports these at runtime, and importing them from
 * ids.ts would pull zod (and every schema built at its top level) into the renderer bundle.
 */
const rest = (id: string, prefix: string) => (id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : null);

export type ParsedConversationId =
  | { source: 'genesys'; kind: 'room'; roomJid: string }
  | { source: 'genesys'; kind: 'dm'; userId: string }
  | { source: 'unipile'; kind: 'chat'; chatId: string };

export function parseConversationId(id: string): ParsedConversationId | null {
  const room = rest(id, 'g:room:');
  if (room) return { source: 'genesys', kind: 'room', roomJid: room };
  const dm = rest(id, 'g:dm:');
  if (dm) return { source: 'genesys', kind: 'dm', userId: dm };
  const chat = rest(id, 'u:');
  if (chat) return { source: 'unipile', kind: 'chat', chatId: chat };
  return null;
}

/** Splits a message or person id into its source and the provider's own id. */
export function parseSourcedId(id: string): { source: Source; raw: string } | null {
  const g = rest(id, 'g:');
  if (g) return { source: 'genesys', raw: g };
  const u = rest(id, 'u:');
  if (u) return { source: 'unipile', raw: u };
  return null;
}
