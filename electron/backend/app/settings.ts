import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { loadMySettings, mapOrgSettings, mapUserSettings, saveMySettings, type MySettingsChange } from '../providers/genesys/index';
import { errorCode } from '../sync/failures';
import { genesysOf, genesysUserId, USER, type AppContext } from './context';

/**
 * Genesys chat settings: the organisation's (retention, reactions), the user's
 * own (mute, mentions only, reaction notifications, mobile) and another user's
 * mobile notifications. They need only the Genesys provider, not the cache.
 *
 * Organisation settings: a change of both fields replaces the resource (PUT,
 * the whole settings as the user sees them); a change of one patches it
 * (PATCH), so a field someone else changed meanwhile is not sent back.
 */

export type SettingsChannel = 'orgSettings:get' | 'orgSettings:set' | 'mySettings:get' | 'mySettings:set' | 'mySettings:reset' | 'userSettings:get' | 'userSettings:set';

export function settingsHandlers(ctx: AppContext): Pick<Handlers, SettingsChannel> {
  const genesys = async () => genesysOf((await ctx.sessions.get()).ws);

  return {
    'orgSettings:get': async () => mapOrgSettings(await (await genesys()).getOrgSettings(USER)),

    'orgSettings:set': async ({ messageRetentionPeriodDays, reactionsEnabled }) => {
      const g = await genesys();
      if (messageRetentionPeriodDays === undefined && reactionsEnabled === undefined) throw new AppError('invalid_input', 'There is nothing to change.');
      if (messageRetentionPeriodDays !== undefined && reactionsEnabled !== undefined) return mapOrgSettings(await g.replaceOrgSettings({ messageRetentionPeriodDays, reactionsEnabled }, USER));
      return mapOrgSettings(await g.patchOrgSettings(messageRetentionPeriodDays !== undefined ? { messageRetentionPeriodDays } : { reactionsEnabled: reactionsEnabled! }, USER));
    },

    'mySettings:get': async () => loadMySettings(await genesys(), USER),

    'mySettings:set': async (input) => {
      const g = await genesys();
      const change: MySettingsChange = {};
      if (input.muted !== undefined) change.muted = input.muted;
      if (input.mentionsOnly !== undefined) change.mentionsOnly = input.mentionsOnly;
      if (input.notifyOnReactions !== undefined) change.notifyOnReactions = input.notifyOnReactions;
      if (input.mobileNotifications !== undefined) change.mobileNotifications = input.mobileNotifications;
      // Created (POST) when none exist yet, then patched: see providers/genesys/settings.ts.
      return saveMySettings(g, change, USER);
    },

    'mySettings:reset': async () => {
      const g = await genesys();
      try {
        await g.deleteMySettings(USER);
      } catch (err) {
        // Nothing stored: already at the defaults.
        if (errorCode(err) !== 'not_found') throw err;
      }
      return loadMySettings(g, USER);
    },

    'userSettings:get': async ({ personId }) => {
      const userId = genesysUserId(personId);
      return mapUserSettings(await (await genesys()).getUserSettings({ userId }, USER), userId);
    },

    'userSettings:set': async ({ personId, mobileNotifications }) => {
      const userId = genesysUserId(personId);
      return mapUserSettings(await (await genesys()).updateUserSettings({ userId, mobile: { notifications: { when: mobileNotifications } } }, USER), userId);
    },
  };
}
