// Reading parts of the local store's files without parsing them whole. It relies
// on the layout serializeStore and serializeBodies write (one headline or body
// per line); callers fall back to a whole parse when a file is laid out any other
// way. A needle that begins with `{"` or `,"` can only match outside a JSON
// string: inside one, every `"` is escaped.
import { readSync } from 'node:fs';
import type { BodyRecord, Headline } from './local-format.js';

// Reused for every read: a fresh Buffer the size of a 51 MB store.json costs more
// in page faults than searching it.
const CHUNK = 1 << 20;

export interface StoreHead {
  /** The store's JSON with an empty articles array: version and feed states. */
  head: unknown;
  /** Byte offset of the first headline line. */
  articlesAt: number;
  /** Its line number (1-based), for messages: counted when first asked for (1,700 lines of feed states before a read's one article cost it 1 ms). */
  readonly articlesLine: number;
}

/** The version and feed states of store.json; null when it does not begin as news writes it. */
export function readStoreHead(fd: number, versionStart: Buffer, articlesStart: Buffer): StoreHead | null {
  // The feed states of a hundred feeds take some 50 KB: the first read is sized
  // for that, later ones grow.
  let chunk = Buffer.allocUnsafe(1 << 16);
  let head = Buffer.alloc(0);
  for (;;) {
    if (head.length >= chunk.length && chunk.length < CHUNK) chunk = Buffer.allocUnsafe(chunk.length * 4);
    const n = readSync(fd, chunk, 0, chunk.length, head.length);
    head = Buffer.concat([head, chunk.subarray(0, n)]);
    if (head.length >= versionStart.length && !head.subarray(0, versionStart.length).equals(versionStart)) return null;
    const at = head.indexOf(articlesStart);
    if (at >= 0) {
      try {
        const articlesAt = at + articlesStart.length;
        let line = 0;
        return {
          head: JSON.parse(`${head.toString('utf8', 0, at)},"articles":[]}`),
          articlesAt,
          get articlesLine() {
            if (line === 0) {
              line = 1;
              for (let k = head.indexOf(0x0a); k >= 0 && k < articlesAt; k = head.indexOf(0x0a, k + 1)) line++;
            }
            return line;
          },
        };
      } catch {
        return null;
      }
    }
    if (n === 0) return null;
  }
}

/**
 * Calls `onLine` with each complete line from byte `from` on that contains
 * `needle` (once per line), and the line's byte offset; `onLine` returns true to
 * stop. `from` must be the start of a line. Lines are passed as views of a
 * reused buffer: decode them before returning.
 */
export function scanLines(fd: number, from: number, needle: Buffer, onLine: (line: Buffer, at: number) => boolean | void): void {
  // The unfinished last line of a read is moved to the front and the next read
  // lands after it: no copy of whole chunks.
  let buf = Buffer.allocUnsafe(2 * CHUNK);
  let carried = 0;
  let pos = from;
  let windowAt = from;
  for (;;) {
    if (buf.length - carried < CHUNK) {
      const bigger = Buffer.allocUnsafe(2 * buf.length); // a line longer than a read
      buf.copy(bigger, 0, 0, carried);
      buf = bigger;
    }
    const n = readSync(fd, buf, carried, CHUNK, pos);
    pos += n;
    const window = buf.subarray(0, carried + n);
    // Only complete lines are searched; at the end of the file the rest is one.
    const end = n === 0 ? window.length : window.lastIndexOf(0x0a) + 1;
    for (let i = window.indexOf(needle); i >= 0 && i < end; i = window.indexOf(needle, i)) {
      const start = window.lastIndexOf(0x0a, i) + 1;
      let stop = window.indexOf(0x0a, i);
      if (stop < 0 || stop > end) stop = end;
      if (onLine(window.subarray(start, stop), windowAt + start)) return;
      i = stop + 1;
    }
    if (n === 0) return;
    buf.copyWithin(0, end, carried + n);
    carried = carried + n - end;
    windowAt += end;
  }
}

/**
 * The bytes of the line that starts at byte `at` (without its newline), read
 * before `limit`; null when no newline ends it there, or (`afterNewline`) when
 * the byte before `at` is not a newline, so that `at` starts no line.
 */
