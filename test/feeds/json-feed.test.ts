import { plainDraft } from '../support/plain-draft.js';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import type { ArticleDraft } from '../../src/article.js';
import { DataError } from '../../src/errors.js';

function jsonFeed(items: unknown[], top: Record<string, unknown> = {}, url: string | null = null) {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'JF',
    home_page_url: 'https://j.example/',
    ...top,
    items,
  };
  return parseFeed(JSON.stringify(feed), { url, label: 'feed.json' });
}

function item(it: Record<string, unknown>, top?: Record<string, unknown>, url?: string | null): ArticleDraft {
  const feed = jsonFeed([it], top, url);
  expect(feed.drafts).toHaveLength(1);
  return plainDraft(feed.drafts[0]!);
}

describe('JSON Feed', () => {
  it('reads format, title and link', () => {
    const feed = jsonFeed([{ id: '1', title: 'a' }]);
    expect(feed).toMatchObject({ format: 'json-feed', title: 'JF', link: 'https://j.example/', warnings: [] });
    expect(feed.drafts[0]!.source).toBe('JF');
  });

  it.each<[string, Record<string, unknown>, Partial<ArticleDraft>]>([
    ['plain title', { title: 'Tom &amp; Jerry' }, { title: 'Tom &amp; Jerry' }],
    ['HTML title only with tags', { title: '<b>Bold</b> &amp; co' }, { title: 'Bold & co' }],
    ['untitled', { content_text: 'Some body text' }, { title: 'Some body text' }],
    ['numeric id', { id: 42 }, { id: '42' }],
    ['id trimmed, else url', { id: '  ', url: 'https://j.example/1' }, { id: 'https://j.example/1' }],
    ['url then external_url', { external_url: 'https://ext.example/' }, { url: 'https://ext.example/' }],
    ['relative url against the home page', { url: '/p/1' }, { url: 'https://j.example/p/1' }],
    ['javascript: url dropped', { url: 'javascript:alert(1)' }, { url: null }],
    ['content_html', { content_html: '<p>A</p><p>B</p>', content_text: 'plain' }, { body: 'A\n\nB' }],
    ['content_text is never HTML', { content_text: 'a <b> c' }, { body: 'a <b> c', html: null }],
    ['summary', { summary: 'S' }, { summary: 'S', body: 'S' }],
    ['dates', { date_published: '2024-03-04T05:06:07Z', date_modified: '2024-03-05T00:00:00Z' },
      { publishedAt: Date.UTC(2024, 2, 4, 5, 6, 7), updatedAt: Date.UTC(2024, 2, 5) }],
    ['published falls back to modified', { date_modified: '2024-03-05T00:00:00Z' }, { publishedAt: Date.UTC(2024, 2, 5) }],
    ['1.1 authors', { authors: [{ name: 'A' }, { name: 'B' }, { url: 'x' }] }, { author: 'A, B' }],
    ['1.0 author', { author: { name: 'Solo' } }, { author: 'Solo' }],
    ['tags', { tags: ['x', ' y ', 3, 'x'] }, { categories: ['x', 'y'], category: 'x' }],
    ['attachments', { attachments: [{ url: 'https://j.example/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5 }, { url: 'b.mp3', size_in_bytes: 1.5 }, { url: 'c.mp3', size_in_bytes: '7', mime_type: 3 }, 'junk'] },
      { enclosures: [{ url: 'https://j.example/a.mp3', type: 'audio/mpeg', length: 5 }, { url: 'https://j.example/b.mp3', type: null, length: null },
        { url: 'https://j.example/c.mp3', type: null, length: null }] }],
    ['image then banner_image', { banner_image: 'https://j.example/b.png' }, { image: 'https://j.example/b.png' }],
    ['wrong types ignored field by field', { id: { x: 1 }, title: ['t'], url: 5, tags: 'tag', content_html: 7, summary: 'kept' },
      { id: null, url: null, categories: [], summary: 'kept', title: 'kept' }],
  ])('%s', (_name, it, expected) => {
    expect(item(it)).toMatchObject(expected);
  });

  it('inherits feed authors', () => {
    expect(item({ title: 't' }, { authors: [{ name: 'Feed' }] }).author).toBe('Feed');
    expect(item({ title: 't' }, { version: 'https://jsonfeed.org/version/1', author: { name: 'Old' } }).author).toBe('Old');
  });

  it('skips items that are not objects and tolerates missing items', () => {
    expect(jsonFeed([null, 1, { title: 'ok' }]).drafts.map((d) => d.title)).toEqual(['ok']);
    expect(parseFeed('{"version":"https://jsonfeed.org/version/1.1"}', { label: 'f.json' }).drafts).toEqual([]);
  });

  it.each([
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", items: [}', /^f\.json: not valid JSON \(/],
    ['not a JSON feed', '{"articles": []}', /^f\.json: not a feed/],
  ])('rejects %s with a DataError naming the label', (_name, text, message) => {
    expect(() => parseFeed(text, { label: 'f.json' })).toThrow(DataError);
    expect(() => parseFeed(text, { label: 'f.json' })).toThrow(message);
  });
});
