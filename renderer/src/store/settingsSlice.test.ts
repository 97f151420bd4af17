import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFS } from '../../../shared/ipc/contract';
import { fakeApi } from '../features/palette/fakeApi';
import { setApiForTests } from '../platform';
import { useStore } from './index';
import { retentionError } from './settingsSlice';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => setApiForTests(undefined));

describe('retentionError', () => {
  it.each([
    ['', 'Enter a number of days.'],
    ['9', 'At least 10 days.'],
    ['3651', 'At most 3650 days (10 years).'],
    ['12.5', 'Use whole days, digits only.'],
    ['-20', 'Use whole days, digits only.'],
    ['abc', 'Use whole days, digits only.'],
  ])('%j → %s', (text, message) => expect(retentionError(text)).toBe(message));

  it.each(['10', '365', '3650', ' 90 '])('%j is valid', (text) => expect(retentionError(text)).toBeNull());
});

describe('settingsSlice', () => {
  it('applies a theme at once and rolls it back when the backend refuses', async () => {
    setApiForTests(fakeApi({ 'prefs:set': () => ({ ok: false, error: { code: 'internal', message: 'The settings file is read-only.' } }) }));
    useStore.setState({ prefs: { ...DEFAULT_PREFS, theme: 'light' }, theme: 'light' });
    const pending = useStore.getState().setPrefs({ theme: 'dark' });
    expect(useStore.getState().theme).toBe('dark');
    const err = await pending;
    expect(err?.message).toBe('The settings file is read-only.');
    expect(useStore.getState().theme).toBe('light');
    expect(useStore.getState().prefs?.theme).toBe('light');
  });

  it('takes what the backend stored', async () => {
    setApiForTests(fakeApi({ 'prefs:set': (patch) => ({ ...DEFAULT_PREFS, ...patch, notificationPreview: false }) }));
    useStore.setState({ prefs: DEFAULT_PREFS });
    expect(await useStore.getState().setPrefs({ notifications: false })).toBeNull();
    expect(useStore.getState().prefs).toMatchObject({ notifications: false, notificationPreview: false });
  });

  it('saves, creates and resets my chat settings through their channels', async () => {
    const api = fakeApi({
      'mySettings:get': () => ({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: false }),
      'mySettings:set': (p) => ({ muted: p.muted ?? false, mentionsOnly: p.mentionsOnly ?? false, notifyOnReactions: p.notifyOnReactions ?? true, exists: true }),
      'mySettings:reset': () => ({ muted: false, mentionsOnly: false, notifyOnReactions: true, exists: false }),
    });
    setApiForTests(api);
    await useStore.getState().loadMySettings();
    expect(useStore.getState().mySettings?.value?.exists).toBe(false);
    await useStore.getState().saveMySettings({ mentionsOnly: true });
    expect(useStore.getState().mySettings?.value).toMatchObject({ mentionsOnly: true, exists: true });
    await useStore.getState().resetMySettings();
    expect(useStore.getState().mySettings?.value?.exists).toBe(false);
    expect(api.callsTo('mySettings:set')).toEqual([{ mentionsOnly: true }]);
  });

  it('keeps the last report while diagnostics run again, and shows a failure', async () => {
    let fail = false;
    const report = { at: 1, mode: 'demo' as const, token: { ok: true, expiresInS: 3000 }, connections: [], servers: [], probe: [], text: 'report' };
    setApiForTests(fakeApi({ 'diagnostics:run': () => (fail ? { ok: false, error: { code: 'network', message: 'Pinkfish is unreachable.' } } : report) }));
    await useStore.getState().runDiagnostics();
    expect(useStore.getState().diagnostics).toMatchObject({ status: 'ready', value: report });
    fail = true;
    const again = useStore.getState().runDiagnostics();
    expect(useStore.getState().diagnostics).toMatchObject({ status: 'loading', value: report });
    await again;
    expect(useStore.getState().diagnostics).toMatchObject({ status: 'error', error: { message: 'Pinkfish is unreachable.' }, value: report });
  });

  it('reads the cache figures again after clearing it', async () => {
    let bytes = 5000;
    const api = fakeApi({
      'cache:stats': () => ({ bytes, messages: 10, conversations: 2, attachmentBytes: 0 }),
      'cache:clear': () => {
        bytes = 0;
        return { ok: true as const };
      },
    });
    setApiForTests(api);
    await useStore.getState().loadCacheStats();
    expect(await useStore.getState().clearCache()).toBeNull();
    expect(useStore.getState().cacheStats?.value?.bytes).toBe(0);
    expect(api.callsTo('cache:stats')).toHaveLength(2);
  });
});
