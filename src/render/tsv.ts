// The piped form of `news list`: one line per article, tab-separated, fixed
// column order (slug, title, category, author, age, published, url), so
// `cut -f1`, fzf and awk can rely on it. Documented in the README.
import type { Article } from '../article.js';
import { formatIsoUtc } from '../core/dates.js';
import { relativeTime } from '../core/relative-time.js';
import { sanitizeLine } from './sanitize.js';

export function tsvLine(a: Article, now: number): string {
  return [
    a.slug,
    a.title,
    a.category ?? '',
    a.author ?? '',
    relativeTime(a.publishedAt, now),
    formatIsoUtc(a.publishedAt) ?? '',
    a.url ?? '',
  ]
    .map(sanitizeLine)
    .join('\t') + '\n';
}
