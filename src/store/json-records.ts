// A JSON store's records without decoding their bodies. A 184 MB store is mostly
// summary, body and html strings that `news list` never shows; JSON.parse of the
// whole text decodes and copies every one of them. This scanner walks the UTF-8
// bytes of a top-level array of objects (jumping from quote to quote inside
// strings, which is what it mostly sees), parses each record with those three
// string values left out, and keeps where they are so that they are decoded only
// when read. Anything it does not expect (another top-level shape, a record that
// is not an object, broken syntax) returns null, and the caller parses the whole
// text as before, with its error messages and warnings.

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

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

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

/** Index after the object or array starting at `i`; -1 on broken syntax. */
function nestedEnd(b: Buffer, i: number): number {
  let depth = 0;
  for (let k = i; k < b.length; k++) {
    const c = b[k];
    if (c === QUOTE) {
      k = stringEnd(b, k) - 1;
      if (k < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return k + 1;
    }
  }
  return -1;
}

export interface LightStore {
  /** The records (objects, or whatever else the array holds) with heavy strings set to null. */
  records: unknown[];
  /** Each record's heavy strings ({} for a record that is not an object). */
  heavy: Heavy[];
}

/** An array of records, or {"articles": [...], …} (the last "articles" wins, as in JSON.parse). */
export function scanStoreRecords(b: Buffer): LightStore | null {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const ws = () => {
    while (isSpace(b[i])) i++;
  };
  ws();
  let found: { end: number; light: LightText; heavy: Heavy[] } | null = null;
  if (b[i] === 0x5b) {
    found = scanArray(b, i);
    if (!found) return null;
    i = found.end;
  } else if (b[i] === 0x7b) {
    i = scanMembers(b, i, (keyStart, keyEnd, valueStart) => {
      const isArticles = keyEnd - keyStart === 10 && b.toString('latin1', keyStart, keyEnd) === '"articles"';
      if (!isArticles) return valueEnd(b, valueStart);
      if (b[valueStart] !== 0x5b) {
        found = null; // an "articles" that is not an array: let the full parser say so
        return valueEnd(b, valueStart);
      }
      found = scanArray(b, valueStart);
      return found ? found.end : -1;
    });
    if (i < 0) return null;
  } else return null;
  ws();
  if (i !== b.length || !found) return null;
  let records: unknown[];
  try {
    records = JSON.parse(found.light.text()) as unknown[];
  } catch {
    return null;
  }
  return { records, heavy: found.heavy };
}

/** Index after any JSON value starting at `i` (syntax checked later by JSON.parse); -1 if cut off. */
function valueEnd(b: Buffer, i: number): number {
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i);
  if (c === 0x7b || c === 0x5b) return nestedEnd(b, i);
  while (i < b.length && b[i] !== 0x2c && b[i] !== 0x7d && b[i] !== 0x5d && !isSpace(b[i])) i++;
  return i;
}

// The records without their heavy strings are copied into one array text and
// parsed by a single JSON.parse: far cheaper than one parse per record.
function scanArray(b: Buffer, at: number): { end: number; light: LightText; heavy: Heavy[] } | null {
  let i = at + 1;
  const ws = () => {
    while (isSpace(b[i])) i++;
  };
  const light = new LightText(b);
  const heavies: Heavy[] = [];
  light.put(0x5b);
  ws();
  if (b[i] === 0x5d) i++;
  else {
    for (;;) {
      ws();
      if (heavies.length) light.put(0x2c);
      const heavy: Heavy = {};
      if (b[i] === 0x7b) i = scanRecord(b, i, light, heavy);
      else {
        // Not an object: copied as it is; the store reader warns about it.
        const start = i;
        i = valueEnd(b, i);
        if (i > start) light.copy(start, i);
        else return null;
      }
      if (i < 0) return null;
      heavies.push(heavy);
      ws();
      if (b[i] === 0x2c) {
        i++;
        continue;
      }
      if (b[i] !== 0x5d) return null;
      i++;
      break;
    }
  }
  light.put(0x5d);
  return { end: i, light, heavy: heavies };
}

/** Where the bytes of a streamed array stop being an array of JSON values. */
export class BrokenRecords extends Error {}

/**
 * The records of the top-level array that starts at `at`, one at a time, each
 * parsed by itself without its heavy strings: for output in store order that
 * starts before the whole store is read. Throws BrokenRecords where the bytes
 * stop being an array of JSON values (the caller then says where, as the whole
 * parser would), possibly after some records were yielded.
 */
