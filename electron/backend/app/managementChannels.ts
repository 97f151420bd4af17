import type { CallContext, Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { publicError } from '../sync/failures';
import type { AccountsApi } from './accounts';
import type { AppContext } from './context';
import { conversationHandlers } from './conversations';
import { diagnosticsHandlers } from './diagnostics';
import { maintenanceHandlers } from './maintenance';
import { messageHandlers } from './messages';
import { peopleHandlers } from './people';
import { prefsHandlers, type PrefsApi } from './prefs';
import { scrubError } from './secrets';
import { settingsHandlers } from './settings';

/**
 * Channels for accounts, preferences, conversation management, people, threads
 * and pins, settings, the cache and diagnostics, composed from their modules.
 * Every failure crosses as an AppError with no connection id or credential in it.
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

export function managementHandlers(ctx: AppContext, prefs: PrefsApi, accounts: AccountsApi): ManagementHandlers {
  const handlers: ManagementHandlers = {
    ...accounts.handlers,
    ...prefsHandlers(prefs),
    ...conversationHandlers(ctx),
    ...peopleHandlers(ctx),
    ...messageHandlers(ctx),
    ...settingsHandlers(ctx),
    ...maintenanceHandlers(ctx, accounts),
    ...diagnosticsHandlers(ctx),
  };
  // Errors straight from a provider call cross too: none may name a connection id.
  for (const name of Object.keys(handlers) as ManagementChannel[]) {
    const inner = handlers[name] as (input: unknown, call: CallContext) => unknown;
    (handlers as Record<string, unknown>)[name] = async (input: unknown, call: CallContext) => {
      try {
        return await inner(input, call);
      } catch (err) {
        // A bug of ours: the reply says `internal`, the log has the detail.
        if (!(err instanceof AppError)) ctx.log(`${name} failed`, err);
        throw scrubError(publicError(err), ctx.sessions.secrets());
      }
    };
  }
  return handlers;
}
