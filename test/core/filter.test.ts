import { describe, expect, it } from 'vitest';
import { finishArticles } from '../../src/core/articles.js';
import { selectArticles } from '../../src/core/filter.js';
import { parseMoment } from '../../src/core/time-window.js';
import type { ArticleDraft } from '../../src/article.js';

const t = (iso: string) => Date.parse(iso);
const base: ArticleDraft = {
  id: null, title: '', url: null, source: null, category: null, categories: [], author: null,
  publishedAt: null, updatedAt: null, summary: null, body: null, html: null, enclosures: [], image: null,
};
const articles = finishArticles([
  { ...base, title: 'Beta world news', category: 'World', categories: ['World', 'Politics'], author: 'Parijat Tripathi', publishedAt: t('2025-06-09T10:00:00Z') },
  { ...base, title: 'alpha tech', category: 'Technology', categories: ['Technology'], source: 'Northwind', publishedAt: t('2025-06-08T10:00:00Z'), body: 'Robots deliver parcels' },
  { ...base, title: 'Undated glossary', summary: 'Terms of the trade' },
  { ...base, title: 'Gamma newest', category: 'World', categories: ['World'], publishedAt: t('2025-06-09T10:59:00Z') },
]);
const titles = (q: Parameters<typeof selectArticles>[1]) => selectArticles(articles, q).map((a) => a.title);
const now = t('2025-06-09T11:00:00Z');

describe('selectArticles', () => {
  it.each([
    ['newest first, undated last', {}, ['Gamma newest', 'Beta world news', 'alpha tech', 'Undated glossary']],
    ['reverse', { reverse: true }, ['Undated glossary', 'alpha tech', 'Beta world news', 'Gamma newest']],
    ['title, case-insensitive', { sort: 'title' as const }, ['alpha tech', 'Beta world news', 'Gamma newest', 'Undated glossary']],
    ['feed order', { sort: 'feed' as const }, ['Beta world news', 'alpha tech', 'Undated glossary', 'Gamma newest']],
    ['category, case-insensitive', { category: 'WORLD' }, ['Gamma newest', 'Beta world news']],
    ['category matches any of categories', { category: 'politics' }, ['Beta world news']],
    ['author substring', { author: 'tripathi' }, ['Beta world news']],
    ['author falls back to source', { author: 'northwind' }, ['alpha tech']],
    ['search in body', { search: 'ROBOTS parcels' }, ['alpha tech']],
    ['search in summary', { search: 'trade' }, ['Undated glossary']],
    ['search needs every word', { search: 'robots world' }, []],
    ['since drops older and undated', { since: t('2025-06-09T00:00:00Z') }, ['Gamma newest', 'Beta world news']],
    ['until', { until: t('2025-06-09T00:00:00Z') }, ['alpha tech']],
  ])('%s', (_name, q, expected) => {
    expect(titles(q)).toEqual(expected);
  });
});

describe('selectArticles by date: ties and undated', () => {
  // Given out of source order, so source order and list order can be told apart.
  const same = t('2025-06-09T10:00:00Z');
  const mixed = finishArticles([
    { ...base, title: 'undated 0' },
    { ...base, title: 'tie 1', publishedAt: same },
    { ...base, title: 'older 2', publishedAt: same - 1 },
    { ...base, title: 'undated 3' },
    { ...base, title: 'tie 4', publishedAt: same },
    { ...base, title: 'newer 5', publishedAt: same + 1 },
  ]);
  const shuffled = [5, 3, 4, 0, 2, 1].map((i) => mixed[i]!);

  it('breaks date ties and orders undated articles by source order, not list order', () => {
    expect(selectArticles(shuffled, {}).map((a) => a.title)).toEqual(['newer 5', 'tie 1', 'tie 4', 'older 2', 'undated 0', 'undated 3']);
    expect(selectArticles(shuffled, { reverse: true }).map((a) => a.title)).toEqual(['undated 3', 'undated 0', 'older 2', 'tie 4', 'tie 1', 'newer 5']);
  });

  it('keeps list order when date and source order are both equal (two sources merged)', () => {
    const other = finishArticles([{ ...base, title: 'other undated' }, { ...base, title: 'other tie 1', publishedAt: same }]);
    const list = [other[1]!, mixed[1]!, mixed[0]!, other[0]!];
    expect(selectArticles(list, {}).map((a) => a.title)).toEqual(['other tie 1', 'tie 1', 'undated 0', 'other undated']);
  });

  it('sorts an epoch-0 date as a date, not as undated', () => {
    const zero = finishArticles([{ ...base, title: 'undated' }, { ...base, title: '1970', publishedAt: 0 }]);
    expect(selectArticles(zero, {}).map((a) => a.title)).toEqual(['1970', 'undated']);
  });
});

describe('parseMoment', () => {
  it.each([
    ['30m', now - 30 * 60_000],
    ['2h', now - 2 * 3_600_000],
    ['3d', now - 3 * 86_400_000],
    ['1w', now - 7 * 86_400_000],
    ['90s', now - 90_000],
    ['2025-06-01', t('2025-06-01T00:00:00Z')],
    ['2025-06-01T10:00:00+02:00', t('2025-06-01T08:00:00Z')],
  ])('%s', (value, ms) => {
    expect(parseMoment(value, now, '--since')).toBe(ms);
  });
  it('rejects nonsense as a usage error', () => {
    expect(() => parseMoment('yesterday-ish', now, '--since')).toThrowError(/--since takes a date/);
  });
});