export function* arrayRecords(b: Buffer, at: number): Generator<{ record: unknown; heavy: Heavy }> {
  let i = at + 1;
  const ws = () => {
    while (isSpace(b[i])) i++;
  };
  ws();
  if (b[i] === 0x5d) i++;
  else {
    for (;;) {
      ws();
      const start = i;
      const heavy: Heavy = {};
      const light = new LightText(b, 1024);
      i = b[i] === 0x7b ? scanRecord(b, i, light, heavy) : valueEnd(b, i);
      if (i <= start) throw new BrokenRecords();
      if (b[start] !== 0x7b) light.copy(start, i); // not an object: the store reader warns about it
      let record: unknown;
      try {
        record = JSON.parse(light.text());
      } catch {
        throw new BrokenRecords();
      }
      yield { record, heavy };
      ws();
      if (b[i] === 0x2c) {
        i++;
        continue;
      }
      if (b[i] !== 0x5d) throw new BrokenRecords();
      i++;
      break;
    }
  }
  ws();
  if (i !== b.length) throw new BrokenRecords();
}

/** A byte copy of the store (or of one record) with heavy string values replaced by null. */
class LightText {
  private out: Buffer;
  private pos = 0;
  constructor(private readonly src: Buffer, capacity = src.length + 2) {
    this.out = Buffer.allocUnsafe(capacity);
  }
  private room(n: number): void {
    if (this.pos + n <= this.out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.out.length, this.pos + n));
    this.out.copy(bigger, 0, 0, this.pos);
    this.out = bigger;
  }
  copy(start: number, end: number): void {
    this.room(end - start);
    this.pos += this.src.copy(this.out, this.pos, start, end);
  }
  put(byte: number): void {
    this.room(1);
    this.out[this.pos++] = byte;
  }
  putNull(): void {
    this.room(4);
    this.pos += this.out.write('null', this.pos, 'latin1');
  }
  text(): string {
    return this.out.toString('utf8', 0, this.pos);
  }
}

/** "summary", "body" or "html" when the key at [s, e) (quotes included) is one of them. */
function heavyName(b: Buffer, s: number, e: number): 'summary' | 'body' | 'html' | null {
  if (e - s === 6) {
    if (b[s + 1] === 0x62 && b[s + 2] === 0x6f && b[s + 3] === 0x64 && b[s + 4] === 0x79) return 'body';
    if (b[s + 1] === 0x68 && b[s + 2] === 0x74 && b[s + 3] === 0x6d && b[s + 4] === 0x6c) return 'html';
  } else if (e - s === 9 && b.toString('latin1', s + 1, e - 1) === 'summary') return 'summary';
  return null;
}

/** Copies one record into `light` and notes its heavy strings; the index after it, or -1. */
function scanRecord(b: Buffer, start: number, light: LightText, heavy: Heavy): number {
  let pieceStart = start;
  const end = scanMembers(b, start, (keyStart, keyEnd, valueStart) => {
    if (b[valueStart] !== QUOTE) return valueEnd(b, valueStart);
    const stop = stringEnd(b, valueStart);
    const name = stop < 0 ? null : heavyName(b, keyStart, keyEnd);
    if (name) {
      heavy[name] = [valueStart, stop];
      light.copy(pieceStart, valueStart);
      light.putNull();
      pieceStart = stop;
    }
    return stop;
  });
  if (end >= 0) light.copy(pieceStart, end);
  return end;
}

/**
 * Walks the members of the object at `start`: `member` gets each key's range
 * (quotes included) and where its value starts, and returns the index after the
 * value (-1 if broken). The index after the closing brace, or -1.
 */
function scanMembers(b: Buffer, start: number, member: (keyStart: number, keyEnd: number, valueStart: number) => number): number {
  let i = start + 1;
  const ws = () => {
    while (isSpace(b[i])) i++;
  };
  ws();
  if (b[i] === 0x7d) return i + 1; // {}
  for (;;) {
    ws();
    if (b[i] !== QUOTE) return -1;
    const keyStart = i;
    i = stringEnd(b, i);
    if (i < 0) return -1;
    const keyEnd = i;
    ws();
    if (b[i] !== 0x3a) return -1;
    i++;
    ws();
    i = member(keyStart, keyEnd, i);
    if (i < 0) return -1;
    ws();
    if (b[i] === 0x2c) {
      i++;
      continue;
    }
    return b[i] === 0x7d ? i + 1 : -1;
  }
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
