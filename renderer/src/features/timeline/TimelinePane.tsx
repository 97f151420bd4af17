/** Placeholder: replaced by the feature's owner. */
export function TimelinePane() {
  return <section aria-label="Timeline" className="placeholder" />;
}
