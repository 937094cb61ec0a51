// The piped form of `news list`: one line per article, tab-separated, fixed
// column order (slug, title, category, author, age, published, url), so
// `cut -f1`, fzf and awk can rely on it. Documented in the README.
import type { Article } from '../article.js';
import { formatIsoUtc } from '../core/dates.js';
import { relativeTime } from '../core/relative-time.js';
import { sanitizeLine } from './sanitize.js';

const field = (text: string | null) => (text == null ? '' : sanitizeLine(text));

// One template instead of an array, a map and a join: this runs once per row of a
// 100,000-row listing. The age and date are made here, not taken from feed text, so
// they need no sanitizing.
export function tsvLine(a: Article, now: number): string {
  return tsvBefore(a) + relativeTime(a.publishedAt, now) + tsvAfter(a) + '\n';
}

// The line is split around the age, the one column that depends on "now": the
// local store's listing index (src/store/listing-index.ts) keeps the two parts.

/** Slug, title, category and author, each followed by a tab. */
export function tsvBefore(a: Article): string {
  return `${field(a.slug)}\t${field(a.title)}\t${field(a.category)}\t${field(a.author)}\t`;
}

/** The date and url, each preceded by a tab. */
export function tsvAfter(a: Article): string {
  return `\t${formatIsoUtc(a.publishedAt) ?? ''}\t${field(a.url)}`;
}
