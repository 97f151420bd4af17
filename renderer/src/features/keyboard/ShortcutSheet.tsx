/** Placeholder: replaced by the feature's owner. */
export function ShortcutSheet() {
  return <div aria-label="Keyboard shortcuts" className="placeholder" />;
}
