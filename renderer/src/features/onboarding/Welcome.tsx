/** Placeholder: replaced by the feature's owner. */
export function Welcome() {
  return <div aria-label="Welcome" className="placeholder" />;
}
