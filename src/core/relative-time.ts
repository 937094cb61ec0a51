// Ages in the seed page's style ("16 mins ago"), always floored so an article is
// never shown as newer-looking-older than it is: 119 minutes is "1 hour ago".
import { differenceInMonths } from 'date-fns/differenceInMonths';
import { differenceInYears } from 'date-fns/differenceInYears';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

function unit(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function relativeTime(then: number | null, now: number): string {
  if (then == null || !Number.isFinite(then)) return '-';
  const future = then > now;
  const ms = Math.abs(now - then);
  if (ms < MINUTE) return 'just now';
  const [early, late] = future ? [now, then] : [then, now];
  let text: string;
  if (ms < HOUR) text = unit(Math.floor(ms / MINUTE), 'min', 'mins');
  else if (ms < DAY) text = unit(Math.floor(ms / HOUR), 'hour', 'hours');
  else if (ms < WEEK) text = unit(Math.floor(ms / DAY), 'day', 'days');
  else {
    // Months and years are calendar units (31 Jan to 28 Feb is not yet a month),
    // which date-fns counts correctly across month lengths and leap years.
    const months = differenceInMonths(late, early);
    if (months < 1) text = unit(Math.floor(ms / WEEK), 'week', 'weeks');
    else if (months < 12) text = unit(months, 'month', 'months');
    else text = unit(differenceInYears(late, early), 'year', 'years');
  }
  return future ? `in ${text}` : `${text} ago`;
}
