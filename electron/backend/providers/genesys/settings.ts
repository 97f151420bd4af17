import type { MyChatSettings } from '../../../../shared/domain/index';
import { AppError } from '../../../../shared/ipc/result';
import { mapMySettings } from './mappers';
import type { GenesysCallOptions, GenesysProvider } from './tools';

/**
 * The caller's settings are a resource that does not exist until created
 * (POST → 204, 409 when it exists; GET/PATCH → 404 before). The settings page
 * wants "show what applies, save what I chose", so these hide that lifecycle.
 */

/** The caller's settings; Genesys' defaults with `exists: false` while none are stored. */
export async function loadMySettings(provider: GenesysProvider, options?: GenesysCallOptions): Promise<MyChatSettings> {
  try {
    return mapMySettings(await provider.getMySettings(options));
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return mapMySettings(null);
    throw err;
  }
}

export type MySettingsChange = Partial<Omit<MyChatSettings, 'exists'>>;

/**
 * Saves a change: creates the resource first when missing (a 409 from a create
 * that raced another client falls through to the update), then patches. The
 * catalog requires `mobile` on PATCH and PATCH writes it, so the current value is
 * sent back unless the change names a new one.
 */
export async function saveMySettings(provider: GenesysProvider, change: MySettingsChange, options?: GenesysCallOptions): Promise<MyChatSettings> {
  const current = await loadMySettings(provider, options);
  const next = { ...current, ...change };
  if (!current.exists) {
    try {
      await provider.createMySettings({ muted: next.muted, mentionsOnly: next.mentionsOnly, notifyOnReactions: next.notifyOnReactions }, options);
      if (change.mobileNotifications === undefined) return loadMySettings(provider, options);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  const saved = await provider.updateMySettings(
    {
      mobile: { notifications: { when: next.mobileNotifications ?? 'Always' } },
      muted: next.muted,
      mentionsOnly: next.mentionsOnly,
      notifyOnReactions: next.notifyOnReactions,
    },
    options,
  );
  return mapMySettings(saved);
}
