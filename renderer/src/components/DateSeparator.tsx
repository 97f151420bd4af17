/** A day boundary in the timeline. */
export function DateSeparator({ label }: { label: string }) {
  return (
    <div className="date-sep">
      <span>{label}</span>
    </div>
  );
}
