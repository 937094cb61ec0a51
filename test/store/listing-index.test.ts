import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.js';
import { type ListQuery, matches, selectArticles } from '../../src/core/filter.js';
import { relativeTime } from '../../src/core/relative-time.js';
import { recentPosts } from '../../src/render/article-view.js';
import { tsvLine } from '../../src/render/tsv.js';
import { buildListingIndex, findSlug, readListing } from '../../src/store/listing-index.js';
import { type Headline, STORE_VERSION, headlineToArticle } from '../../src/store/local-format.js';
import { serializeStore } from '../../src/store/local-store.js';
import { rng } from '../support/rng.js';

const NOW = Date.parse('2025-06-09T11:00:00Z');

// Headlines as feeds make them, hostile text included: control characters, bidi
// overrides, tabs and newlines inside fields, non-ASCII, equal and missing dates.
function headlines(seed: number, n: number): Headline[] {
  const r = rng(seed);
  const words = ['news', 'Zürich', '東京', 'naïve', 'a\tb', 'line\nbreak', '\x1b[31mred', 'evil\u202e', '\u009bC1', '“quoted”', '⚽', '\x7f', 'ok'];
  const text = (k: number) => Array.from({ length: 1 + r.int(k) }, () => r.pick(words)).join(' ');
  const sources = ['Alpha', 'Beta', 'Gamma\u2066', null];
  const dates = ['2025-06-09T10:00:00Z', '2025-06-08T09:30:00Z', '2024-12-31T23:59:59Z', 'Mon, 09 Jun 2025 08:00:00 +0200', null];
  return Array.from({ length: n }, (_, i) => ({
    slug: i % 17 === 0 ? `slug-${i}-${r.pick(words)}` : `slug-${i}`,
    feed: `https://f${i % 3}.example/feed`,
    key: `id:${i}`,
    id: String(i),
    title: text(6),
    url: r.chance(0.8) ? `https://f.example/${i}` : null,
    source: r.pick(sources),
    category: r.chance(0.7) ? r.pick(['World', 'tech', 'Ünïcode', 'a\tb']) : null,
    categories: r.chance(0.5) ? [r.pick(['World', 'Tech', 'Sport']), r.pick(['Science', 'world'])] : [],
    author: r.chance(0.6) ? text(2) : null,
    publishedAt: r.pick(dates),
    updatedAt: null,
    image: null,
    seenAt: '2025-06-09T11:00:00Z',
    read: r.chance(0.3),
  }));
}

function indexed(hs: Headline[], stamp = 'stamp-1') {
  const dir = mkdtempSync(join(tmpdir(), 'news-index-'));
  const { text, offsets } = serializeStore({ version: STORE_VERSION, feeds: {}, articles: hs });
  writeFileSync(join(dir, 'store.json'), text);
  const path = join(dir, 'headlines.idx');
  writeFileSync(path, buildListingIndex(hs, offsets, stamp));
  const articles = hs.map((h, i) => headlineToArticle(h, i));
  return { path, offsets, articles, storeText: Buffer.from(text) };
}

