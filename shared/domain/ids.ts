import { z } from 'zod';
import { parseConversationId, parseSourcedId } from './idParse';

/**
 * Branded ids. Each encodes its source so ids from Genesys and Unipile can never
 * collide and the backend can route an id back to the right provider without a
 * lookup. They never embed a PCID, token or any other secret: ids cross the contract.
 *
 *   AccountId       g                      the Genesys connection
 *                   u                      the Unipile connection
 *                   u:<accountId>          one linked network account (WhatsApp, LinkedIn…)
 *   ConversationId  g:room:<roomJid>       a Genesys room
 *                   g:dm:<userId>          a Genesys 1:1 (addressed by the other user's id)
 *                   u:<chatId>             a Unipile chat
 *   MessageId       g:<messageId> | u:<messageId>
 *   PersonId        g:<userId>    | u:<attendeeId>
 */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type AccountId = Brand<string, 'AccountId'>;
export type ConversationId = Brand<string, 'ConversationId'>;
export type MessageId = Brand<string, 'MessageId'>;
export type PersonId = Brand<string, 'PersonId'>;

export type Source = 'genesys' | 'unipile';
export const sourceSchema = z.enum(['genesys', 'unipile']);

const rest = (id: string, prefix: string) => (id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : null);

export const accountId = {
  genesys: () => 'g' as AccountId,
  unipile: () => 'u' as AccountId,
  unipileAccount: (unipileAccountId: string) => `u:${unipileAccountId}` as AccountId,
};

export const conversationId = {
  genesysRoom: (roomJid: string) => `g:room:${roomJid}` as ConversationId,
  genesysDm: (userId: string) => `g:dm:${userId}` as ConversationId,
  unipileChat: (chatId: string) => `u:${chatId}` as ConversationId,
};

// The parsers live in idParse.ts (zod-free, for the renderer); re-exported here for everyone else.
export { parseConversationId, parseSourcedId, type ParsedConversationId } from './idParse';

export const messageId = {
  genesys: (id: string) => `g:${id}` as MessageId,
  unipile: (id: string) => `u:${id}` as MessageId,
};
export const personId = {
  genesys: (userId: string) => `g:${userId}` as PersonId,
  unipile: (attendeeId: string) => `u:${attendeeId}` as PersonId,
};

const branded = <B extends string>(check: (s: string) => boolean, what: string) =>
  z.string().min(1).max(1024).refine(check, { message: `not a valid ${what}` }) as unknown as z.ZodType<Brand<string, B>>;

export const conversationIdSchema = branded<'ConversationId'>((s) => parseConversationId(s) !== null, 'conversation id');
export const messageIdSchema = branded<'MessageId'>((s) => parseSourcedId(s) !== null, 'message id');
export const personIdSchema = branded<'PersonId'>((s) => parseSourcedId(s) !== null, 'person id');
export const accountIdSchema = branded<'AccountId'>((s) => s === 'g' || s === 'u' || rest(s, 'u:') !== null, 'account id');
