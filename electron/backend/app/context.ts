import { parseConversationId, parseSourcedId, type Conversation, type ConversationId, type MessageId, type PersonId } from '../../../shared/domain/index';
import type { EmitFn } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { PinkfishEndpoints } from '../pinkfish/endpoints';
import type { GenesysProvider } from '../providers/genesys/index';
import type { UnipileProvider } from '../providers/unipile/index';
import type { SyncEngine } from '../sync/engine';
import type { Vault } from '../vault/vault';
import type { Session, Sessions } from './session';
import type { Workspace } from './workspace';

/**
 * What the management channels share: the swappable session, the vault, the
 * event emitter, the log. Handlers ask for the current session on every call.
 */
export interface AppContext {
  sessions: Sessions;
  vault: Vault;
  emit: EmitFn;
  log(message: string, err: unknown): void;
  now(): number;
  /** The data directory (a private temporary one when the backend was given none). */
  dataDir(): string;
  liveEndpoints: PinkfishEndpoints;
}

/** User actions: the budget keeps a reserve for these that background sync cannot touch. */
export const USER = { priority: 'user' } as const;

export interface Current {
  session: Session;
  ws: Workspace;
  engine: SyncEngine;
}

export async function current(ctx: AppContext): Promise<Current> {
  const session = await ctx.sessions.get();
  const off = await session.offline;
  if (!off) throw new AppError('unavailable', 'No workspace is open.');
  return { session, ws: session.ws, engine: off.engine };
}

export function genesysOf(ws: Workspace): GenesysProvider {
  if (!ws.genesys) throw new AppError('invalid_input', 'No Genesys connection is selected. Pick one in Settings → Accounts.');
  return ws.genesys;
}

export function unipileOf(ws: Workspace): UnipileProvider {
  if (!ws.unipile) throw new AppError('invalid_input', 'No Unipile connection is selected. Pick one in Settings → Accounts.');
  return ws.unipile;
}

export type Target = { source: 'genesys'; kind: 'room'; roomJid: string } | { source: 'genesys'; kind: 'dm'; userId: string } | { source: 'unipile'; kind: 'chat'; chatId: string };

export function targetOf(id: ConversationId): Target {
  const t = parseConversationId(id);
  if (!t) throw new AppError('invalid_input', 'That is not a conversation id.', { field: 'conversationId' });
  return t;
}

export async function mustConversation(engine: SyncEngine, id: ConversationId): Promise<Conversation> {
  const c = await engine.cache.getConversation(id);
  if (!c) throw new AppError('not_found', 'That conversation is not in Switchboard.');
  return c;
}

/** The provider's own id inside a message or person id (`g:…` / `u:…`). */
export function rawId(id: MessageId | PersonId): string {
  const parsed = parseSourcedId(id);
  if (!parsed) throw new AppError('invalid_input', 'Not a valid id.');
  return parsed.raw;
}

export function genesysUserId(id: PersonId, field = 'personId'): string {
  const parsed = parseSourcedId(id);
  if (parsed?.source !== 'genesys') throw new AppError('invalid_input', 'That is not a Genesys person.', { field });
  return parsed.raw;
}

/** A Genesys user id as typed or picked: a bare id, or a person id `g:<id>`. */
export function bareGenesysUserId(value: string): string {
  const v = value.trim();
  return v.startsWith('g:') ? v.slice(2) : v;
}

/** What an action that needs the user's Genesys id says while it is not known. */
export function genesysSelfUnknown(action: string): AppError {
  return new AppError(
    'invalid_input',
    `Switchboard does not know your Genesys user id yet, which ${action} needs. Open a 1:1 you have written in, send a message in a Genesys room, or create a room, then try again.`,
  );
}

export function myGenesysUserId(engine: SyncEngine, action: string): string {
  const me = engine.genesysSelf().meUserId;
  if (!me) throw genesysSelfUnknown(action);
  return me;
}