describe('listing index', () => {
  it('lists in the order and with the TSV lines of the whole-store path', () => {
    for (const seed of [1, 2, 3]) {
      const { path, articles } = indexed(headlines(seed, 300));
      const { listing } = readListing(path, 'stamp-1')!;
      expect(listing.clean).toBe(true);
      const newest = selectArticles(articles, { sort: 'date' });
      expect(listing.count).toBe(newest.length);
      newest.forEach((a, i) => {
        const date = listing.publishedAt[i]!;
        expect(Number.isNaN(date) ? null : date).toBe(a.publishedAt);
        const line = Buffer.from(listing.tsv(i, relativeTime(a.publishedAt, NOW)), 'latin1').toString('utf8');
        expect(line).toBe(tsvLine(a, NOW));
      });
    }
  });

  it('filters entries as filter.ts filters the articles', () => {
    const { path, articles } = indexed(headlines(4, 400));
    const { listing } = readListing(path, 'stamp-1')!;
    const queries: ListQuery[] = [
      { unread: true },
      { category: 'world' },
      { category: 'ünïcode' },
      { author: 'ZÜRICH' },
      { author: 'alpha' },
      { since: Date.parse('2025-06-09T00:00:00Z') },
      { until: Date.parse('2025-01-01T00:00:00Z'), unread: true },
    ];
    const newest = selectArticles(articles, { sort: 'date' });
    for (const q of queries) {
      const keys = !!(q.category || q.author);
      const kept = newest.map((_, i) => i).filter((i) => matches(listing.forFilter(i, keys), q));
      expect(kept.map((i) => newest[i]!.slug), JSON.stringify(q)).toEqual(selectArticles(articles, { ...q, sort: 'date' }).map((a) => a.slug));
      expect(kept.length).toBeGreaterThan(0);
    }
  });

  it('finds each slug by its line in store.json, with the recent posts of its source', () => {
    const { path, offsets, articles, storeText } = indexed(headlines(5, 200));
    for (const a of articles) {
      const hit = findSlug(path, 'stamp-1', a.slug);
      if (!hit || hit === 'absent') throw new Error(`${a.slug} not found`);
      expect(hit.at).toBe(offsets[a.order]);
      expect(storeText.toString('utf8', hit.at, storeText.indexOf('\n', hit.at))).toMatch(/^\{"slug":/);
      const recent = hit.recent.filter((at) => at !== hit.at).slice(0, 6);
      expect(recent).toEqual(recentPosts(a, articles).map((r: Article) => offsets[r.order]));
    }
    expect(findSlug(path, 'stamp-1', 'no-such-slug')).toBe('absent');
    expect(findSlug(path, 'stamp-1', 'slug-1')).not.toBe('absent');
    expect(findSlug(path, 'stamp-1', 'slug-')).toBe('absent'); // whole slugs only
  });

  it('reads only the newest part when that is enough, else all of it', () => {
    const { path } = indexed(headlines(8, 4000)); // a listing of about 1 MB
    const full = readListing(path, 'stamp-1')!;
    expect(full.complete).toBe(true);
    const tsv = (l: typeof full.listing, i: number) => l.tsv(i, 'age');
    const parts: number[] = [];
    const part = readListing(path, 'stamp-1', (p) => (parts.push(p.count), p.count >= 10))!;
    expect(part.complete).toBe(false);
    expect(parts.length).toBe(1);
    expect(part.listing.count).toBeGreaterThanOrEqual(10);
    expect(part.listing.count).toBeLessThan(full.listing.count);
    for (let i = 0; i < part.listing.count; i++) expect(tsv(part.listing, i)).toBe(tsv(full.listing, i));
    // Never enough: the parts grow, then the whole is read.
    const sizes: number[] = [];
    const all = readListing(path, 'stamp-1', (p) => (sizes.push(p.count), false))!;
    expect(all.complete).toBe(true);
    expect(all.listing.count).toBe(full.listing.count);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  });

  it('tells apart slugs whose hashes in the slug table are the same', () => {
    // FNV-1a, as the table hashes a slug's JSON; two slugs that collide are found
    // by trying (about 80,000 tries for even odds).
    const fnv = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h >>> 0;
    };
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let n = 0; !pair; n++) {
      const slug = `c-${n}`;
      const other = seen.get(fnv(JSON.stringify(slug)));
      if (other) pair = [other, slug];
      else seen.set(fnv(JSON.stringify(slug)), slug);
    }
    const hs = headlines(9, 30);
    hs[3]!.slug = pair[0];
    hs[20]!.slug = pair[1];
    const { path, offsets } = indexed(hs);
    expect(findSlug(path, 'stamp-1', pair[0])).toMatchObject({ at: offsets[3] });
    expect(findSlug(path, 'stamp-1', pair[1])).toMatchObject({ at: offsets[20] });
  });

  it('is ignored when it was made from another store.json, or is damaged', () => {
    const { path } = indexed(headlines(6, 50));
    expect(readListing(path, 'stamp-2')).toBeNull();
    expect(findSlug(path, 'stamp-2', 'slug-1')).toBeNull();
    expect(readListing(join(path, '..', 'missing.idx'), 'stamp-1')).toBeNull();
    const good = readFileSync(path);
    const damaged = (edit: (b: Buffer) => Buffer) => {
      writeFileSync(path, edit(Buffer.from(good)));
      return readListing(path, 'stamp-1');
    };
    const firstLine = good.indexOf('\n') + 1;
    expect(damaged((b) => b.subarray(0, b.length - 10))).toBeNull();
    expect(findSlug(path, 'stamp-1', 'slug-1')).toBeNull();
    expect(damaged((b) => b.subarray(0, firstLine + 50))).toBeNull();
    expect(damaged((b) => (b.write('x', firstLine + 2), b))).toBeNull(); // a date that is not a number
    expect(damaged((b) => (b.write('[', 0), b))).toBeNull();
    expect(damaged((b) => Buffer.concat([b, Buffer.from('more\n')]))).toBeNull();
    expect(damaged((b) => (b[b.indexOf('\t', firstLine)] = 0x20, b))).toBeNull();
    expect(damaged((b) => b)).not.toBeNull();
  });

  it('says a changed file is not clean, so that printing sanitizes it', () => {
    const { path } = indexed(headlines(7, 20));
    const b = readFileSync(path);
    const at = b.indexOf('slug-1\t', b.indexOf('\n')); // the TSV slug column of a listing line
    b[at] = 0x1b;
    writeFileSync(path, b);
    expect(readListing(path, 'stamp-1')!.listing.clean).toBe(false);
  });

  it('handles an empty store', () => {
    const { path } = indexed([]);
    expect(readListing(path, 'stamp-1')!.listing.count).toBe(0);
    expect(findSlug(path, 'stamp-1', 'x')).toBe('absent');
  });
});
