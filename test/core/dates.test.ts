import { describe, expect, it } from 'vitest';
import { formatIsoUtc, parseDate } from '../../src/core/dates.js';
import { rng } from '../support/rng.js';

// Expected values are worked out by hand from the input, never by running the parser.
const BASE = 'Mon, 09 Jun 2025 10:00:00';

const cases: Array<[string, string | null]> = [
  // RFC 822/2822: weekdays in any language, or none
  ['Mon, 09 Jun 2025 10:44:00 +0000', '2025-06-09T10:44:00Z'],
  ['09 Jun 2025 10:44:00 GMT', '2025-06-09T10:44:00Z'],
  ['Lun, 09 Jun 2025 10:44:00 GMT', '2025-06-09T10:44:00Z'],
  ['Di, 10 Jun 2025 10:44:00 GMT', '2025-06-10T10:44:00Z'],
  ['Thurs, 12 Jun 2025 08:00:00 GMT', '2025-06-12T08:00:00Z'],
  ['Blargh, 09 Jun 2025 10:44:00 GMT', '2025-06-09T10:44:00Z'],
  ['Пн, 09 Jun 2025 10:44:00 GMT', '2025-06-09T10:44:00Z'],
  ['Mon 09 Jun 2025 10:44:00 GMT', '2025-06-09T10:44:00Z'],
  ['Mon, 09 Jun 2025 10:44 GMT', '2025-06-09T10:44:00Z'],
  ['Mon, 09 Jun 2025', '2025-06-09T00:00:00Z'],
  ['09 Jun 2025', '2025-06-09T00:00:00Z'],
  ['Mon, 9 Jun 2025 10:44:00 GMT', '2025-06-09T10:44:00Z'],
  ['Mon, 09 Jun 2025 9:05:00 GMT', '2025-06-09T09:05:00Z'],
  // RFC 2822 two- and three-digit years
  ['Thu, 01 Jan 04 00:00:00 GMT', '2004-01-01T00:00:00Z'],
  ['Fri, 01 Jan 99 12:00:00 GMT', '1999-01-01T12:00:00Z'],
  ['01 Jan 49 00:00:00 GMT', '2049-01-01T00:00:00Z'],
  ['01 Jan 50 00:00:00 GMT', '1950-01-01T00:00:00Z'],
  ['01 Jan 00 00:00:00 GMT', '2000-01-01T00:00:00Z'],
  ['01 Jan 125 00:00:00 GMT', '2025-01-01T00:00:00Z'],
  // month names
  ['9 June 2025 10:44:00 GMT', '2025-06-09T10:44:00Z'],
  ['30 September 2025 10:44:00 GMT', '2025-09-30T10:44:00Z'],
  ['30 Sept 2025 10:44 GMT', '2025-09-30T10:44:00Z'],
  ['mon, 09 JUN 2025 10:44:00 gmt', '2025-06-09T10:44:00Z'],
  ['01 dEc 2025 10:44:00 GMT', '2025-12-01T10:44:00Z'],
  ['Jun 9, 2025', '2025-06-09T00:00:00Z'],
  // numeric offsets: local time minus offset
  [`${BASE} +0200`, '2025-06-09T08:00:00Z'],
  [`${BASE} +02:00`, '2025-06-09T08:00:00Z'],
  [`${BASE} -0530`, '2025-06-09T15:30:00Z'],
  [`${BASE} -0000`, '2025-06-09T10:00:00Z'],
  ['Mon, 09 Jun 2025 01:00:00 +0200', '2025-06-08T23:00:00Z'],
  ['Wed, 31 Dec 2025 23:30:00 -0100', '2026-01-01T00:30:00Z'],
  // every named zone
  [`${BASE} UT`, '2025-06-09T10:00:00Z'],
  [`${BASE} UTC`, '2025-06-09T10:00:00Z'],
  [`${BASE} GMT`, '2025-06-09T10:00:00Z'],
  [`${BASE} Z`, '2025-06-09T10:00:00Z'],
  [`${BASE} EST`, '2025-06-09T15:00:00Z'],
  [`${BASE} EDT`, '2025-06-09T14:00:00Z'],
  [`${BASE} CST`, '2025-06-09T16:00:00Z'],
  [`${BASE} CDT`, '2025-06-09T15:00:00Z'],
  [`${BASE} MST`, '2025-06-09T17:00:00Z'],
  [`${BASE} MDT`, '2025-06-09T16:00:00Z'],
  [`${BASE} PST`, '2025-06-09T18:00:00Z'],
  [`${BASE} PDT`, '2025-06-09T17:00:00Z'],
  [`${BASE} AT`, '2025-06-09T14:00:00Z'],
  [`${BASE} ET`, '2025-06-09T15:00:00Z'],
  [`${BASE} CT`, '2025-06-09T16:00:00Z'],
  [`${BASE} MT`, '2025-06-09T17:00:00Z'],
  [`${BASE} PT`, '2025-06-09T18:00:00Z'],
  [`${BASE} CET`, '2025-06-09T09:00:00Z'],
  [`${BASE} CEST`, '2025-06-09T08:00:00Z'],
  [`${BASE} MET`, '2025-06-09T09:00:00Z'],
  [`${BASE} MEST`, '2025-06-09T08:00:00Z'],
  [`${BASE} Etc/GMT`, '2025-06-09T10:00:00Z'],
  [`${BASE} Etc/GMT+2`, '2025-06-09T12:00:00Z'], // tzdata's inverted sign: UTC-2
  [`${BASE} est`, '2025-06-09T15:00:00Z'],
  // military letters and unknown names mean -0000 (RFC 2822 §4.3)
  [`${BASE} A`, '2025-06-09T10:00:00Z'],
  [`${BASE} M`, '2025-06-09T10:00:00Z'],
  [`${BASE} N`, '2025-06-09T10:00:00Z'],
  [`${BASE} Y`, '2025-06-09T10:00:00Z'],
  [`${BASE} XYZ`, '2025-06-09T10:00:00Z'],
  // GMT±N is local time ahead of / behind UTC
  [`${BASE} GMT+2`, '2025-06-09T08:00:00Z'],
  [`${BASE} GMT+0200`, '2025-06-09T08:00:00Z'],
  [`${BASE} GMT-01:01`, '2025-06-09T11:01:00Z'],
  [`${BASE} UTC+5:30`, '2025-06-09T04:30:00Z'],
  [`${BASE} GMT -3`, '2025-06-09T13:00:00Z'],
  // missing zone, whitespace, comments
  [BASE, '2025-06-09T10:00:00Z'],
  ['  Mon,   09   Jun  2025   10:00:00   GMT  ', '2025-06-09T10:00:00Z'],
  ['Mon ,\t09 Jun 2025\r\n 10:00:00 GMT', '2025-06-09T10:00:00Z'],
  [`${BASE} -0700 (PDT)`, '2025-06-09T17:00:00Z'],
  [`${BASE} +0000 (UTC)`, '2025-06-09T10:00:00Z'],
  [`${BASE} +0000 (a (nested) comment)`, '2025-06-09T10:00:00Z'],
  // leap days and leap seconds
  ['29 Feb 2024 12:00:00 GMT', '2024-02-29T12:00:00Z'],
  ['29 Feb 2000 12:00:00 GMT', '2000-02-29T12:00:00Z'],
  ['Sat, 31 Dec 2016 23:59:60 GMT', '2016-12-31T23:59:59Z'],
  // ISO 8601 / W3CDTF
  ['2025-06-09', '2025-06-09T00:00:00Z'],
  ['2025-06', '2025-06-01T00:00:00Z'],
  ['2025', '2025-01-01T00:00:00Z'],
  ['2025-06-09T10:44Z', '2025-06-09T10:44:00Z'],
  ['2025-06-09T10:44:00.123456+05:30', '2025-06-09T05:14:00Z'],
  ['2025-06-09t10:44:00z', '2025-06-09T10:44:00Z'],
  ['2025-06-09 10:44:00', '2025-06-09T10:44:00Z'],
  ['2025-06-09 10:44:00 +0000', '2025-06-09T10:44:00Z'],
  ['2025-06-09T10:44:00,999Z', '2025-06-09T10:44:00Z'],
  ['2025-06-09T10:44:00', '2025-06-09T10:44:00Z'],
  ['2025-06-09T10:44:00-04:00', '2025-06-09T14:44:00Z'],
  ['2025-06-09T10:44:00+02', '2025-06-09T08:44:00Z'],
  ['2025-06-09T23:30:00-01:00', '2025-06-10T00:30:00Z'],
  ['20250609T104400Z', '2025-06-09T10:44:00Z'],
  ['20250609T104400+0200', '2025-06-09T08:44:00Z'],
  ['20250609', '2025-06-09T00:00:00Z'],
  ['2025-06-09T24:00:00Z', '2025-06-10T00:00:00Z'],
  ['2024-12-31T24:00Z', '2025-01-01T00:00:00Z'],
  ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59Z'],
  ['1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59Z'],
  ['0999-03-04T05:06:07Z', '0999-03-04T05:06:07Z'],
  ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
  ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59Z'],
  ['  2025-06-09T10:44:00Z (UTC) ', '2025-06-09T10:44:00Z'],
  // asctime and date(1)
  ['Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37Z'],
  ['Sun Nov 6 08:49:37 1994', '1994-11-06T08:49:37Z'],
  ['Mon Jun  9 10:44:00 UTC 2025', '2025-06-09T10:44:00Z'],
  ['Mon Jun  9 10:44:00 PDT 2025', '2025-06-09T17:44:00Z'],
  // impossible
  ['31 Feb 2025 10:00:00 GMT', null],
  ['30 Feb 2024 10:00:00 GMT', null],
  ['29 Feb 2025 10:00:00 GMT', null],
  ['29 Feb 1900 10:00:00 GMT', null],
  ['31 Apr 2025', null],
  ['2025-02-29', null],
  ['2025-02-31T00:00:00Z', null],
  ['09 Jun 2025 25:00:00 GMT', null],
  ['2025-06-09T25:00Z', null],
  ['09 Jun 2025 10:60:00 GMT', null],
  ['2025-06-09T10:60Z', null],
  ['09 Jun 2025 10:00:61 GMT', null],
  ['2025-06-09T24:00:01Z', null],
  ['2025-06-09T24:30Z', null],
  ['2025-13-01', null],
  ['2025-00-01', null],
  ['10000-01-01', null],
  ['01 Jan 10000 00:00:00 GMT', null],
  ['0000-01-01', null],
  ['0 Jun 2025', null],
  ['2025-06-00', null],
  ['9999-12-31T23:00:00-01:00', null],
  [`${BASE} +2400`, null],
  [`${BASE} +0260`, null],
  [`${BASE} Etc/GMT+15`, null],
  // garbage
  ['', null],
  ['   ', null],
  ['\t\n', null],
  ['garbage', null],
  ['not a date at all', null],
  ['Mon, foo Jun 2025 10:00:00 GMT', null],
  ['09 Foo 2025 10:00:00 GMT', null],
  [`${BASE} Garbage`, null],
  ['2025-06-09T10:44:00 nonsense', null],
  ['2025-6-9', null],
  ['2025-06-09T10', null],
  ['1 Jan 5', null],
  [`${BASE} +0000 (unclosed`, null],
  [`${BASE} +0000 stray)`, null],
  ['Sun Nov  6 08:49:37', null],
];

