// src/core/calendar.ts takes date-fns' steps without its plumbing; it must give
// date-fns' answers, here compared on random spans and on awkward instants in
// zones with odd calendars (date lines crossed, days skipped, half-hour offsets).
import { differenceInMonths as fnsMonths } from 'date-fns/differenceInMonths';
import { differenceInYears as fnsYears } from 'date-fns/differenceInYears';
import { describe, expect, it } from 'vitest';
import { differenceInMonths, differenceInYears } from '../../src/core/calendar.js';
import { rng } from '../support/rng.js';
import { ODD_ZONES, zoneSetter } from '../support/zones.js';

const d = 86_400_000;
const setZone = zoneSetter();

function pairs(zone: string): [number, number][] {
  const out: [number, number][] = [];
  const { next } = rng(zone.length * 7);
  for (let i = 0; i < 4_000; i++) {
    const early = Date.UTC(1990, 0, 1) + next() * 60 * 365 * d;
    const span = next() < 0.7 ? next() * 70 * d : next() * 4000 * d;
    out.push([early + span, early], [Math.round(early + span), Math.round(early)], [early, early + span]);
  }
  // Month ends and leap days at both ends of a local day, Samoa's skipped 30 Dec 2011.
  for (const y of [2011, 2024, 2025]) {
    for (const [mo, day] of [[0, 31], [1, 28], [1, 29], [2, 31], [11, 29], [11, 31]] as const) {
      for (const at of [new Date(y, mo, day).getTime(), new Date(y, mo, day, 23, 59, 59, 999).getTime()]) {
        for (let k = -40; k <= 40; k++) out.push([at, at - k * d - 1], [at, at - k * d], [at + 0.5, at - k * d]);
      }
    }
  }
  for (const odd of [Number.NaN, Infinity, 8.64e15, 8.64e15 + 1, -8.64e15 - 1]) out.push([odd, 0], [0, odd], [odd, odd]);
  return out;
}

describe('calendar differences match date-fns', () => {
  it.each(ODD_ZONES)('in %s', (zone) => {
    setZone(zone);
    const mismatches: string[] = [];
    for (const [later, earlier] of pairs(zone)) {
      const got = [differenceInMonths(later, earlier), differenceInYears(later, earlier)];
      const want = [fnsMonths(later, earlier), fnsYears(later, earlier)];
      if (!Object.is(got[0], want[0]) || !Object.is(got[1], want[1])) {
        if (mismatches.length < 5) mismatches.push(`${later} ← ${earlier}: ${got.join('/')} ≠ ${want.join('/')}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
