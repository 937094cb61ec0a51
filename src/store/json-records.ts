// A JSON store's records without decoding their bodies. A 184 MB store is mostly
// summary, body and html strings that `news list` never shows; JSON.parse of the
// whole text decodes and copies every one of them. These scanners walk the UTF-8
// bytes of a top-level array of records, jumping from quote to quote inside those
// strings, which is what they mostly see, and keep where they are so that they are
// decoded only when read. scanStore parses no record at all: it checks each one
// and notes where the few values needed up front are, and a record is parsed
// (recordAt) only when something reads more of it. Anything it does not expect
// (another top-level shape, broken syntax) returns null, and the caller parses
// the whole text as before, with its error messages and warnings.

import { isUtf8 } from 'node:buffer';
import { checkedStringEnd, checkedValueEnd, skipSpace } from './json-syntax.js';

/** The byte range of a string value, quotes included. */
export type Span = readonly [start: number, end: number];

/** Where a record's summary, body and html strings are. */
export interface Heavy {
  summary?: Span;
  body?: Span;
  html?: Span;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// Keys and most short values end within this many bytes: a plain loop finds
// their end faster than a native indexOf call, which pays off on long strings.
const SHORT = 96;

/** Index after the closing quote of the string starting at `i`; -1 if it never closes. */
function stringEnd(b: Buffer, i: number): number {
  const near = Math.min(b.length, i + SHORT);
  for (let k = i + 1; k < near; k++) {
    const c = b[k];
    if (c === QUOTE) return k + 1;
    if (c === BACKSLASH) k++;
  }
  let from = near;
  for (;;) {
    const q = b.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let slashes = 0;
    while (b[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/**
 * Where a store's records are, and where the values of some of their members
 * are: what the store reader needs of every record up front (title, dates, ...),
 * without parsing any record. Every record is checked as JSON.parse checks it
 * (json-syntax.ts), except summary, body and html strings, which are only
 * skipped, as `recordAt` leaves them too; decodeSpan checks them when read.
 */
export interface RecordSpans {
  /** Records found. */
  count: number;
  /** Per record: where its value starts and ends (an object, or whatever else the array holds). */
  bounds: number[];
  /**
   * Per record, for each asked-for key in order and then for summary, body and
   * html (HEAVY_NAMES): its value's start and end; -1, -1 when absent (the last
   * one when repeated, as in JSON.parse). A heavy one is noted only when its
   * last value is a string.
   */
  values: number[];
  /** Numbers in `values` per record. */
  width: number;
}

/** An array of records, or {"articles": [...], …} (the last "articles" wins, as in JSON.parse); null when the bytes are shaped otherwise or are not valid JSON. */
export function scanStore(b: Buffer, keys: readonly string[]): RecordSpans | null {
  let i = skipSpace(b, afterBom(b));
  let found: (RecordSpans & { end: number }) | null = null;
  if (b[i] === 0x5b) {
    found = scanArray(b, i, keys);
    if (!found) return null;
    i = found.end;
  } else if (b[i] === 0x7b) {
    i = skipSpace(b, i + 1);
    if (b[i] !== 0x7d) {
      for (;;) {
        if (b[i] !== QUOTE) return null;
        const keyEnd = checkedStringEnd(b, i);
        if (keyEnd < 0) return null;
        const isArticles = keyEnd - i === 10 && b.toString('latin1', i, keyEnd) === '"articles"';
        i = skipSpace(b, keyEnd);
        if (b[i] !== 0x3a) return null;
        const valueStart = skipSpace(b, i + 1);
        if (isArticles) {
          found = b[valueStart] === 0x5b ? scanArray(b, valueStart, keys) : null; // an "articles" that is not an array: the full parser says so
          i = found ? found.end : checkedValueEnd(b, valueStart);
        } else i = checkedValueEnd(b, valueStart);
        if (i < 0) return null;
        i = skipSpace(b, i);
        if (b[i] === 0x2c) {
          i = skipSpace(b, i + 1);
          continue;
        }
        if (b[i] !== 0x7d) return null;
        break;
      }
    }
    i++;
  } else return null;
  if (skipSpace(b, i) !== b.length || !found) return null;
  return { count: found.count, bounds: found.bounds, values: found.values, width: found.width };
}

const HEAVY_NAMES = ['summary', 'body', 'html'] as const;

/** The asked-for keys, then the heavy ones, quoted as bytes: one lookup per key says which it is. */
const quotedNames = (keys: readonly string[]) => [...keys, ...HEAVY_NAMES].map((k) => Buffer.from(`"${k}"`, 'latin1'));

/** Numbers noted per record (RecordSpans.width) when these keys are asked for. */
export const spansWidth = (keys: readonly string[]) => 2 * (keys.length + HEAVY_NAMES.length);
const HEAVY_ONLY = quotedNames([]);

/** Where the text starts after a UTF-8 BOM, if there is one. */
const afterBom = (b: Buffer) => (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0);

/** Index after the record at `i`, checked, its places noted in `values` from `base`; -1 when broken. */
function recordEnd(b: Buffer, i: number, names: readonly Buffer[], asked: number, values: number[], base: number): number {
  return b[i] === 0x7b ? scanMembersChecked(b, i, names, asked, values, base) : checkedValueEnd(b, i);
}

function scanArray(b: Buffer, at: number, keys: readonly string[]): (RecordSpans & { end: number }) | null {
  const bounds: number[] = [];
  const values: number[] = [];
  const names = quotedNames(keys);
  const width = spansWidth(keys);
  const absent: number[] = new Array(width).fill(-1);
  let count = 0;
  let i = skipSpace(b, at + 1);
  if (b[i] === 0x5d) return { count, bounds, values, width, end: i + 1 };
  for (;;) {
    i = skipSpace(b, i);
    const start = i;
    const base = values.length;
    values.push(...absent);
    i = recordEnd(b, i, names, keys.length, values, base);
    if (i < 0) return null;
    bounds.push(start, i);
    count++;
    i = skipSpace(b, i);
    if (b[i] === 0x2c) {
      i++;
      continue;
    }
    return b[i] === 0x5d ? { count, bounds, values, width, end: i + 1 } : null;
  }
}

/** Reads bytes of a file into `buffer` at `offset` from file position `position`, as fs.readSync does. */
export type ReadAt = (buffer: Buffer, offset: number, length: number, position: number) => number;

const WINDOW = 1 << 22;

/**
 * scanStore for a file of `size` bytes that is a bare array, read a window at a
 * time rather than whole: a 184 MB store is never one buffer, whose pages the
 * kernel would fault in one by one (half the time of reading it). Each record is
 * checked as scanStore checks it and handed to `onRecord` with the window it is
 * in (valid during the call only), where it starts and ends there, the places
 * noted (window positions, as scanStore's `values` for one record) and the
 * window's offset in the file. The number of records; null where scanStore would
 * give null, and for a record that is not UTF-8.
 */
export function scanStoreFile(
  readAt: ReadAt,
  size: number,
  keys: readonly string[],
  onRecord: (b: Buffer, start: number, end: number, values: readonly number[], offset: number) => void,
  window = WINDOW,
): number | null {
  const names = quotedNames(keys);
  const values: number[] = new Array(spansWidth(keys)).fill(-1);
  // At least a BOM's three bytes.
  let buf = Buffer.allocUnsafe(Math.max(1, Math.min(Math.max(window, 3), size)));
  let offset = 0; // of buf[0] in the file
  let len = 0;
  let end = size;
  // Keeps the window from `from` on, moved to its start, and reads on after it;
  // a window that is all one record grows.
  const fill = (from: number): Buffer => {
    if (from > 0) {
      buf.copy(buf, 0, from, len);
      offset += from;
      len -= from;
    } else if (len === buf.length) {
      const bigger = Buffer.allocUnsafe(2 * buf.length);
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    while (len < buf.length && offset + len < end) {
      const n = readAt(buf, len, buf.length - len, offset + len);
      if (n <= 0) end = offset + len; // the file got shorter: it ends here
      else len += n;
    }
    return buf.subarray(0, len);
  };
  const atEnd = () => offset + len >= end;
  let b = fill(0);
  let i = afterBom(b);
  for (;;) {
    i = skipSpace(b, i);
    if (i < b.length || atEnd()) break;
    b = fill(i);
    i = 0;
  }
  if (b[i] !== 0x5b) return null;
  i++;
  let count = 0;
  let next: 'first' | 'record' | 'separator' = 'first';
  for (;;) {
    i = skipSpace(b, i);
    if (i >= b.length) {
      if (atEnd()) return null;
      b = fill(i);
      i = 0;
      continue;
    }
    if (next === 'separator') {
      if (b[i] === 0x2c) {
        i++;
        next = 'record';
        continue;
      }
      if (b[i] !== 0x5d) return null;
      i++;
      break;
    }
    if (next === 'first' && b[i] === 0x5d) {
      i++;
      break;
    }
    values.fill(-1);
    const stop = recordEnd(b, i, names, keys.length, values, 0);
    // Cut off by the window's end (a number there may go on, too): again, with more.
    if ((stop < 0 || stop >= b.length) && !atEnd()) {
      b = fill(i);
      i = 0;
      continue;
    }
    if (stop < 0 || !isUtf8(b.subarray(i, stop))) return null;
    onRecord(b, i, stop, values, offset);
    count++;
    i = stop;
    next = 'separator';
  }
  for (;;) {
    i = skipSpace(b, i);
    if (i < b.length) return null;
    if (atEnd()) return count;
    b = fill(i);
    i = 0;
  }
}

/** Which of `names` (each quoted) the key at [s, e) is; -1 for none. A key spelled with escapes is decoded first. */
function nameIndex(b: Buffer, s: number, e: number, names: readonly Buffer[]): number {
  const length = e - s;
  for (let n = 0; n < names.length; n++) {
    const name = names[n]!;
    if (name.length !== length) continue;
    let k = 1;
    while (k < length - 1 && b[s + k] === name[k]) k++;
    if (k === length - 1) return n;
  }
  let escaped = false;
  for (let k = s + 1; k < e - 1 && !escaped; k++) escaped = b[k] === BACKSLASH;
  if (!escaped) return -1;
  const decoded = JSON.stringify(JSON.parse(b.toString('utf8', s, e)) as string);
  return names.findIndex((name) => name.toString('latin1') === decoded);
}

/**
 * Checks the object at `start`, noting where the values of the asked-for keys
 * (the first `asked` of `names`; the rest are heavy) are; the index after it, or
 * -1. `onHeavy` hears of every heavy string, a repeated key's earlier ones too.
 */
function scanMembersChecked(
  b: Buffer,
  start: number,
  names: readonly Buffer[],
  asked: number,
  values: number[],
  base: number,
  onHeavy?: (start: number, end: number) => void,
): number {
  let i = skipSpace(b, start + 1);
  if (b[i] === 0x7d) return i + 1;
  for (;;) {
    i = skipSpace(b, i);
    const keyStart = i;
    if (b[i] !== QUOTE) return -1;
    const keyEnd = checkedStringEnd(b, i);
    if (keyEnd < 0) return -1;
    i = skipSpace(b, keyEnd);
    if (b[i] !== 0x3a) return -1;
    const valueStart = skipSpace(b, i + 1);
    const k = nameIndex(b, keyStart, keyEnd, names);
    const heavy = k >= asked;
    // A body is most of a store's bytes: jumped over from quote to quote.
    i = heavy && b[valueStart] === QUOTE ? stringEnd(b, valueStart) : checkedValueEnd(b, valueStart);
    if (i < 0) return -1;
    if (heavy && onHeavy && b[valueStart] === QUOTE) onHeavy(valueStart, i);
    if (k >= 0) {
      // A heavy key's later value that is not a string makes it no heavy string at all.
      const noted = !heavy || b[valueStart] === QUOTE;
      values[base + 2 * k] = noted ? valueStart : -1;
      values[base + 2 * k + 1] = noted ? i : -1;
    }
    i = skipSpace(b, i);
    if (b[i] === 0x2c) {
      i++;
      continue;
    }
    return b[i] === 0x7d ? i + 1 : -1;
  }
}

/**
 * The record scanStore found at [start, end), parsed with its heavy strings
 * (their spans in `values` from `at`, as scanStore notes them, less `shift`
 * when `b` holds only part of the store) left out, and where those are.
 */
export function recordAt(b: Buffer, start: number, end: number, values: readonly number[], at: number, shift = 0): { record: unknown; heavy: Heavy } {
  const heavy: Heavy = {};
  if (b[start] !== 0x7b) return { record: JSON.parse(b.toString('utf8', start, end)), heavy };
  const spans: [number, number][] = [];
  HEAVY_NAMES.forEach((name, n) => {
    if (values[at + 2 * n]! < 0) return;
    const span: [number, number] = [values[at + 2 * n]! - shift, values[at + 2 * n + 1]! - shift];
    heavy[name] = span;
    spans.push(span);
  });
  spans.sort((x, y) => x[0] - y[0]);
  try {
    return { record: JSON.parse(withoutSpans(b, start, end, spans)), heavy };
  } catch {
    // An earlier value of a repeated heavy key, which scanStore does not note,
    // left in and not valid JSON (a raw control character): every heavy string
    // left out.
    const all: [number, number][] = [];
    scanMembersChecked(b, start, HEAVY_ONLY, 0, [], 0, (s, e) => all.push([s, e]));
    return { record: JSON.parse(withoutSpans(b, start, end, all)), heavy };
  }
}

/** The text of b[start, end) with each string at `spans` (in order) written as null. */
function withoutSpans(b: Buffer, start: number, end: number, spans: readonly (readonly [number, number])[]): string {
  let text = '';
  let from = start;
  for (const [s, e] of spans) {
    text += `${b.toString('utf8', from, s)}null`;
    from = e;
  }
  return text + b.toString('utf8', from, end);
}

/** Where the bytes of a streamed array stop being an array of JSON values. */
export class BrokenRecords extends Error {}

/**
 * The records of the top-level array that starts at `at`, one at a time, each
 * checked and parsed by itself without its heavy strings (as recordAt does for
 * scanStore): for output in store order that starts before the whole store is
 * read. Throws BrokenRecords where the bytes stop being an array of JSON values
 * (the caller then says where, as the whole parser would), possibly after some
 * records were yielded.
 */
export function* arrayRecords(b: Buffer, at: number): Generator<{ record: unknown; heavy: Heavy }> {
  const values: number[] = new Array(spansWidth([])).fill(-1);
  let i = skipSpace(b, at + 1);
  if (b[i] === 0x5d) i++;
  else {
    for (;;) {
      i = skipSpace(b, i);
      const start = i;
      values.fill(-1);
      i = recordEnd(b, i, HEAVY_ONLY, 0, values, 0);
      if (i < 0) throw new BrokenRecords();
      yield recordAt(b, start, i, values, 0);
      i = skipSpace(b, i);
      if (b[i] === 0x2c) {
        i++;
        continue;
      }
      if (b[i] !== 0x5d) throw new BrokenRecords();
      i++;
      break;
    }
  }
  if (skipSpace(b, i) !== b.length) throw new BrokenRecords();
}

/**
 * The string at `span`, decoded as JSON.parse would. A raw control character,
 * which strict JSON forbids in strings, is taken as itself (the terminal
 * sanitizer removes it when printed) rather than refusing a store that was
 * already listed; a broken escape throws.
 */
export function decodeSpan(b: Buffer, span: Span): string {
  const raw = b.toString('utf8', span[0], span[1]);
  try {
    return JSON.parse(raw) as string;
  } catch {
    // eslint-disable-next-line no-control-regex
    return JSON.parse(raw.replace(/[\u0000-\u001f]/g, (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)) as string;
  }
}