describe('parseDate', () => {
  it.each(cases)('%j → %s', (input, expected) => {
    expect(formatIsoUtc(parseDate(input))).toBe(expected);
  });

  it('reads ...Z exactly as the same time with +00:00, digit by digit or not', () => {
    // "...Z" has a one-pass reader of its own; "+00:00" goes through the
    // regular expression (and both through the full parser when out of range).
    const { int, pick } = rng(3);
    const chars = [...'0123456789', '9', '0', '3', '2', 'x', ' ', '-', ':', 'T', '/', '٣'];
    for (let n = 0; n < 20_000; n++) {
      const base = [...formatIsoUtc(int(4102444800) * 1000 - 1e12)!];
      for (let k = int(3); k > 0; k--) base[int(19)] = pick(chars);
      const zulu = base.join('');
      expect(parseDate(zulu), zulu).toBe(parseDate(`${zulu.slice(0, 19)}+00:00`));
    }
  });

  it('reads an RFC 822 date the same way by every path', () => {
    // "Mon, 09 Jun 2025 10:08:13 +0000" and "… GMT" have a one-pass reader of
    // their own; a leading space sends the same text through the full parser.
    const { int, pick } = rng(5);
    const chars = [...'0123456789', '9', '0', '3', '2', '+', '-', ' ', ':', ',', 'x', 'M', 'o', 'n', 'J', 'u', 'G', 'T', '٣'];
    for (let n = 0; n < 20_000; n++) {
      const ms = int(4102444800) * 1000 - 1e12;
      const zone = pick(['+0000', '-0430', '+1400', 'GMT', '+2359', '-2400']);
      const date = new Date(ms);
      const [wd, mo] = [date.toUTCString().slice(0, 3), date.toUTCString().slice(8, 11)];
      const base = [...`${wd}, ${String(date.getUTCDate()).padStart(2, '0')} ${mo} ${formatIsoUtc(ms)!.slice(0, 4)} ${formatIsoUtc(ms)!.slice(11, 19)} ${zone}`];
      for (let k = int(3); k > 0; k--) base[int(base.length)] = pick(chars);
      const text = base.join('');
      expect(parseDate(text), text).toBe(parseDate(` ${text}`));
    }
  });

  it('keeps milliseconds', () => {
    expect(parseDate('1970-01-01T00:00:01.5Z')).toBe(1500);
    expect(parseDate('1970-01-01T00:00:00.123456Z')).toBe(123);
    expect(parseDate('1970-01-01T00:00:00.9999Z')).toBe(999);
  });

  it('returns null for absent input', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
    // Callers feed it values straight from parsed XML/JSON.
    expect(parseDate(12345 as unknown as string)).toBeNull();
  });

  it('rejects over-long input quickly', () => {
    const long = [
      'Mon, 09 Jun 2025 10:00:00 GMT' + ' '.repeat(200),
      '1'.repeat(100_000),
      '('.repeat(100_000),
      '2025-06-09T10:44:00.' + '1'.repeat(100_000) + 'x',
      'Mon, '.repeat(20_000),
    ];
    const start = performance.now();
    for (const input of long) expect(parseDate(input)).toBeNull();
    expect(performance.now() - start).toBeLessThan(50);
  });

  it('never throws or yields NaN on arbitrary input', () => {
    const alphabet = '0123456789:-+.,TZtz ()/ADEGJMNOPSTUabcdefghjlnoprstuvy\t';
    let seed = 42;
    const next = (): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed;
    };
    for (let i = 0; i < 5000; i++) {
      let input = '';
      const length = next() % 40;
      for (let j = 0; j < length; j++) input += alphabet.charAt(next() % alphabet.length);
      const result = parseDate(input);
      if (result !== null) expect(Number.isInteger(result)).toBe(true);
    }
  });
});

describe('formatIsoUtc', () => {
  it.each<[number | null, string | null]>([
    [0, '1970-01-01T00:00:00Z'],
    [999, '1970-01-01T00:00:00Z'],
    [-1, '1969-12-31T23:59:59Z'],
    [-1000, '1969-12-31T23:59:59Z'],
    [-1001, '1969-12-31T23:59:58Z'],
    [951_782_400_000, '2000-02-29T00:00:00Z'],
    [null, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [1e17, null],
  ])('%s → %s', (ms, expected) => {
    expect(formatIsoUtc(ms)).toBe(expected);
  });
});
