// Ages in the seed page's style ("16 mins ago"), always floored so an article is
// never shown as newer-looking-older than it is: 119 minutes is "1 hour ago".
import { differenceInMonths, differenceInYears } from './calendar.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

// A Date beyond ±8.64e15 ms is invalid; date-fns answers NaN there, which only its
// steps (calendar.ts) should decide.
const MAX_DATE_MS = 8.64e15;

// date-fns counts months on local calendar dates, so a span measured in real time
// can count as up to this much longer or shorter: a change of UTC offset between its
// ends (DST, or a zone moving across the date line: at most ~31 h in the tz
// database), once for the dates and once more where date-fns compares a date moved
// by whole months against the other end.
const SLACK = 3 * DAY;

// Longest and shortest runs of k consecutive calendar months (k = 0..12), in ms.
// A span of at least LONGEST[k] is always k months or more; one of k months or more
// is never shorter than SHORTEST[k] minus a day (31 Jan to 28 Feb is a month).
const LONGEST = monthRuns(29, Math.max);
const SHORTEST = monthRuns(28, Math.min);

function monthRuns(february: number, pick: (a: number, b: number) => number): number[] {
  const days = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const runs = [0];
  for (let k = 1; k <= 12; k++) {
    let best = Number.NaN;
    for (let first = 0; first < 12; first++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += days[(first + i) % 12]!;
      best = Number.isNaN(best) ? sum : pick(best, sum);
    }
    runs.push(best * DAY);
  }
  return runs;
}

function unit(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function relativeTime(then: number | null, now: number): string {
  if (then == null || !Number.isFinite(then)) return '-';
  const future = then > now;
  const ms = Math.abs(now - then);
  if (ms < MINUTE) return 'just now';
  let text: string;
  if (ms < HOUR) text = unit(Math.floor(ms / MINUTE), 'min', 'mins');
  else if (ms < DAY) text = unit(Math.floor(ms / HOUR), 'hour', 'hours');
  else if (ms < WEEK) text = unit(Math.floor(ms / DAY), 'day', 'days');
  else text = calendarAge(ms, future ? now : then, future ? then : now);
  return future ? `in ${text}` : `${text} ago`;
}

// Months and years are calendar units (31 Jan to 28 Feb is a month, 30 Jan to 27 Feb
// is not), counted as date-fns counts them (calendar.ts takes its steps) across
// month lengths and leap years. Most spans are far enough from every boundary to
// have one count wherever they fall, and are counted by arithmetic: the calendar
// steps cost several times more per row of a long list.
function calendarAge(ms: number, early: number, late: number): string {
  const sure = Math.max(Math.abs(early), Math.abs(late)) <= MAX_DATE_MS;
  const months = (sure ? certainMonths(ms) : null) ?? differenceInMonths(late, early);
  if (months < 1) return unit(Math.floor(ms / WEEK), 'week', 'weeks');
  if (months < 12) return unit(months, 'month', 'months');
  const years = (sure ? certainYears(ms) : null) ?? differenceInYears(late, early);
  return unit(years, 'year', 'years');
}

/** Whole calendar months in a span (12 meaning 12 or more), or null when it depends on where the span falls. */
function certainMonths(ms: number): number | null {
  for (let k = 0; k < 12; k++) {
    if (ms < LONGEST[k]! + SLACK) return null;
    if (ms < SHORTEST[k + 1]! - DAY - SLACK) return k;
  }
  return ms >= LONGEST[12]! + SLACK ? 12 : null;
}

/** Whole calendar years in a span, or null when it depends on where the span falls. */
function certainYears(ms: number): number | null {
  // y years last at least 365·y days and, with their leap days, less than 366·y.
  const years = Math.floor(ms / YEAR);
  return ms >= years * (YEAR + DAY) + SLACK && ms < (years + 1) * YEAR - SLACK ? years : null;
}
