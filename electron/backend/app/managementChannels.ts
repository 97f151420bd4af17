import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';

/**
 * Channels for accounts, preferences, conversation management, people, settings and
 * diagnostics. Placeholder until they are wired: each answers a clear `unavailable`.
 */
export type ManagementChannel =
  | 'account:status' | 'account:connect' | 'account:choose' | 'account:disconnect'
  | 'prefs:get' | 'prefs:set'
  | 'conversation:actions' | 'conversation:set' | 'conversation:inviteLink' | 'conversation:delete' | 'conversation:details'
  | 'rooms:update' | 'rooms:create' | 'rooms:join' | 'rooms:leave' | 'dm:open' | 'chats:start'
  | 'people:list' | 'people:query' | 'people:get' | 'people:picture' | 'people:add' | 'people:remove' | 'people:conversations' | 'people:messages'
  | 'threads:fetch' | 'pins:list' | 'attachments:get' | 'messages:forward' | 'messages:get'
  | 'orgSettings:get' | 'orgSettings:set' | 'mySettings:get' | 'mySettings:set' | 'mySettings:reset' | 'userSettings:get' | 'userSettings:set'
  | 'cache:stats' | 'cache:clear' | 'diagnostics:run';

export type ManagementHandlers = Pick<Handlers, ManagementChannel>;

const names: ManagementChannel[] = [
  'account:status', 'account:connect', 'account:choose', 'account:disconnect', 'prefs:get', 'prefs:set',
  'conversation:actions', 'conversation:set', 'conversation:inviteLink', 'conversation:delete', 'conversation:details',
  'rooms:update', 'rooms:create', 'rooms:join', 'rooms:leave', 'dm:open', 'chats:start',
  'people:list', 'people:query', 'people:get', 'people:picture', 'people:add', 'people:remove', 'people:conversations', 'people:messages',
  'threads:fetch', 'pins:list', 'attachments:get', 'messages:forward', 'messages:get',
  'orgSettings:get', 'orgSettings:set', 'mySettings:get', 'mySettings:set', 'mySettings:reset', 'userSettings:get', 'userSettings:set',
  'cache:stats', 'cache:clear', 'diagnostics:run',
];

export function managementHandlers(): ManagementHandlers {
  const out = {} as Record<ManagementChannel, () => Promise<never>>;
  for (const n of names) out[n] = () => Promise.reject(new AppError('unavailable', `${n} is not available yet.`));
  return out as unknown as ManagementHandlers;
}
