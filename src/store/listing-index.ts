// The local store's listing index (headlines.idx beside store.json): what
// `news list` (newest first) and `news read <slug>` need, written by every commit
// right after store.json. Listing 100,000 articles from store.json means parsing
// 50 MB of headlines and sorting them by date; from here it is one read and a few
// `indexOf`s per line, with the TSV columns already made and sanitized. Finding
// one slug is a binary search of a table instead of a scan of store.json.
//
// It is derived data, never the only copy of anything. It names the store.json
// it was made from (device, inode, size, mtime: every commit replaces store.json
// by rename, so a new file); a reader that finds a different store.json (a crash
// between the two renames, a restored backup, a hand edit), or a line it does not
// expect, ignores the index and reads store.json as before. read.log applies on
// top, as it does to store.json.
//
// Layout:
//   line 1   JSON header: {"index":1,"store":stamp,"count":n,"listing":bytes,"slugs":bytes,"table":bytes,"recent":[[at,…],…]}
//   n lines  newest first, as `news list` orders them (ties and undated in store order):
//            date ms \t at \t read 0|1 \t slug (JSON) \t [categories, author or source] (JSON) \t byte length of A \t A B
//            where A and B are the TSV columns before and after the age (src/render/tsv.ts)
//   n lines  in store order: slug (JSON) \t at \t recent group
//   1 line   the slug table: per slug line, 8 hex digits of the FNV-1a hash of its
//            slug (JSON) and 8 of where the line starts in the slug lines, sorted;
//            a binary search of it finds a slug in a few reads of 16 bytes
// `at` is the byte offset of the article's line in store.json. A recent group
// holds the offsets of the seven newest articles of one source ("Recent posts"
// shows six, besides the article itself). JSON fields escape every non-ASCII
// character, so they hold no tab, newline or control character, and a slug has
// one spelling to search for.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Article } from '../article.js';
import { type ListQuery, filtersHeadlines, matches, selectArticles } from '../core/filter.js';
import { fnv1a } from '../core/hash.js';
import { hasUnsafeUtf8 } from '../render/sanitize.js';
import { tsvAfter, tsvBefore } from '../render/tsv.js';
import { type Headline, headlineToArticle } from './local-format.js';
import { readLineAt, readRange } from './store-lines.js';

export const INDEX_VERSION = 1;
const RECENT = 7;

interface Header {
  index: number;
  store: string;
  count: number;
  listing: number;
  slugs: number;
  table: number;
  recent: number[][];
}

/** A slug (or any value) as JSON with every non-ASCII character escaped. */
export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  return /[^\x20-\x7e]/.test(json) ? json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** The index for these headlines (store order) whose lines begin at `offsets` in the store.json with this stamp. */
export function buildListingIndex(headlines: readonly Headline[], offsets: readonly number[], stamp: string): string {
  const articles = headlines.map((h, i) => headlineToArticle(h, i));
  const newest = selectArticles(articles, { sort: 'date' });
  const groups = new Map<string | null, number>();
  const groupOf = new Array<number>(articles.length);
  const recent: number[][] = [];
  const listing = newest.map((a) => {
    const at = offsets[a.order]!;
    let group = groups.get(a.source);
    if (group === undefined) {
      groups.set(a.source, (group = recent.length));
      recent.push([]);
    }
    if (recent[group]!.length < RECENT) recent[group]!.push(at);
    groupOf[a.order] = group;
    const before = tsvBefore(a);
    const keys = asciiJson([a.categories.length ? a.categories : a.category ? [a.category] : [], a.author ?? a.source ?? '']);
    return `${a.publishedAt ?? ''}\t${at}\t${a.read === false ? 0 : 1}\t${asciiJson(a.slug)}\t${keys}\t${Buffer.byteLength(before)}\t${before}${tsvAfter(a)}\n`;
  });
  const slugs = articles.map((a, i) => `${asciiJson(a.slug)}\t${offsets[i]}\t${groupOf[i]}\n`);
  const listingText = listing.join('');
  const slugText = slugs.join('');
  // Hash and line start as one 64-bit number each: sorted by hash, then position.
  const entries = new BigUint64Array(slugs.length);
  let lineAt = 0;
  slugs.forEach((line, i) => {
    entries[i] = (BigInt(fnv1a(line.slice(0, line.indexOf('\t')))) << 32n) | BigInt(lineAt);
    lineAt += line.length; // ASCII
  });
  entries.sort();
  const table = Array.from(entries, (e) => e.toString(16).padStart(RECORD, '0')).join('') + '\n';
  const header: Header = {
    index: INDEX_VERSION,
    store: stamp,
    count: articles.length,
    listing: Buffer.byteLength(listingText),
    slugs: Buffer.byteLength(slugText),
    table: table.length,
    recent,
  };
  return `${JSON.stringify(header)}\n${listingText}${slugText}${table}`;
}

const RECORD = 16;

