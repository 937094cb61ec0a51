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
  return (
    `${field(a.slug)}\t${field(a.title)}\t${field(a.category)}\t${field(a.author)}\t` +
    `${relativeTime(a.publishedAt, now)}\t${formatIsoUtc(a.publishedAt) ?? ''}\t${field(a.url)}\n`
  );
}
