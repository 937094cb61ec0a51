// Reads the JSON store format (README "The JSON store format"): an array of
// articles or {"articles": [...]}. Lenient where no harm is done; every record
// it cannot use is named in a warning, never silently dropped.
import { type Stats, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Article, ArticleDraft, Enclosure } from '../article.js';
import { parseDate } from '../core/dates.js';
import { authorField, categoriesField, collapseWhitespace, textField, urlField } from '../core/fields.js';
import { looksLikeHtml, sanitizeHtml } from '../core/html-text.js';
import { type ContentSource, LazyDraft } from '../core/lazy.js';
import { finishArticle } from '../core/articles.js';
import { SlugAllocator } from '../core/slug.js';
import { DataError } from '../errors.js';
import { jsonErrorLocation } from './json-error.js';
import { readRange } from './store-lines.js';
import { BrokenRecords, type Heavy, arrayRecords, decodeSpan, recordAt, scanStore, scanStoreFile, spansWidth } from './json-records.js';

export interface StoreParse {
  drafts: ArticleDraft[];
  warnings: string[];
}

type Rec = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function parseStoreText(text: string, label: string): StoreParse {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    // Broken only inside a summary, body or html string (a raw control
    // character, say): read as parseStoreBytes reads any big store, so that a
    // store is accepted or refused alike whatever its size and shape.
    const scanned = parseStoreBytes(Buffer.from(text, 'utf8'), label);
    if (scanned) return scanned;
    const { line, column } = jsonErrorLocation(text, err);
    throw new DataError(`${label}: not valid JSON at line ${line}, column ${column}`);
  }
  return parseStoreData(data, label);
}

/**
 * The fast path for a UTF-8 store that is an array of objects (or wraps one as
 * "articles"): no record is parsed up front. The scanner checks each one and
 * notes where its title, id, url, slug and dates are; those become the draft at
 * once (they name it, sort it and give the warnings), and the rest of a record is
 * parsed when first read, which `news list --limit 20` of 100,000 records does
 * for 20 of them. Null when the bytes are shaped otherwise or are not valid JSON;
 * parseStoreText then reads them, and says where they break.
 */
export function parseStoreBytes(bytes: Buffer, label: string): StoreParse | null {
  const scanned = scanStore(bytes, HEAD_KEYS);
  if (!scanned) return null;
  const { count, bounds, values, width } = scanned;
  const store: ScannedStore = { bounds, values, width, label, read: (start, end) => bytes.subarray(start, end) };
  const drafts: ArticleDraft[] = [];
  const warnings: string[] = [];
  for (let index = 0; index < count; index++) {
    const draft = scannedDraft(bytes, bounds[2 * index]!, values, index * width, store, index, warnings);
    if (draft) drafts.push(draft);
  }
  return { drafts, warnings };
}

/**
 * parseStoreBytes for a big file that is a bare array, without reading it into
 * one buffer (json-records.ts scanStoreFile): a record is read again from the
 * file when something reads past its head. The file is kept open for that; one
 * changed in place meanwhile is reported. Null where parseStoreBytes would be,
 * and for a file that is not UTF-8 or cannot be read: the caller then reads it
 * whole, as any file.
 */
export function parseStoreFile(path: string, label: string): StoreParse | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  let keep = false;
  try {
    const stat = fstatSync(fd);
    const width = spansWidth(HEAD_KEYS);
    const store: ScannedStore = { bounds: [], values: [], width, label, read: fileRecords(fd, stat, label) };
    const drafts: ArticleDraft[] = [];
    const warnings: string[] = [];
    let index = 0;
    const count = scanStoreFile((buf, at, length, position) => readSync(fd, buf, at, length, position), stat.size, HEAD_KEYS, (b, start, end, local, offset) => {
      store.bounds.push(offset + start, offset + end);
      for (const v of local) store.values.push(v < 0 ? -1 : v + offset);
      const draft = scannedDraft(b, start, local, 0, store, index++, warnings);
      if (draft) drafts.push(draft);
    });
    if (count === null) return null;
    keep = drafts.length > 0;
    return { drafts, warnings };
  } catch {
    return null;
  } finally {
    if (!keep) closeSync(fd);
  }
}

// After this many records read again one by one, the rest come from the whole
// file read once (`news list --json` reads every record).
const REREADS_BEFORE_WHOLE = 2_000;

