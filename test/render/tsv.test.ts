import { describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../src/article.js';
import { finishArticles } from '../../src/core/articles.js';
import { formatIsoUtc } from '../../src/core/dates.js';
import { relativeTime } from '../../src/core/relative-time.js';
import { sanitizeLine } from '../../src/render/sanitize.js';
import { tsvLine } from '../../src/render/tsv.js';

const now = Date.parse('2025-06-09T11:00:00Z');
const base: ArticleDraft = {
  id: null, title: '', url: null, source: null, category: null, categories: [], author: null,
  publishedAt: null, updatedAt: null, summary: null, body: null, html: null, enclosures: [], image: null,
};

describe('tsvLine', () => {
  const articles = finishArticles([
    { ...base, title: 'Plain title', category: 'World', author: 'Jane Doe', url: 'https://example.com/a', publishedAt: now - 3_600_000 },
    { ...base, title: 'Undated, no author' },
    { ...base, title: 'Evil\t\x1b[31mtitle\n\u202e', category: 'Cat\x9b', author: 'A\x00uthor\x07', url: 'https://evil.example/\x1b]8;;x', publishedAt: now - 40 * 86_400_000 },
  ]);

  it('writes the seven columns, each field made safe and tab-free', () => {
    expect(articles.map((a) => tsvLine(a, now))).toEqual([
      'plain-title\tPlain title\tWorld\tJane Doe\t1 hour ago\t2025-06-09T10:00:00Z\thttps://example.com/a\n',
      'undated-no-author\tUndated, no author\t\t\t-\t\t\n',
      'evil-31mtitle\tEvil [31mtitle \tCat\tAuthor\t1 month ago\t2025-04-30T11:00:00Z\thttps://evil.example/]8;;x\n',
    ]);
  });

  it('matches sanitizing every column and joining them', () => {
    for (const a of articles) {
      const columns = [a.slug, a.title, a.category ?? '', a.author ?? '', relativeTime(a.publishedAt, now), formatIsoUtc(a.publishedAt) ?? '', a.url ?? ''];
      expect(tsvLine(a, now)).toBe(columns.map(sanitizeLine).join('\t') + '\n');
    }
  });
});
