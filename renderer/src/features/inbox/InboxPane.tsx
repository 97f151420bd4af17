/** Placeholder: replaced by the feature's owner. */
export function InboxPane() {
  return <aside aria-label="Conversations" className="placeholder" />;
}
