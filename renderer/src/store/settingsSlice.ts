import type { PersonId } from '../../../shared/domain/ids';
import type { MyChatSettings, OrgChatSettings, UserChatSettings } from '../../../shared/domain/model';
import type { AccountStatus, AppPrefs, Diagnostics, InvokeInput, InvokeOutput } from '../../../shared/ipc/contract';
import type { WireError } from '../../../shared/ipc/result';
import { errorOf, loading, safeInvoke, settle, type ActionError, type Loadable } from './safeInvoke';
import type { SliceCreator } from './uiSlice';
import type { StoreState } from './index';

/**
 * Everything the Settings view shows: app preferences (stored by the backend; the theme also
 * drives `<html data-theme>` through the ui slice), the Genesys org and personal chat settings,
 * the account and cache figures (sync figures are the sync slice's), and the last diagnostics report.
 */
export type CacheStats = InvokeOutput<'cache:stats'>;
export type MySettingsPatch = InvokeInput<'mySettings:set'>;
export type OrgSettingsPatch = InvokeInput<'orgSettings:set'>;

export interface SettingsSlice {
  prefs: AppPrefs | null;
  prefsError: WireError | null;
  orgSettings: Loadable<OrgChatSettings> | null;
  mySettings: Loadable<MyChatSettings> | null;
  userSettings: Loadable<UserChatSettings> | null;
  accountStatus: Loadable<AccountStatus> | null;
  cacheStats: Loadable<CacheStats> | null;
  diagnostics: Loadable<Diagnostics> | null;

  loadPrefs: () => Promise<void>;
  /** Saves a change; the theme applies at once and rolls back if the backend refuses. */
  setPrefs: (patch: Partial<AppPrefs>) => Promise<ActionError>;
  /** The backend says what is stored (prefs:changed, another window). */
  applyPrefs: (prefs: AppPrefs) => void;

  loadOrgSettings: () => Promise<void>;
  saveOrgSettings: (patch: OrgSettingsPatch) => Promise<ActionError>;
  loadMySettings: () => Promise<void>;
  saveMySettings: (patch: MySettingsPatch) => Promise<ActionError>;
  resetMySettings: () => Promise<ActionError>;
  loadUserSettings: (personId: PersonId) => Promise<void>;
  saveUserSettings: (personId: PersonId, mobileNotifications: UserChatSettings['mobileNotifications']) => Promise<ActionError>;

  loadAccountStatus: () => Promise<void>;
  applyAccountStatus: (status: AccountStatus) => void;
  disconnectAccount: () => Promise<ActionError>;

  loadCacheStats: () => Promise<void>;
  clearCache: () => Promise<ActionError>;
  runDiagnostics: () => Promise<void>;
}

export const RETENTION_MIN = 10;
export const RETENTION_MAX = 3650;