/**
 * The listing part of an index: entry i is the i-th newest article. The text is
 * the index's bytes read as latin1 (one character per byte, checked to be UTF-8
 * first): positions are byte positions, and TSV text goes out as the bytes it was
 * written as, with no decoding or encoding of 30 MB on the way.
 */
export class Listing {
  /** Per entry: where its slug, keys and TSV fields begin and end (see FIELDS). */
  private readonly marks: Int32Array;

  private constructor(
    private readonly text: string,
    readonly count: number,
    /** Epoch ms; NaN when undated. */
    readonly publishedAt: Float64Array,
    /** Byte offset of the article's line in store.json. */
    readonly at: Float64Array,
    /** 1 read, 0 unread. */
    readonly read: Uint8Array,
    private readonly bytes: Buffer,
  ) {
    this.marks = new Int32Array(count * FIELDS);
  }

  #clean: boolean | undefined;
  /** False when some text would be changed by sanitize(): printing must sanitize it then. Checked when first asked (counting prints no text). */
  get clean(): boolean {
    return (this.#clean ??= !hasUnsafeUtf8(this.bytes));
  }

  /**
   * The listing in these bytes: the index's whole listing part, with `count`
   * lines, or (count null) a part of it cut after a newline. Null if it is not
   * laid out as buildListingIndex writes it.
   */
  static parse(bytes: Buffer, count: number | null): Listing | null {
    if (!isUtf8(bytes)) return null;
    const text = bytes.toString('latin1');
    if (count === null) {
      count = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) count++;
    }
    const l = new Listing(text, count, new Float64Array(count), new Float64Array(count), new Uint8Array(count), bytes);
    let pos = 0;
    for (let i = 0; i < count; i++) {
      const end = text.indexOf('\n', pos);
      const t1 = text.indexOf('\t', pos);
      const t2 = text.indexOf('\t', t1 + 1);
      const t3 = text.indexOf('\t', t2 + 1);
      const t4 = text.indexOf('\t', t3 + 1);
      const t5 = text.indexOf('\t', t4 + 1);
      const t6 = text.indexOf('\t', t5 + 1);
      if (end < 0 || t1 < 0 || t6 < 0 || t6 > end || t3 !== t2 + 2) return null;
      const date = t1 === pos ? NaN : Number(text.slice(pos, t1));
      const at = Number(text.slice(t1 + 1, t2));
      const read = text.charCodeAt(t2 + 1) - 0x30;
      const ageAt = t6 + 1 + Number(text.slice(t5 + 1, t6));
      if ((t1 !== pos && !Number.isFinite(date)) || !Number.isSafeInteger(at) || at < 0 || (read !== 0 && read !== 1) || !(ageAt <= end)) return null;
      l.publishedAt[i] = date;
      l.at[i] = at;
      l.read[i] = read;
      const m = i * FIELDS;
      l.marks[m] = t3 + 1;
      l.marks[m + 1] = t4;
      l.marks[m + 2] = t5;
      l.marks[m + 3] = t6 + 1;
      l.marks[m + 4] = ageAt;
      l.marks[m + 5] = end;
      pos = end + 1;
    }
    return pos === text.length ? l : null;
  }

  slug(i: number): string {
    return JSON.parse(this.slugJson(i)) as string;
  }

  /** The slug as asciiJson writes it. */
  slugJson(i: number): string {
    const m = i * FIELDS;
    return this.text.slice(this.marks[m], this.marks[m + 1]);
  }

  /** Read state logged since the index was written, by slug as asciiJson writes it. */
  applyReadStates(states: ReadonlyMap<string, boolean>): void {
    // Most slugs differ in length from every logged one: comparing lengths first
    // saves slicing 100,000 slugs for a log of a few lines.
    const lengths = new Set([...states.keys()].map((k) => k.length));
    for (let i = 0; i < this.count; i++) {
      const m = i * FIELDS;
      if (!lengths.has(this.marks[m + 1]! - this.marks[m]!)) continue;
      const read = states.get(this.slugJson(i));
      if (read !== undefined) this.read[i] = read ? 1 : 0;
    }
  }

  /** The TSV line at this age, as latin1 text of its UTF-8 bytes. */
  tsv(i: number, age: string): string {
    const m = i * FIELDS;
    return `${this.text.slice(this.marks[m + 3], this.marks[m + 4])}${age}${this.text.slice(this.marks[m + 4], this.marks[m + 5])}\n`;
  }

  /**
   * Positions of the entries that match (date, read state, category and author;
   * not --search), in the list's order: newest first, or oldest with --reverse.
   */
  select(query: ListQuery): number[] {
    const keys = !!(query.category || query.author);
    const filtered = filtersHeadlines(query);
    const selected: number[] = [];
    for (let i = 0; i < this.count; i++) if (!filtered || matches(this.forFilter(i, keys), query)) selected.push(i);
    return query.reverse ? selected.reverse() : selected;
  }

