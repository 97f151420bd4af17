/** Placeholder: replaced by the feature's owner. */
export function SidePanel() {
  return <aside aria-label="Side panel" className="placeholder" />;
}
