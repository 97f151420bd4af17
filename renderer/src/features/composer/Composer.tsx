/** Placeholder: replaced by the feature's owner. */
export function Composer() {
  return <div aria-label="Composer" className="placeholder" />;
}