  /** The entry as the Article shape filter.ts matches against: date, read state and, with `keys`, categories and author (else empty). */
  forFilter(i: number, keys: boolean): Article {
    const m = i * FIELDS;
    const [categories, who] = keys ? (JSON.parse(this.text.slice(this.marks[m + 1]! + 1, this.marks[m + 2])) as [string[], string]) : [[], ''];
    const date = this.publishedAt[i]!;
    return {
      slug: '', id: null, title: '', url: null, source: null, category: null, categories, author: who,
      publishedAt: Number.isNaN(date) ? null : date, updatedAt: null, summary: null, body: null, html: null, enclosures: [], image: null, order: 0,
      read: this.read[i] === 1,
    };
  }
}

// Slug start and end, keys end, TSV start, age position, line end.
const FIELDS = 6;

/**
 * The listing of the index at `path`, when it was made from the store.json with
 * this stamp; else null. With `enough`, it is read in growing parts from the
 * newest article on, until `enough` says the part read so far has what is wanted
 * (`news list --limit 5` reads a few kilobytes of it); `complete` says whether it
 * is all there.
 */
export function readListing(path: string, stamp: string, enough?: (part: Listing) => boolean): { listing: Listing; complete: boolean } | null {
  return withIndex(path, stamp, (fd, header, start) => {
    if (enough) {
      for (let size = 1 << 16; size < header.listing; size *= 4) {
        const bytes = readRange(fd, start, size);
        const cut = bytes ? bytes.lastIndexOf(0x0a) + 1 : 0;
        if (cut === 0) continue;
        const part = Listing.parse(bytes!.subarray(0, cut), null);
        if (!part) return null;
        if (enough(part)) return { listing: part, complete: false };
      }
    }
    const bytes = readRange(fd, start, header.listing);
    const listing = bytes && Listing.parse(bytes, header.count);
    return listing && { listing, complete: true };
  });
}

/**
 * Where the slug's line is in store.json, and the lines of the newest articles of
 * its source; 'absent' when the index says the store has no such slug, null when
 * there is no index for this store.json.
 */
export function findSlug(path: string, stamp: string, slug: string): { at: number; recent: number[] } | 'absent' | null {
  return withIndex(path, stamp, (fd, header, start) => {
    const json = asciiJson(slug);
    const want = fnv1a(json);
    const slugsAt = start + header.listing;
    const tableAt = slugsAt + header.slugs;
    const record = Buffer.alloc(RECORD);
    const hashOf = (k: number): number | null => {
      if (readSync(fd, record, 0, RECORD, tableAt + k * RECORD) !== RECORD) return null;
      const h = Number.parseInt(record.toString('latin1', 0, 8), 16);
      return Number.isNaN(h) ? null : h;
    };
    // The first record whose hash is not below the slug's.
    let lo = 0;
    let hi = header.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const h = hashOf(mid);
      if (h === null) return null;
      if (h < want) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < header.count && hashOf(k) === want; k++) {
      const lineAt = Number.parseInt(record.toString('latin1', 8, 16), 16);
      const line = readLineAt(fd, slugsAt + lineAt, { limit: tableAt })?.toString('latin1');
      if (line === undefined) return null;
      if (!line.startsWith(`${json}\t`)) continue; // another slug with the same hash
      const [at, group] = line.slice(json.length + 1).split('\t').map(Number);
      const recent = header.recent[group!];
      if (!Number.isSafeInteger(at) || !Array.isArray(recent) || !recent.every((r) => Number.isSafeInteger(r))) return null;
      return { at: at!, recent };
    }
    return 'absent';
  });
}

function withIndex<T>(path: string, stamp: string, use: (fd: number, header: Header, start: number) => T | null): T | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const top = readHeader(fd);
    const { header } = top ?? {};
    if (!top || !header || header.store !== stamp || fstatSync(fd).size !== top.start + header.listing + header.slugs + header.table) return null;
    if (header.table !== header.count * RECORD + 1) return null;
    return use(fd, top.header, top.start);
  } finally {
    closeSync(fd);
  }
}

function readHeader(fd: number): { header: Header; start: number } | null {
  let buf = Buffer.allocUnsafe(1 << 16);
  let have = 0;
  for (;;) {
    const n = readSync(fd, buf, have, buf.length - have, have);
    const nl = buf.indexOf(0x0a, have);
    have += n;
    if (nl >= 0 && nl < have) {
      try {
        const header = JSON.parse(buf.toString('utf8', 0, nl)) as Partial<Header>;
        const ok =
          header.index === INDEX_VERSION && typeof header.store === 'string' && Number.isSafeInteger(header.count) &&
          Number.isSafeInteger(header.listing) && Number.isSafeInteger(header.slugs) && Number.isSafeInteger(header.table) &&
          Array.isArray(header.recent);
        return ok ? { header: header as Header, start: nl + 1 } : null;
      } catch {
        return null;
      }
    }
    if (n === 0) return null;
    if (have === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger);
      buf = bigger;
    }
  }
}
