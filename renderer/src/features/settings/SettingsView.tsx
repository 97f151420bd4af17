/** Placeholder: replaced by the feature's owner. */
export function SettingsView() {
  return <section aria-label="Settings" className="placeholder" />;
}
