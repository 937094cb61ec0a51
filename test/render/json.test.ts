import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.js';
import { JSON_FIELDS, type JsonField, toJsonFields, toJsonObject } from '../../src/render/json.js';

const article: Article = {
  slug: 'a-b', id: 'id-1', title: 'A b', url: 'https://example.com/a', source: 'Example', category: 'World',
  categories: ['World', 'Politics'], author: 'Ann', publishedAt: Date.UTC(2025, 5, 9, 10, 44), updatedAt: null,
  summary: 'Sum', body: 'Body', html: '<p>Body</p>', enclosures: [{ url: 'https://example.com/a.mp3', type: 'audio/mpeg', length: 3 }],
  image: null, order: 0, read: false,
};

describe('toJsonFields', () => {
  it('gives every field as toJsonObject does, in the order asked for', () => {
    const full = toJsonObject(article);
    expect(toJsonFields(article, null)).toEqual(full);
    for (const f of JSON_FIELDS) expect(toJsonFields(article, [f])).toEqual({ [f]: full[f] });
    const some: JsonField[] = ['url', 'publishedAt', 'read', 'title'];
    expect(Object.entries(toJsonFields(article, some))).toEqual(some.map((f) => [f, full[f]]));
    expect(toJsonFields({ ...article, read: undefined }, ['read'])).toEqual({ read: null });
  });

  it('never reads the text fields it is not asked for', () => {
    // A feed's drafts render summary, body and html when first read (core/lazy.ts).
    const lazy = { ...article } as Record<string, unknown>;
    for (const f of ['summary', 'body', 'html']) {
      delete lazy[f];
      Object.defineProperty(lazy, f, { get: () => { throw new Error(`${f} was read`); } });
    }
    expect(toJsonFields(lazy as unknown as Article, ['slug', 'title', 'url'])).toEqual({ slug: 'a-b', title: 'A b', url: 'https://example.com/a' });
    expect(() => toJsonFields(lazy as unknown as Article, ['body'])).toThrow('body was read');
  });
});
