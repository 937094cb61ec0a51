// Feed timestamps in RFC 822/2822, ISO 8601/W3CDTF and asctime forms, parsed by hand
// because V8's Date.parse disagrees with the RFCs (see ../shared/PITFALLS.md). Every
// field is validated before any arithmetic, so impossible dates become null instead
// of rolling over, and nothing here throws or yields NaN.

// Real timestamps are ~40 characters; refusing long input up front keeps the cost of
// hostile feeds constant whatever the regexes below would do with them.
const MAX_INPUT_LENGTH = 200;

const MS_PER_DAY = 86_400_000;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** Minutes local time is ahead of UTC. */
  offset: number;
}

type DateOnly = Pick<Fields, 'year' | 'month' | 'day'>;

// Maps, not object literals, so a token like "constructor" cannot hit a prototype key.
// Built on first use: only dates in neither common form (parseCommonForm) look
// names up, and `news list` need not build them at start-up.
let months: Map<string, number> | undefined;
const MONTHS = () =>
  (months ??= new Map<string, number>([
    ['jan', 1], ['january', 1],
    ['feb', 2], ['february', 2],
    ['mar', 3], ['march', 3],
    ['apr', 4], ['april', 4],
    ['may', 5],
    ['jun', 6], ['june', 6],
    ['jul', 7], ['july', 7],
    ['aug', 8], ['august', 8],
    ['sep', 9], ['sept', 9], ['september', 9],
    ['oct', 10], ['october', 10],
    ['nov', 11], ['november', 11],
    ['dec', 12], ['december', 12],
  ]));

// The one-letter US forms are ambiguous about daylight saving; standard time is the
// reading the brief asks for.
let zones: Map<string, number> | undefined;
const ZONES = () =>
  (zones ??= new Map<string, number>([
    ['UT', 0], ['UTC', 0], ['GMT', 0], ['Z', 0],
    ['ETC/GMT', 0], ['ETC/UTC', 0], ['ETC/UT', 0],
    ['EST', -300], ['EDT', -240],
    ['CST', -360], ['CDT', -300],
    ['MST', -420], ['MDT', -360],
    ['PST', -480], ['PDT', -420],
    ['AT', -240], ['ET', -300], ['CT', -360], ['MT', -420], ['PT', -480],
    ['CET', 60], ['CEST', 120], ['MET', 60], ['MEST', 120],
  ]));

// Instants outside years 1..9999 UTC cannot be written as YYYY, so they are refused
// even when an offset is what pushed them out (e.g. 9999-12-31T23:00-01:00).
const MIN_MS = daysFromCivil(1, 1, 1) * MS_PER_DAY;
const MAX_MS = daysFromCivil(10000, 1, 1) * MS_PER_DAY;

const ISO_EXTENDED =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(.*))?)?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?(.*))?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(.*)$/;
const OFFSET = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
// tzdata's Etc/GMT+N is POSIX-style: the sign is inverted, so Etc/GMT+2 is UTC-2.
const ETC_OFFSET = /^ETC\/GMT([+-])(\d{1,2})$/;
const DAY = /^\d{1,2}$/;
const YEAR = /^\d{2,4}$/;
// Any single word, in any script, stands for a weekday we have no use for.
const WORD = /^\p{L}+\.?$/u;
// RFC 2822 §4.3: military letters and unknown alphabetic zones mean "-0000".
const UNKNOWN_ZONE = /^[A-Z]{1,5}$/;

/** Epoch milliseconds (UTC) for a feed date string, or null if absent, unparseable or impossible. */
export function parseDate(input: string | null | undefined): number | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const fast = parseCommonForm(input);
  if (fast !== undefined) return fast;
  const uncommented = stripComments(input);
  if (uncommented === null) return null;
  const text = uncommented.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const fields = parseIso(text) ?? parseRfc(text);
  return fields === null ? null : toEpochMs(fields);
}

