import { describe, expect, it } from 'vitest';
import { finishArticles } from '../../src/core/articles.js';
import { baseSlug, slugify } from '../../src/core/slug.js';
import type { ArticleDraft } from '../../src/article.js';
import { rng } from '../support/rng.js';

describe('slugify', () => {
  it.each([
    ['Russia anticipates Jinping visit in the days to come', 'russia-anticipates-jinping-visit-in-the-days-to-come'],
    ['Hina Khan Hails 11 Years Of PM Modi’s Leadership; Highlights National Progress', 'hina-khan-hails-11-years-of-pm-modi-s-leadership-highlights-national-progress'],
    ['Café-Konzert in Zürich: Öffnungszeiten für Señores', 'cafe-konzert-in-zurich-offnungszeiten-fur-senores'],
    ['Straße, Smørrebrød & Æbleskiver; Łódź; Đorđe; Þór', 'strasse-smorrebrod-aebleskiver-lodz-dorde-thor'],
    ['  --Hello,   World!!--  ', 'hello-world'],
    ['EV Sales Cross 4% Mark', 'ev-sales-cross-4-mark'],
    ['ﬁne ligatures', 'fine-ligatures'],
    ['⚽ Harbour City FC', 'harbour-city-fc'],
    ['東京', ''],
  ])('%s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('slugs ASCII titles in one pass exactly as the three regular expressions do', () => {
    const { int } = rng(5);
    const byRegex = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    // Every ASCII character, often near the letters and digits' edges.
    const chars = [...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)), ...'@AZ[`az{/09:'];
    for (let n = 0; n < 20_000; n++) {
      const title = Array.from({ length: int(30) }, () => chars[int(chars.length)]).join('');
      expect(slugify(title), JSON.stringify(title)).toBe(byRegex(title)); // at most 30 characters: never cut
    }
  });

  it('slugs folded (non-ASCII) titles as lowercasing and the two replaces did', () => {
    const { int, pick } = rng(19);
    const byRegex = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    // No marks, no special folds: what is left after them is what the replaces saw.
    const pieces = ['a', 'Z', '9', '-', ' ', '--', '東', '\u212a', '\u0130', '\u00df', 'Ω', '\u2019', '!', 'ǅ'];
    for (let n = 0; n < 20_000; n++) {
      const title = `é${Array.from({ length: int(12) }, () => pick(pieces)).join('')}`;
      const folded = title.replace(/\u00df/g, 'ss').normalize('NFKD').replace(/\p{M}+/gu, '');
      expect(slugify(title), JSON.stringify(title)).toBe(byRegex(folded));
    }
  });

  it('cuts long slugs at a word boundary, at most 80 characters', () => {
    const title = 'Coastal Towns on the Northern Shore Agree a Shared Plan for Flood Barriers, Restoring Dunes, and More';
    const slug = slugify(title);
    expect(slug).toBe('coastal-towns-on-the-northern-shore-agree-a-shared-plan-for-flood-barriers');
    expect(slug.length).toBeLessThanOrEqual(80);
  });

  it('cuts a single endless word hard at 80', () => {
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(80));
  });

  it('drops marks as \\p{M} does, whatever the character', () => {
    // slugify without its shortcut for the common blocks
    const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ı: 'i' };
    const reference = (t: string) =>
      t.replace(/[ßæÆøØœŒłŁđĐþÞðÐı]/g, (ch) => FOLDS[ch] ?? ch).normalize('NFKD').replace(/\p{M}+/gu, '')
        .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    const differ: string[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      const ch = String.fromCharCode(cp);
      for (const title of [`e${ch}x`, `Caf\u00e9 ${ch}\u0301`]) if (slugify(title) !== reference(title)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });
});

describe('baseSlug', () => {
  it('keeps a valid given slug', () => {
    expect(baseSlug('my-slug-2', 'Other title', null)).toBe('my-slug-2');
  });
  it('ignores an invalid given slug', () => {
    expect(baseSlug('Not A Slug!', 'Real title', null)).toBe('real-title');
  });
  it('gives titles without Latin letters a stable hashed slug', () => {
    const a = baseSlug(null, '東京の天気', 'id-1');
    expect(a).toMatch(/^article-[0-9a-f]{8}$/);
    expect(baseSlug(null, '東京の天気', 'id-1')).toBe(a);
    expect(baseSlug(null, '東京の天気', 'id-2')).not.toBe(a);
  });
  it('never gives an all-digit slug that would read as a row number', () => {
    expect(baseSlug(null, '2025', null)).toMatch(/^article-/);
  });
});

const draft = (title: string, slug: string | null = null): ArticleDraft => ({
  slug, id: null, title, url: null, source: null, category: null, categories: [], author: null,
  publishedAt: null, updatedAt: null, summary: null, body: null, html: null, enclosures: [], image: null,
});

describe('finishArticles', () => {
  it('numbers duplicate slugs deterministically in source order', () => {
    const slugs = finishArticles([draft('Same'), draft('Same'), draft('Same')]).map((a) => a.slug);
    expect(slugs).toEqual(['same', 'same-2', 'same-3']);
  });
  it('reserves given slugs before deriving others', () => {
    const slugs = finishArticles([draft('Taken'), draft('Other', 'taken')]).map((a) => a.slug);
    expect(slugs).toEqual(['taken-2', 'taken']);
  });
  it('records source order', () => {
    expect(finishArticles([draft('A'), draft('B')]).map((a) => a.order)).toEqual([0, 1]);
  });
});
