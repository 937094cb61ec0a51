import { describe, expect, it } from 'vitest';
import { finishArticles } from '../../src/core/articles.js';
import { resolveRef } from '../../src/core/resolve-ref.js';
import { NotFoundError } from '../../src/errors.js';
import type { ArticleDraft } from '../../src/article.js';

const base: ArticleDraft = {
  id: null, title: '', url: null, source: null, category: null, categories: [], author: null,
  publishedAt: null, updatedAt: null, summary: null, body: null, html: null, enclosures: [], image: null,
};
const all = finishArticles(['Russia anticipates visit', 'Rare earth cooperation', 'Rare birds return', '2025 in review'].map((title) => ({ ...base, title })));

describe('resolveRef', () => {
  it('takes an exact slug first', () => {
    expect(resolveRef('rare-birds-return', all).title).toBe('Rare birds return');
  });
  it('then a row number of the listed order', () => {
    expect(resolveRef('2', all).title).toBe('Rare earth cooperation');
    expect(resolveRef('1', [all[3]!], all).title).toBe('2025 in review');
  });
  it('then a unique prefix', () => {
    expect(resolveRef('russ', all).title).toBe('Russia anticipates visit');
  });
  it('lists candidates when a prefix is ambiguous', () => {
    expect(() => resolveRef('rare', all)).toThrowError(new NotFoundError('"rare" matches 2 articles: rare-earth-cooperation, rare-birds-return'));
  });
  it('suggests the closest slugs when nothing matches', () => {
    expect(() => resolveRef('rare-bird-return', all)).toThrowError(/did you mean rare-birds-return/);
  });
  it('reports rows out of range', () => {
    expect(() => resolveRef('9', all)).toThrowError('no article at row 9: the list has 4 rows');
    expect(() => resolveRef('0', all)).toThrowError(NotFoundError);
  });
});