export function readLineAt(fd: number, at: number, { limit = Number.MAX_SAFE_INTEGER, afterNewline = false } = {}): Buffer | null {
  const from = afterNewline ? at - 1 : at;
  if (from < 0) return null;
  const skip = afterNewline ? 1 : 0;
  for (let size = 1024; ; size *= 4) {
    const want = Math.min(size, limit - from);
    if (want <= 0) return null;
    const buf = Buffer.allocUnsafe(want);
    const n = readSync(fd, buf, 0, want, from);
    if (afterNewline && (n === 0 || buf[0] !== 0x0a)) return null;
    const end = buf.indexOf(0x0a, skip);
    if (end >= 0 && end < n) return buf.subarray(skip, end);
    if (n < want || want < size) return null; // the file or the limit ends first
  }
}

/** The `length` bytes of the file from byte `from`; null when the file ends first. */
export function readRange(fd: number, from: number, length: number): Buffer | null {
  if (length <= 0) return Buffer.alloc(0);
  const buf = Buffer.allocUnsafe(length);
  let have = 0;
  while (have < length) {
    const n = readSync(fd, buf, have, length - have, from + have);
    if (n === 0) return null;
    have += n;
  }
  return buf;
}

/** Whether a parsed headline line has what every reader of it relies on. */
export function isHeadline(h: unknown): h is Headline {
  const x = h as Partial<Headline> | null;
  return !!x && typeof x.slug === 'string' && typeof x.feed === 'string' && typeof x.key === 'string';
}

/** A headline line as serializeStore writes it (a trailing comma allowed); null if it is not one. */
export function parseHeadlineLine(line: Buffer): Headline | null {
  const end = line[line.length - 1] === 0x2c ? line.length - 1 : line.length;
  try {
    const h: unknown = JSON.parse(line.toString('utf8', 0, end));
    return isHeadline(h) ? h : null;
  } catch {
    return null;
  }
}

/**
 * The bodies of these keys from a bodies file, each found by its line; null
 * when any is missing or the file is not laid out as serializeBodies writes it
 * (the caller then parses it whole, which also reports damage).
 *
 * The file is searched through one small window, and only the lines found are
 * read whole: a feed's bodies file can hold megabytes, and reading it into a
 * fresh buffer cost `news read` 4–6 ms in page faults, where the search itself
 * takes half a millisecond (BENCHMARKS.md).
 */
export function bodiesByLine(fd: number, keys: readonly string[], versionStart: Buffer, windowSize = 1 << 16): Record<string, BodyRecord> | null {
  const needles = keys.map((key) => Buffer.from(`\n${JSON.stringify(key)}:{`));
  // A needle cut by the end of a window is found whole in the next, which
  // starts this many bytes before the end.
  const overlap = Math.max(0, ...needles.map((n) => n.length - 1));
  if (overlap >= windowSize / 2) return null;
  const window = Buffer.allocUnsafe(windowSize);
  let n = readSync(fd, window, 0, windowSize, 0);
  if (n < versionStart.length || !window.subarray(0, versionStart.length).equals(versionStart)) return null;
  const lineAt = needles.map(() => -1);
  let pending = needles.length;
  for (let pos = 0; ; ) {
    const view = window.subarray(0, n);
    for (let k = 0; k < needles.length; k++) {
      if (lineAt[k] !== -1) continue;
      const i = view.indexOf(needles[k]!);
      if (i >= 0) {
        lineAt[k] = pos + i + 1;
        pending--;
      }
    }
    if (pending === 0 || n < windowSize) break;
    pos += n - overlap;
    n = readSync(fd, window, 0, windowSize, pos);
  }
  if (pending > 0) return null;
  const found: Record<string, BodyRecord> = {};
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const line = readLineAt(fd, lineAt[k]!);
    if (line === null) return null;
    const end = line[line.length - 1] === 0x2c ? line.length - 1 : line.length;
    try {
      const record = (JSON.parse(`{${line.toString('utf8', 0, end)}}`) as Record<string, BodyRecord>)[key];
      if (!record || typeof record !== 'object') return null;
      found[key] = record;
    } catch {
      return null;
    }
  }
  return found;
}