// The two shapes nearly every feed and store uses, parsed without the general
// machinery (a store of 100,000 articles has 100,000 dates). Anything else, or
// anything out of range here, is left to the full parser (undefined).
const COMMON_ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
const COMMON_RFC = /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d):(\d\d) (GMT|UTC|UT|Z|[+-]\d{4})$/;
const MONTHS3 = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// "YYYY-MM-DDTHH:MM:SSZ", what stores and Atom mostly hold, read digit by digit.
function zuluSecond(s: string): number | undefined {
  if (s.length !== 20 || s.charCodeAt(19) !== 0x5a || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return undefined;
  if (s.charCodeAt(10) !== 0x54 || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return undefined;
  // A NaN field (not a digit) makes the time NaN, which checkedUtc refuses.
  return checkedUtc(twoDigits(s, 0) * 100 + twoDigits(s, 2), twoDigits(s, 5), twoDigits(s, 8), twoDigits(s, 11), twoDigits(s, 14), twoDigits(s, 17), 0, 0);
}

/** The number the two digits at `at` write; NaN for anything else. */
function twoDigits(s: string, at: number): number {
  const hi = s.charCodeAt(at) - 0x30;
  const lo = s.charCodeAt(at + 1) - 0x30;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : NaN;
}

// "Mon, 09 Jun 2025 10:08:13 +0000" (or "… GMT"), what RSS feeds mostly hold, read
// character by character: the same as COMMON_RFC gives, where it gives a time.
function rfcSecond(s: string): number | undefined {
  const numeric = s.length === 31;
  if (!numeric && s.length !== 29) return undefined;
  const w0 = s.charCodeAt(0);
  const w1 = s.charCodeAt(1);
  const w2 = s.charCodeAt(2);
  if (w0 < 0x41 || w0 > 0x5a || w1 < 0x61 || w1 > 0x7a || w2 < 0x61 || w2 > 0x7a) return undefined;
  if (s.charCodeAt(3) !== 0x2c || s.charCodeAt(4) !== 0x20 || s.charCodeAt(7) !== 0x20 || s.charCodeAt(11) !== 0x20) return undefined;
  if (s.charCodeAt(16) !== 0x20 || s.charCodeAt(19) !== 0x3a || s.charCodeAt(22) !== 0x3a || s.charCodeAt(25) !== 0x20) return undefined;
  const month = MONTHS3.indexOf(s.slice(8, 11)) + 1;
  if (month === 0) return undefined;
  let offsetMin = 0;
  if (numeric) {
    const sign = s.charCodeAt(26);
    if (sign !== 0x2b && sign !== 0x2d) return undefined;
    const oh = twoDigits(s, 27);
    const om = twoDigits(s, 29);
    // NaN fails both tests: not digits, so not this form.
    if (!(oh <= 23 && om <= 59)) return undefined;
    offsetMin = (sign === 0x2d ? -1 : 1) * (oh * 60 + om);
  } else if (s.charCodeAt(26) !== 0x47 || s.charCodeAt(27) !== 0x4d || s.charCodeAt(28) !== 0x54) return undefined;
  const year = twoDigits(s, 12) * 100 + twoDigits(s, 14);
  return checkedUtc(year, month, twoDigits(s, 5), twoDigits(s, 17), twoDigits(s, 20), twoDigits(s, 23), 0, offsetMin);
}

function parseCommonForm(input: string): number | null | undefined {
  const zulu = zuluSecond(input) ?? rfcSecond(input);
  if (zulu !== undefined) return zulu;
  let y: number, mo: number, d: number, h: number, mi: number, sec: number, ms = 0, offsetMin = 0;
  let m = COMMON_ISO.exec(input);
  if (m) {
    [y, mo, d, h, mi, sec] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
    if (m[7]) ms = Math.floor(+m[7].slice(0, 3).padEnd(3, '0'));
    const z = m[8]!;
    if (z !== 'Z') {
      const oh = +z.slice(1, 3);
      const om = +z.slice(4, 6);
      if (oh > 23 || om > 59) return undefined;
      offsetMin = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  } else if ((m = COMMON_RFC.exec(input))) {
    [d, mo, y, h, mi, sec] = [+m[1]!, MONTHS3.indexOf(m[2]!) + 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
    const z = m[7]!;
    if (z[0] === '+' || z[0] === '-') {
      const oh = +z.slice(1, 3);
      const om = +z.slice(3, 5);
      if (oh > 23 || om > 59) return undefined;
      offsetMin = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  } else return undefined;
  return checkedUtc(y, mo, d, h, mi, sec, ms, offsetMin);
}

function checkedUtc(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number, offsetMin: number): number | undefined {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const monthDays = mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1];
  // Edge cases (leap seconds, 24:00, early years, impossible days) go the long way.
  if (y < 1000 || monthDays === undefined || d < 1 || d > monthDays || h > 23 || mi > 59 || sec > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
  return t >= MIN_MS && t < MAX_MS ? t : undefined;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, truncated to the second, or null for null and out-of-range values. */
export function formatIsoUtc(ms: number | null): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < MIN_MS || ms >= MAX_MS) return null;
  // floor, not trunc: before 1970 "toward the earlier second" means away from zero.
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const secondOfDay = totalSeconds - days * 86_400;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const second = secondOfDay % 60;
  return (
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` +
    `T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}Z`
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Drops RFC 822 `(comments)`, which may nest; an unbalanced parenthesis is malformed. */
function stripComments(input: string): string | null {
  if (!input.includes('(') && !input.includes(')')) return input;
  let depth = 0;
  let out = '';
  for (const ch of input) {
    if (ch === '(') {
      if (depth === 0) out += ' ';
      depth++;
    } else if (ch === ')') {
      if (depth === 0) return null;
      depth--;
    } else if (depth === 0) {
      out += ch;
    }
  }
  return depth === 0 ? out : null;
}

function parseIso(text: string): Fields | null {
  const m = ISO_EXTENDED.exec(text) ?? ISO_BASIC.exec(text);
  if (m === null) return null;
  const offset = parseZone((m[8] ?? '').trim(), false);
  if (offset === null) return null;
  return {
    year: Number(m[1]),
    month: m[2] === undefined ? 1 : Number(m[2]),
    day: m[3] === undefined ? 1 : Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    millis: fractionToMillis(m[7]),
    offset,
  };
}

function fractionToMillis(digits: string | undefined): number {
  // Truncated, not rounded, so .9999 never carries into the next second.
  return digits === undefined ? 0 : Number(digits.slice(0, 3).padEnd(3, '0'));
}

/** RFC 822/2822 (`[Wkd,] D Mon YY[YY] [time] [zone]`) and asctime (`Wkd Mon D time [zone] YYYY`). */
function parseRfc(text: string): Fields | null {
  let body = text;
  const comma = body.indexOf(',');
  if (comma !== -1 && WORD.test(body.slice(0, comma).trim())) body = body.slice(comma + 1);
  // Remaining commas are separators, as in "Jun 9, 2025" or "9 Jun 2025, 10:00".
  const tokens = body.replace(/,/g, ' ').split(' ').filter((t) => t !== '');
  const direct = parseTokens(tokens);
  if (direct !== null) return direct;
  // A weekday without its comma ("Mon 09 Jun", asctime's "Sun Nov  6").
  const first = tokens[0];
  return first !== undefined && WORD.test(first) ? parseTokens(tokens.slice(1)) : null;
}

function parseTokens(tokens: string[]): Fields | null {
  const [first, second, third] = tokens;
  if (first === undefined || second === undefined || third === undefined) return null;

  if (DAY.test(first)) {
    const month = monthOf(second);
    const year = yearOf(third);
    if (month === null || year === null) return null;
    return withTimeAndZone({ year, month, day: Number(first) }, tokens.slice(3));
  }

  const month = monthOf(first);
  if (month === null || !DAY.test(second)) return null;
  const day = Number(second);
  const rest = tokens.slice(2);
  const leadingYear = yearOf(third);
  if (leadingYear !== null) return withTimeAndZone({ year: leadingYear, month, day }, rest.slice(1));

  // asctime and `date(1)` put the time (and zone) before the year.
  if (!TIME.test(third)) return null;
  const year = yearOf(rest[rest.length - 1]);
  if (year === null) return null;
  return withTimeAndZone({ year, month, day }, rest.slice(0, -1));
}

function monthOf(token: string): number | null {
  const key = token.toLowerCase().replace(/\.$/, '');
  return MONTHS().get(key) ?? null;
}

/** RFC 2822 §4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx; three digits add 1900. */
function yearOf(token: string | undefined): number | null {
  if (token === undefined || !YEAR.test(token)) return null;
  const n = Number(token);
  if (token.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  if (token.length === 3) return 1900 + n;
  return n;
}

function withTimeAndZone(date: DateOnly, rest: string[]): Fields | null {
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let zoneText = rest.join('');
  const head = rest[0];
  const time = head === undefined ? null : TIME.exec(head);
  if (time !== null) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = time[3] === undefined ? 0 : Number(time[3]);
    millis = fractionToMillis(time[4]);
    // A zone glued to the time ("10:00:00Z", "10:00+0200") joins the tokens after it.
    zoneText = (time[5] ?? '') + rest.slice(1).join('');
  }
  const offset = parseZone(zoneText, true);
  if (offset === null) return null;
  return { ...date, hour, minute, second, millis, offset };
}

/** Minutes local time is ahead of UTC; an empty zone means UTC. */
function parseZone(raw: string, lenient: boolean): number | null {
  const zone = raw.replace(/ /g, '').toUpperCase();
  if (zone === '') return 0;
  const named = ZONES().get(zone);
  if (named !== undefined) return named;

  const numeric = OFFSET.exec(zone);
  if (numeric !== null) {
    const hours = Number(numeric[2]);
    const minutes = numeric[3] === undefined ? 0 : Number(numeric[3]);
    if (hours > 23 || minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }

  const etc = ETC_OFFSET.exec(zone);
  if (etc !== null) {
    const hours = Number(etc[2]);
    if (hours > 14) return null;
    return (etc[1] === '-' ? 1 : -1) * hours * 60;
  }

  // Only RFC dates get the §4.3 fallback; in ISO text a stray word means garbage.
  return lenient && UNKNOWN_ZONE.test(zone) ? 0 : null;
}

function toEpochMs(f: Fields): number | null {
  if (f.year < 1 || f.year > 9999) return null;
  if (f.month < 1 || f.month > 12) return null;
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month)) return null;
  if (f.minute > 59 || f.second > 60) return null;
  // 24:00 (ISO 8601-1:2004's end of day) is accepted as the next midnight, but only
  // exactly: 24:00:01 does not exist.
  if (f.hour > 24 || (f.hour === 24 && (f.minute !== 0 || f.second !== 0 || f.millis !== 0))) {
    return null;
  }
  // Epoch time has no leap seconds; :60 becomes :59 so the instant stays in its minute.
  const second = Math.min(f.second, 59);
  const ms =
    daysFromCivil(f.year, f.month, f.day) * MS_PER_DAY +
    ((f.hour * 60 + f.minute - f.offset) * 60 + second) * 1000 +
    f.millis;
  return ms >= MIN_MS && ms < MAX_MS ? ms : null;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
// algorithm); Date.UTC would map years 0-99 onto 1900-1999.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): DateOnly {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}
