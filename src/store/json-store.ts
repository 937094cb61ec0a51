// Reads the JSON store format (README "The JSON store format"): an array of
// articles or {"articles": [...]}. Lenient where no harm is done; every record
// it cannot use is named in a warning, never silently dropped.
import type { Article, ArticleDraft, Enclosure } from '../article.js';
import { parseDate } from '../core/dates.js';
import { authorField, categoriesField, collapseWhitespace, textField, urlField } from '../core/fields.js';
import { looksLikeHtml, sanitizeHtml } from '../core/html-text.js';
import { type ContentSource, LazyDraft } from '../core/lazy.js';
import { finishArticle } from '../core/articles.js';
import { SlugAllocator } from '../core/slug.js';
import { DataError } from '../errors.js';
import { jsonErrorLocation } from './json-error.js';
import { BrokenRecords, type Heavy, arrayRecords, decodeSpan, scanStoreRecords } from './json-records.js';

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
    const { line, column } = jsonErrorLocation(text, err);
    throw new DataError(`${label}: not valid JSON at line ${line}, column ${column}`);
  }
  return parseStoreData(data, label);
}

/**
 * The fast path for a UTF-8 store that is an array of objects: records are
 * parsed without their summary, body and html, which are decoded from the
 * bytes when first read (json-records.ts). Null when the bytes are shaped
 * otherwise; parseStoreText then reads them.
 */
export function parseStoreBytes(bytes: Buffer, label: string): StoreParse | null {
  const scanned = scanStoreRecords(bytes);
  if (!scanned) return null;
  return draftsOf(scanned.records, label, (rec, index, where) => heavyReader(bytes, scanned.heavy[index], rec, where));
}

/** A record's summary, body and html: from its bytes when the scanner left them there. */
function heavyReader(bytes: Buffer, heavy: Heavy | undefined, rec: Rec, where: string): (field: HeavyField) => string | null {
  return (field) => {
    const span = heavy?.[field];
    if (!span) return str(rec[field]);
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
  return draftsOf(records, label, (rec) => (field) => str(rec[field]));
}

/** Records become drafts; `rawOf` says where a record's summary, body and html come from. */
function draftsOf(
  records: readonly unknown[],
  label: string,
  rawOf: (rec: Rec, index: number, where: string) => (field: HeavyField) => string | null,
): StoreParse {
  const drafts: ArticleDraft[] = [];
  const warnings: string[] = [];
  records.forEach((rec, index) => {
    const where = `${label}: record ${index}`;
    const draft = recordDraft(rec, where, warnings, (r) => rawOf(r, index, where));
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

function toDraft(r: Rec, where: string, warnings: string[], raw: (field: HeavyField) => string | null): ArticleDraft | null {
  const rawTitle = str(r.title);
  if (rawTitle == null || rawTitle.trim() === '') {
    warnings.push(`${where} skipped: no title`);
    return null;
  }
  const title = looksLikeHtml(rawTitle) ? collapseWhitespace(textField(rawTitle, true) ?? '') || rawTitle.trim() : collapseWhitespace(rawTitle);
  let id: string | null = null;
  if (typeof r.id === 'string' && r.id.trim() !== '') id = r.id.trim();
  else if (typeof r.id === 'number' && Number.isFinite(r.id)) id = String(r.id);
  else if (r.id != null) warnings.push(`${where} ("${title}"): id is neither a string nor a number; ignored`);

  const categories = categoriesField(
    Array.isArray(r.categories) ? r.categories.map(str) : typeof r.categories === 'string' ? [r.categories] : [],
  );
  const [category = null] = categoriesField([str(r.category)]);
  if (category && !categories.includes(category)) categories.unshift(category);

  const date = (field: 'publishedAt' | 'updatedAt'): number | null => {
    const v = r[field];
    if (v == null || v === '') return null;
    const ms = typeof v === 'string' ? parseDate(v) : null;
    if (ms == null) warnings.push(`${where} ("${title}"): ${field} ${JSON.stringify(v)} is not a date; shown as undated`);
    return ms;
  };

  const url = urlField(str(r.url));
  // Summary, body and html render on first read: listing headlines renders none.
  return new LazyDraft(
    {
      slug: str(r.slug),
      id: id ?? url,
      title,
      url,
      source: textField(str(r.source), false),
      category: category ?? categories[0] ?? null,
      categories,
      author: authorField(str(r.author)),
      publishedAt: date('publishedAt'),
      updatedAt: date('updatedAt'),
      enclosures: enclosures(r.enclosures),
      image: urlField(str(r.image)),
    },
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
