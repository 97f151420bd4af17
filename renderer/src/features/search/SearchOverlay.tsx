/** Placeholder: replaced by the feature's owner. */
export function SearchOverlay() {
  return <div aria-label="Search" className="placeholder" />;
}
