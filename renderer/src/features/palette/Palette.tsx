/** Placeholder: replaced by the feature's owner. */
export function Palette() {
  return <div aria-label="Command palette" className="placeholder" />;
}
