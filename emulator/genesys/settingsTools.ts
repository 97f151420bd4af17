import { NO_CONTENT } from '../core/types';
import type { MyChatSettings, NotificationWhen, OrgChatSettings } from './model';
import type { ChatOperations } from './operations';
import { DEFAULT_MOBILE_WHEN, DEFAULT_ORG_SETTINGS, ME, type GenesysStore } from './store';
import { str, type ShortHandlers } from './toolArgs';

const WHEN: readonly NotificationWhen[] = ['Always', 'OnlyWhenInactive'];
export const RETENTION_MIN = 10;
export const RETENTION_MAX = 3650;

/** Org chat settings, the caller's own settings resource and other users' mobile settings. */
export function settingsTools(store: GenesysStore, ops: ChatOperations): ShortHandlers {
  const errors = store.errors;

  const orgPatch = (args: Record<string, unknown>): Partial<OrgChatSettings> => {
    const patch: Partial<OrgChatSettings> = {};
    const days = args.messageRetentionPeriodDays;
    if (days !== undefined) {
      if (typeof days !== 'number' || !Number.isInteger(days) || days < RETENTION_MIN || days > RETENTION_MAX) {
        throw errors.constraint('messageRetentionPeriodDays', 'messageRetentionPeriodDays must be a whole number of days from {min} to {max}; got {value}.', {
          min: String(RETENTION_MIN),
          max: String(RETENTION_MAX),
          value: String(days),
        });
      }
      patch.messageRetentionPeriodDays = days;
    }
    if (args.reactionsEnabled !== undefined) {
      if (typeof args.reactionsEnabled !== 'boolean') throw errors.invalidValue('reactionsEnabled', 'reactionsEnabled must be true or false.');
      patch.reactionsEnabled = args.reactionsEnabled;
    }
    return patch;
  };

  /** `mobile.notifications.when` is the only user-level mobile setting; its enum is not in the tool schema, so it is checked here. */
  const mobileWhen = (mobile: unknown): NotificationWhen => {
    const when = (mobile as { notifications?: { when?: unknown } } | undefined)?.notifications?.when;
    if (typeof when !== 'string' || !WHEN.includes(when as NotificationWhen)) {
      throw errors.invalidValue('mobile.notifications.when', 'mobile.notifications.when must be one of {allowed}; got {value}.', {
        allowed: WHEN.join(', '),
        value: when === undefined ? 'nothing' : JSON.stringify(when),
      });
    }
    return when as NotificationWhen;
  };

  const mobileOf = (person: number) => ({ notifications: { when: store.mobileWhen.get(person) ?? DEFAULT_MOBILE_WHEN } });

  const requireMine = (): MyChatSettings => {
    if (!store.mySettings) throw errors.error(404, 'not.found', 'Chat settings for the current user have not been created.');
    return store.mySettings;
  };

  const mine = (s: MyChatSettings) => ({ muted: s.muted, mentionsOnly: s.mentionsOnly, notifyOnReactions: s.notifyOnReactions, mobile: mobileOf(ME) });

  const booleanField = (args: Record<string, unknown>, key: keyof MyChatSettings): boolean | undefined => {
    const value = args[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw errors.invalidValue(key, `${key} must be true or false.`);
    return value;
  };

  return {
    get_chats_settings: () => ({ ...store.orgSettings }),
    // PUT replaces the resource: a field left out goes back to its default.
    put_chats_settings: (args) => {
      store.orgSettings = { ...DEFAULT_ORG_SETTINGS, ...orgPatch(args) };
      return { ...store.orgSettings };
    },
    patch_chats_settings: (args) => {
      store.orgSettings = { ...store.orgSettings, ...orgPatch(args) };
      return { ...store.orgSettings };
    },

    get_chats_user_settings: (args) => ({ mobile: mobileOf(ops.user(str(args.userId)).idx) }),
    patch_chats_user_settings: (args) => {
      const person = ops.user(str(args.userId));
      store.mobileWhen.set(person.idx, mobileWhen(args.mobile));
      return { mobile: mobileOf(person.idx) };
    },

    get_chats_users_me_settings: () => mine(requireMine()),
    post_chats_users_me_settings: (args) => {
      if (store.mySettings) throw errors.conflict('Chat settings for the current user already exist; use PATCH to change them.');
      const muted = booleanField(args, 'muted');
      if (muted === undefined) throw errors.badRequest('muted is required.', {}, 'muted');
      store.mySettings = { muted, mentionsOnly: booleanField(args, 'mentionsOnly') ?? false, notifyOnReactions: booleanField(args, 'notifyOnReactions') ?? true };
      return NO_CONTENT;
    },
    patch_chats_users_me_settings: (args) => {
      const current = requireMine();
      const when = args.mobile === undefined ? undefined : mobileWhen(args.mobile);
      const next: MyChatSettings = {
        muted: booleanField(args, 'muted') ?? current.muted,
        mentionsOnly: booleanField(args, 'mentionsOnly') ?? current.mentionsOnly,
        notifyOnReactions: booleanField(args, 'notifyOnReactions') ?? current.notifyOnReactions,
      };
      store.mySettings = next;
      if (when) store.mobileWhen.set(ME, when);
      return mine(next);
    },
    delete_chats_users_me_settings: () => {
      requireMine();
      store.mySettings = undefined;
      store.mobileWhen.delete(ME);
      return NO_CONTENT;
    },
  };
}
