/** The settings pages, in nav order; `setView({ kind: 'settings', page })` opens one (palette, menus). */
export const SETTINGS_PAGES = [
  { id: 'general', label: 'General', description: 'Theme and desktop app behaviour' },
  { id: 'notifications', label: 'Notifications', description: 'Desktop notifications' },
  { id: 'genesys', label: 'Genesys chat', description: 'Organisation and personal chat settings' },
  { id: 'accounts', label: 'Accounts', description: 'Pinkfish account and linked networks' },
  { id: 'sync', label: 'Sync & cache', description: 'Request budget, sync status, cached data' },
  { id: 'keyboard', label: 'Keyboard', description: 'Every shortcut' },
  { id: 'diagnostics', label: 'Diagnostics', description: 'Token, connections, tool catalogs' },
] as const;

export type SettingsPageId = (typeof SETTINGS_PAGES)[number]['id'];

export function settingsPage(id: string | undefined): SettingsPageId {
  return SETTINGS_PAGES.some((p) => p.id === id) ? (id as SettingsPageId) : 'general';
}