/** Reads a record's bytes again from the open file scanned earlier, whose stat that was. */
function fileRecords(fd: number, stat: Stats, label: string): (start: number, end: number) => Buffer {
  let reads = 0;
  let whole: Buffer | undefined;
  const changed = () => new DataError(`${label}: changed while it was being read; run the command again`);
  const readFully = (start: number, end: number): Buffer => {
    const out = readRange(fd, start, end - start);
    if (!out) throw changed();
    return out;
  };
  return (start, end) => {
    if (whole) return whole.subarray(start, end);
    // Every time: a write in place between two records would otherwise mix two versions.
    const now = fstatSync(fd);
    if (now.size !== stat.size || now.mtimeMs !== stat.mtimeMs) throw changed();
    if (++reads > REREADS_BEFORE_WHOLE) {
      whole = readFully(0, stat.size);
      return whole.subarray(start, end);
    }
    return readFully(start, end);
  };
}

/**
 * The draft of the record at `start` in `b`, its places in `values` from `at`
 * (b's positions); null, with a warning, for one that is no article.
 */
function scannedDraft(b: Buffer, start: number, values: readonly number[], at: number, store: ScannedStore, index: number, warnings: string[]): ArticleDraft | null {
  const where = () => `${store.label}: record ${index}`;
  if (b[start] !== 0x7b) {
    warnings.push(`${where()} skipped: not an object`);
    return null;
  }
  const head = headFields(
    spanValue(b, values, at + 2 * TITLE),
    spanValue(b, values, at + 2 * ID),
    spanValue(b, values, at + 2 * PUBLISHED),
    spanValue(b, values, at + 2 * UPDATED),
    where,
    warnings,
  );
  if (!head) return null;
  const id = head.id ?? urlField(str(spanValue(b, values, at + 2 * URL)));
  return new ScannedDraft(head, str(spanValue(b, values, at + 2 * SLUG)), id, store, index);
}

// What the scanner reads of every record, by position in this list (its heavy
// strings' places follow).
const HEAD_KEYS = ['title', 'id', 'url', 'slug', 'publishedAt', 'updatedAt'] as const;
const [TITLE, ID, URL, SLUG, PUBLISHED, UPDATED] = [0, 1, 2, 3, 4, 5];

/** The value whose span starts at values[at]; undefined for an absent member. */
function spanValue(bytes: Buffer, values: readonly number[], at: number): unknown {
  const start = values[at]!;
  const end = values[at + 1]!;
  if (start < 0) return undefined;
  // A string without escapes is its own bytes between the quotes.
  if (bytes[start] === 0x22) {
    let k = start + 1;
    while (k < end && bytes[k] !== 0x5c) k++;
    if (k === end) return bytes.toString('utf8', start + 1, end - 1);
  }
  return JSON.parse(bytes.toString('utf8', start, end));
}

/** What a ScannedDraft needs to parse its record: shared by all of a store's drafts. */
interface ScannedStore {
  /** Per record, where it starts and ends in the store; and the places scanStore noted (store positions). */
  bounds: number[];
  values: number[];
  width: number;
  label: string;
  /** The store's bytes from `start` to `end`. */
  read(start: number, end: number): Buffer;
}

/**
 * A draft with what every record needs up front (slug, id, title, dates), the
 * rest parsed from its bytes on first read, by toDraft as any record is. Every
 * field reads the same as toDraft's draft would; writes go to that draft.
 */
class ScannedDraft implements ArticleDraft {
  slug: string | null;
  id: string | null;
  title: string;
  publishedAt: number | null;
  updatedAt: number | null;
  /** Set by finishArticle; declared so that 100,000 drafts get it in their own shape, not one added later. */
  order: number | undefined = undefined;
  #full: ArticleDraft | undefined;
  readonly #store: ScannedStore;
  readonly #index: number;

  constructor(head: Head, slug: string | null, id: string | null, store: ScannedStore, index: number) {
    this.slug = slug;
    this.id = id;
    this.title = head.title;
    this.publishedAt = head.publishedAt;
    this.updatedAt = head.updatedAt;
    this.#store = store;
    this.#index = index;
  }

