// relativeTime counts most weeks, months and years by arithmetic; this pins it to
// the plain date-fns version it replaced, byte for byte, in zones with odd calendars.
import { differenceInMonths } from 'date-fns/differenceInMonths';
import { differenceInYears } from 'date-fns/differenceInYears';
import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../src/core/relative-time.js';
import { ODD_ZONES, zoneSetter } from '../support/zones.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

/** The implementation before the arithmetic fast paths: date-fns for every span of a week or more. */
function reference(then: number | null, now: number): string {
  const unit = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (then == null || !Number.isFinite(then)) return '-';
  const future = then > now;
  const ms = Math.abs(now - then);
  if (ms < m) return 'just now';
  const [early, late] = future ? [now, then] : [then, now];
  let text: string;
  if (ms < h) text = unit(Math.floor(ms / m), 'min', 'mins');
  else if (ms < d) text = unit(Math.floor(ms / h), 'hour', 'hours');
  else if (ms < 7 * d) text = unit(Math.floor(ms / d), 'day', 'days');
  else {
    const months = differenceInMonths(late, early);
    if (months < 1) text = unit(Math.floor(ms / (7 * d)), 'week', 'weeks');
    else if (months < 12) text = unit(months, 'month', 'months');
    else text = unit(differenceInYears(late, early), 'year', 'years');
  }
  return future ? `in ${text}` : `${text} ago`;
}

// Spans around every boundary the text has: 59/60 s, 44/45 min, 23/24 h, 6/7 days,
// 4 weeks, then each day up to 13 months (month ends, leap days) give or take a
// millisecond, then every nine days up to 9 years.
function spans(): number[] {
  const out = [0, 1, 59 * s, 60 * s - 1, 60 * s, 61 * s, 44 * m, 45 * m, 59 * m + 59 * s, 23 * h, 24 * h - 1];
  for (let day = 1; day <= 400; day++) out.push(day * d - 1, day * d, day * d + 1);
  for (let day = 400; day <= 9 * 366; day += 9) out.push(day * d);
  return out;
}

// Instants where calendars are awkward: month ends and leap days at both ends of a
// local day, Samoa skipping 30 Dec 2011, Sitka and Manila moving across the date
// line, and the first and last years a date can be written in.
function anchors(): number[] {
  const local: number[] = [];
  for (const y of [2024, 2025]) {
    for (const [mo, day] of [[0, 31], [1, 28], [1, 29], [2, 1], [2, 31], [11, 31]] as const) {
      if (y === 2025 && mo === 1 && day === 29) continue;
      local.push(new Date(y, mo, day).getTime(), new Date(y, mo, day, 23, 59, 59, 999).getTime());
    }
  }
  const utc = ['2011-12-29T12:00:00Z', '1867-10-18T12:00:00Z', '1844-12-31T12:00:00Z', '0001-03-01T00:00:00Z', '9999-12-31T23:59:59Z'];
  return [...local, ...utc.map((iso) => Date.parse(iso))];
}

// A small seeded generator, so a failure is reproducible.
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const setZone = zoneSetter();

describe('relativeTime matches the date-fns reference', () => {
  it.each(ODD_ZONES)('in %s', (zone) => {
    setZone(zone);
    // The zone really changed (Node resets its time zone when TZ is assigned).
    const at = Date.UTC(2025, 0, 15);
    expect(0 - new Date(at).getTimezoneOffset()).toBe(offsetMinutes(zone, at));
    const mismatches: string[] = [];
    const check = (then: number, now: number) => {
      const got = relativeTime(then, now);
      const want = reference(then, now);
      if (got !== want && mismatches.length < 5) mismatches.push(`${new Date(then).toISOString()} → ${new Date(now).toISOString()}: ${got} ≠ ${want}`);
    };
    const all = spans();
    for (const now of anchors()) {
      for (const span of all) {
        check(now - span, now);
        check(now + span, now);
      }
    }
    const next = random(zone.length);
    for (let i = 0; i < 5_000; i++) {
      const now = Date.UTC(1990, 0, 1) + next() * 60 * 365 * d;
      const span = next() < 0.5 ? next() * 70 * d : next() * 4000 * d;
      check(Math.round(now - span), Math.round(now));
      check(now + span, now);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees on unknown, invalid and out-of-range instants', () => {
    const now = Date.parse('2025-06-09T11:00:00Z');
    for (const then of [null, Number.NaN, Infinity, -Infinity, 1e300, -1e300, 8.64e15, 8.64e15 + 1, -8.64e15 - 1, now - 8.64e15]) {
      expect(relativeTime(then, now)).toBe(reference(then, now));
    }
    // A year apart, but one end is past the last instant a Date can hold.
    for (const [then, at] of [[8.64e15 - 200 * d, 8.64e15 + 200 * d], [-8.64e15 + 200 * d, -8.64e15 - 200 * d]] as const) {
      expect(relativeTime(then, at)).toBe(reference(then, at));
      expect(relativeTime(at, then)).toBe(reference(at, then));
    }
  });
});

/** The zone's UTC offset at an instant, according to Intl rather than Date. */
function offsetMinutes(zone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}
