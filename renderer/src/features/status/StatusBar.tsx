/** Placeholder: replaced by the feature's owner. */
export function StatusBar() {
  return <footer aria-label="Status" className="placeholder" />;
}
