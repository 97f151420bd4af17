/** Formatting shared by the inbox and the timeline (cached formatters: they are costly to build). */
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const yearFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const weekdayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export const formatTime = (t: number) => timeFmt.format(t);
export const formatFull = (t: number) => fullFmt.format(t);

/** Inbox time: 14:05 today, Tue this week, Mar 4 this year, else with the year. */
export function formatShort(t: number, now: number = Date.now()): string {
  const d = new Date(t);
  const n = new Date(now);
  if (d.toDateString() === n.toDateString()) return timeFmt.format(t);
  const days = (now - t) / 86_400_000;
  if (days < 6.5 && days > 0) return weekdayFmt.format(t);
  if (d.getFullYear() === n.getFullYear()) return dayFmt.format(t);
  return yearFmt.format(t);
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A wait, rounded up the way a person reads it: "45 s", "58 min", "2 h 5 min". */
export function formatWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.ceil(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}