  #draft(): ArticleDraft {
    if (!this.#full) {
      const { bounds, values, width, label, read } = this.#store;
      const i = this.#index;
      const [start, end] = [bounds[2 * i]!, bounds[2 * i + 1]!];
      const bytes = read(start, end);
      const { record, heavy } = recordAt(bytes, 0, end - start, values, i * width + 2 * HEAD_KEYS.length, start);
      const where = `${label}: record ${i}`;
      // Its head, and the warnings that came with it, are this draft's already
      // (its id falls back to the url already, as toDraft's would).
      this.#full = toDraft(record as Rec, where, [], heavyReader(bytes, heavy, record as Rec, where), this)!;
    }
    return this.#full;
  }

  get url() { return this.#draft().url; }
  set url(v) { this.#draft().url = v; }
  get source() { return this.#draft().source; }
  set source(v) { this.#draft().source = v; }
  get category() { return this.#draft().category; }
  set category(v) { this.#draft().category = v; }
  get categories() { return this.#draft().categories; }
  set categories(v) { this.#draft().categories = v; }
  get author() { return this.#draft().author; }
  set author(v) { this.#draft().author = v; }
  get enclosures() { return this.#draft().enclosures; }
  set enclosures(v) { this.#draft().enclosures = v; }
  get image() { return this.#draft().image; }
  set image(v) { this.#draft().image = v; }
  get summary() { return this.#draft().summary; }
  set summary(v) { this.#draft().summary = v; }
  get body() { return this.#draft().body; }
  set body(v) { this.#draft().body = v; }
  get html() { return this.#draft().html; }
  set html(v) { this.#draft().html = v; }
}

/** A record's summary, body and html: from its bytes when the scanner left them there. */
function heavyReader(bytes: Buffer, heavy: Heavy, rec: Rec, where: string): (field: HeavyField) => string | null {
  // Taken now, so that the parsed record is not kept alive by this reader for
  // as long as its draft lives (100,000 of them for `news list --json`).
  const inRecord = { summary: str(rec.summary), body: str(rec.body), html: str(rec.html) };
  return (field) => {
    const span = heavy[field];
    if (!span) return inRecord[field];
    try {
      return decodeSpan(bytes, span);
    } catch {
      throw new DataError(`${where}: its ${field} is not a valid JSON string (a broken escape)`);
    }
  };
}

/**
 * A UTF-8 store that is a top-level array (starting at byte `at`), as Articles
 * one record at a time in store order, for output that starts before the whole
 * store is read (`news list --sort feed`). The same articles, slugs and warnings
 * as parseStoreBytes and finishArticles give, so null when that cannot be
 * promised: a store that names slugs of its own, which are reserved before any
 * derived one (a record's own slug further on can rename an earlier derived
 * one). A store broken further on is reported when reached, with the whole
 * parser's message, after the records before it.
 */
export function streamStoreBytes(bytes: Buffer, at: number, label: string, warn: (message: string) => void): Iterable<Article> | null {
  if (mayNameSlugs(bytes)) return null;
  return {
    *[Symbol.iterator]() {
      const slugs = new SlugAllocator();
      let index = 0;
      let order = 0;
      try {
        for (const { record, heavy } of arrayRecords(bytes, at)) {
          const where = `${label}: record ${index++}`;
          const warnings: string[] = [];
          const draft = recordDraft(record, where, warnings, (rec) => heavyReader(bytes, heavy, rec, where));
          warnings.forEach(warn);
          if (draft) yield finishArticle(draft, order++, slugs);
        }
      } catch (err) {
        if (!(err instanceof BrokenRecords)) throw err;
        parseStoreText(bytes.toString('utf8'), label); // throws with the line and column
        throw new DataError(`${label}: not a valid store (stopped at record ${index})`);
      }
    },
  };
}

// A "slug" key, also spelled with escapes ("\u0073lug"): a plain search of the
// bytes, which may also find it in a value (then the store is read whole, as ever).
function mayNameSlugs(bytes: Buffer): boolean {
  if (bytes.includes('"slug"')) return true;
  if (!bytes.includes('\\u00')) return false;
  return ['\\u0073', '\\u006c', '\\u006C', '\\u0075', '\\u0067'].some((e) => bytes.includes(e));
}

export function parseStoreData(data: unknown, label: string): StoreParse {
  const records = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as Rec).articles)
      ? ((data as Rec).articles as unknown[])
      : null;
  if (!records) throw new DataError(`${label}: not a news store (expected an array of articles or {"articles": [...]})`);
  const drafts: ArticleDraft[] = [];
  const warnings: string[] = [];
  records.forEach((rec, index) => {
    const draft = recordDraft(rec, `${label}: record ${index}`, warnings, (r) => (field) => str(r[field]));
    if (draft) drafts.push(draft);
  });
  return { drafts, warnings };
}

/** One record as a draft; null, with a warning, when it is not an article. */
function recordDraft(rec: unknown, where: string, warnings: string[], rawOf: (rec: Rec) => (field: HeavyField) => string | null): ArticleDraft | null {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
    warnings.push(`${where} skipped: not an object`);
    return null;
  }
  return toDraft(rec as Rec, where, warnings, rawOf(rec as Rec));
}

type HeavyField = 'summary' | 'body' | 'html';

interface Head {
  title: string;
  /** The record's own id; the draft's id falls back to its url. */
  id: string | null;
  publishedAt: number | null;
  updatedAt: number | null;
}

/**
 * The fields every record needs up front, with their warnings in the order a
 * reader meets them; null (with a warning) for a record without a title.
 */
function headFields(rawTitleValue: unknown, idValue: unknown, published: unknown, updated: unknown, where: () => string, warnings: string[]): Head | null {
  const rawTitle = str(rawTitleValue);
  if (rawTitle == null || rawTitle.trim() === '') {
    warnings.push(`${where()} skipped: no title`);
    return null;
  }
  const title = looksLikeHtml(rawTitle) ? collapseWhitespace(textField(rawTitle, true) ?? '') || rawTitle.trim() : collapseWhitespace(rawTitle);
  let id: string | null = null;
  if (typeof idValue === 'string' && idValue.trim() !== '') id = idValue.trim();
  else if (typeof idValue === 'number' && Number.isFinite(idValue)) id = String(idValue);
  else if (idValue != null) warnings.push(`${where()} ("${title}"): id is neither a string nor a number; ignored`);

  const date = (v: unknown, field: 'publishedAt' | 'updatedAt'): number | null => {
    if (v == null || v === '') return null;
    const ms = typeof v === 'string' ? parseDate(v) : null;
    if (ms == null) warnings.push(`${where()} ("${title}"): ${field} ${JSON.stringify(v)} is not a date; shown as undated`);
    return ms;
  };
  return { title, id, publishedAt: date(published, 'publishedAt'), updatedAt: date(updated, 'updatedAt') };
}

/** `known`: the record's head, already read (ScannedDraft). */
function toDraft(r: Rec, where: string, warnings: string[], raw: (field: HeavyField) => string | null, known?: Head): ArticleDraft | null {
  const head = known ?? headFields(r.title, r.id, r.publishedAt, r.updatedAt, () => where, warnings);
  if (!head) return null;
  const { title, id } = head;
  const categories = categoriesField(
    Array.isArray(r.categories) ? r.categories.map(str) : typeof r.categories === 'string' ? [r.categories] : [],
  );
  const [category = null] = categoriesField([str(r.category)]);
  if (category && !categories.includes(category)) categories.unshift(category);

  const url = urlField(str(r.url));
  // Summary, body and html render on first read: listing headlines renders none.
  return new LazyDraft(
    {
      slug: str(r.slug),
      id: id ?? url,
      url,
      source: textField(str(r.source), false),
      category: category ?? categories[0] ?? null,
      categories,
      author: authorField(str(r.author)),
      publishedAt: head.publishedAt,
      updatedAt: head.updatedAt,
      enclosures: enclosures(r.enclosures),
      image: urlField(str(r.image)),
    },
    title,
    new StoreContent(raw),
  );
}

function enclosures(v: unknown): Enclosure[] {
  if (!Array.isArray(v)) return [];
  const out: Enclosure[] = [];
  for (const e of v) {
    if (!e || typeof e !== 'object') continue;
    const url = urlField(str((e as Rec).url));
    if (!url) continue;
    const length = (e as Rec).length;
    out.push({
      url,
      type: str((e as Rec).type),
      length: typeof length === 'number' && Number.isInteger(length) && length >= 0 ? length : null,
    });
  }
  return out;
}

class StoreContent implements ContentSource {
  constructor(private readonly raw: (field: HeavyField) => string | null) {}
  summary(): string | null {
    return textField(this.raw('summary'));
  }
  body(): { body: string | null; html: string | null } {
    const rawBody = this.raw('body');
    const html = this.raw('html') ?? (rawBody != null && looksLikeHtml(rawBody) ? rawBody : null);
    return { body: textField(rawBody), html: html == null ? null : sanitizeHtml(html) };
  }
}