/** The retention field's message, or null when the text is a valid number of days. */
export function retentionError(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Enter a number of days.';
  if (!/^\d+$/.test(t)) return 'Use whole days, digits only.';
  const n = Number(t);
  if (n < RETENTION_MIN) return `At least ${RETENTION_MIN} days.`;
  if (n > RETENTION_MAX) return `At most ${RETENTION_MAX} days (10 years).`;
  return null;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => {
  /**
   * Clearing the cache and removing the account reload the workspace (account:changed), which sends
   * the window back to the inbox; the user asked from Settings, so Settings stays where it was.
   */
  const stayOn = (view: StoreState['view']) => {
    if (view.kind === 'settings' && get().view.kind !== 'settings') get().setView(view);
  };
  return {
    prefs: null,
    prefsError: null,
    orgSettings: null,
    mySettings: null,
    userSettings: null,
    accountStatus: null,
    cacheStats: null,
    diagnostics: null,

    loadPrefs: async () => {
      const res = await safeInvoke('prefs:get');
      if (res.ok) get().applyPrefs(res.value);
      else set({ prefsError: res.error }, false, 'settings/prefsFailed');
    },

    setPrefs: async (patch) => {
      const before = get().prefs;
      if (before) set({ prefs: { ...before, ...patch } }, false, 'settings/setPrefs');
      if (patch.theme) get().setTheme(patch.theme);
      const res = await safeInvoke('prefs:set', patch);
      if (res.ok) get().applyPrefs(res.value);
      else {
        set({ prefs: before, prefsError: res.error }, false, 'settings/setPrefsFailed');
        if (before && patch.theme) get().setTheme(before.theme);
      }
      return errorOf(res);
    },

    applyPrefs: (prefs) => {
      set({ prefs, prefsError: null }, false, 'settings/prefsApplied');
      if (get().theme !== prefs.theme) get().setTheme(prefs.theme);
    },

    loadOrgSettings: async () => {
      set({ orgSettings: loading('org', get().orgSettings) }, false, 'settings/loadOrg');
      set({ orgSettings: settle('org', await safeInvoke('orgSettings:get'), get().orgSettings) }, false, 'settings/orgLoaded');
    },

    saveOrgSettings: async (patch) => {
      const res = await safeInvoke('orgSettings:set', patch);
      if (res.ok) set({ orgSettings: { key: 'org', status: 'ready', value: res.value } }, false, 'settings/orgSaved');
      return errorOf(res);
    },

    loadMySettings: async () => {
      set({ mySettings: loading('me', get().mySettings) }, false, 'settings/loadMine');
      set({ mySettings: settle('me', await safeInvoke('mySettings:get'), get().mySettings) }, false, 'settings/mineLoaded');
    },

    saveMySettings: async (patch) => {
      const res = await safeInvoke('mySettings:set', patch);
      if (res.ok) set({ mySettings: { key: 'me', status: 'ready', value: res.value } }, false, 'settings/mineSaved');
      return errorOf(res);
    },

    resetMySettings: async () => {
      const res = await safeInvoke('mySettings:reset');
      if (res.ok) set({ mySettings: { key: 'me', status: 'ready', value: res.value } }, false, 'settings/mineReset');
      return errorOf(res);
    },

    loadUserSettings: async (personId) => {
      set({ userSettings: loading(personId, get().userSettings) }, false, 'settings/loadUser');
      const res = await safeInvoke('userSettings:get', { personId });
      if (get().userSettings?.key !== personId) return;
      set({ userSettings: settle(personId, res, get().userSettings) }, false, 'settings/userLoaded');
    },

    saveUserSettings: async (personId, mobileNotifications) => {
      const res = await safeInvoke('userSettings:set', { personId, mobileNotifications });
      if (res.ok) set({ userSettings: { key: personId, status: 'ready', value: res.value } }, false, 'settings/userSaved');
      return errorOf(res);
    },

    loadAccountStatus: async () => {
      set({ accountStatus: loading('account', get().accountStatus) }, false, 'settings/loadAccount');
      set({ accountStatus: settle('account', await safeInvoke('account:status'), get().accountStatus) }, false, 'settings/accountLoaded');
    },

    applyAccountStatus: (status) => set({ accountStatus: { key: 'account', status: 'ready', value: status } }, false, 'settings/accountApplied'),

    disconnectAccount: async () => {
      const view = get().view;
      const res = await safeInvoke('account:disconnect');
      if (res.ok) get().applyAccountStatus(res.value);
      stayOn(view);
      return errorOf(res);
    },

    loadCacheStats: async () => {
      set({ cacheStats: loading('cache', get().cacheStats) }, false, 'settings/loadCache');
      set({ cacheStats: settle('cache', await safeInvoke('cache:stats'), get().cacheStats) }, false, 'settings/cacheLoaded');
    },

    clearCache: async () => {
      const view = get().view;
      const res = await safeInvoke('cache:clear');
      stayOn(view);
      if (res.ok) await get().loadCacheStats();
      return errorOf(res);
    },

    runDiagnostics: async () => {
      set({ diagnostics: loading('diagnostics', get().diagnostics) }, false, 'settings/runDiagnostics');
      set({ diagnostics: settle('diagnostics', await safeInvoke('diagnostics:run'), get().diagnostics) }, false, 'settings/diagnosticsDone');
    },
  };
};
