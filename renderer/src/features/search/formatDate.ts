/**
 * A hit's date, short enough for a result row: the time today, the weekday this week, the day and
 * month this year, the full date before that. `full` is for the tooltip.
 */
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

const DAY = 86_400_000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function formatHitDate(at: number, now: number): { short: string; full: string } {
  const d = new Date(at);
  const today = startOfDay(now);
  let short: string;
  if (at >= today && at < today + DAY) short = time.format(d);
  else if (at >= today - 6 * DAY && at < today) short = weekday.format(d);
  else if (d.getFullYear() === new Date(now).getFullYear()) short = dayMonth.format(d);
  else short = dayMonthYear.format(d);
  return { short, full: full.format(d) };
}
