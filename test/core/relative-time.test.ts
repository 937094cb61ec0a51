import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../src/core/relative-time.js';

const now = Date.parse('2025-06-09T11:00:00Z');
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [59 * s, 'just now'],
    [60 * s, '1 min ago'],
    [119 * s, '1 min ago'],
    [2 * m, '2 mins ago'],
    [16 * m, '16 mins ago'],
    [59 * m + 59 * s, '59 mins ago'],
    [h, '1 hour ago'],
    [2 * h - 1, '1 hour ago'],
    [2 * h, '2 hours ago'],
    [23 * h + 59 * m, '23 hours ago'],
    [d, '1 day ago'],
    [3 * d, '3 days ago'],
    [7 * d - 1, '6 days ago'],
    [7 * d, '1 week ago'],
    [14 * d, '2 weeks ago'],
    [30 * d, '4 weeks ago'], // 10 May → 9 Jun is not yet a calendar month
    [31 * d, '1 month ago'],
    [364 * d, '11 months ago'],
    [365 * d, '1 year ago'],
    [3 * 365 * d, '2 years ago'], // 2022-06-10: not yet 3 calendar years
    [3 * 365 * d + 2 * d, '3 years ago'],
  ])('%i ms before now is "%s"', (ago, text) => {
    expect(relativeTime(now - ago, now)).toBe(text);
  });

  it.each([
    [30 * s, 'just now'],
    [5 * m, 'in 5 mins'],
    [h, 'in 1 hour'],
    [2 * d, 'in 2 days'],
    [40 * d, 'in 1 month'],
  ])('%i ms after now is "%s"', (ahead, text) => {
    expect(relativeTime(now + ahead, now)).toBe(text);
  });

  it('shows a dash for unknown dates', () => {
    expect(relativeTime(null, now)).toBe('-');
    expect(relativeTime(Number.NaN, now)).toBe('-');
  });

  it('counts calendar months as date-fns does (month ends line up)', () => {
    expect(relativeTime(Date.parse('2025-01-31T00:00:00Z'), Date.parse('2025-02-28T12:00:00Z'))).toBe('1 month ago');
    expect(relativeTime(Date.parse('2025-01-30T00:00:00Z'), Date.parse('2025-02-27T12:00:00Z'))).toBe('4 weeks ago');
  });
});
