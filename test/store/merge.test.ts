import { describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../src/article.js';
import type { SlugAllocator } from '../../src/core/slug.js';
import { type BodyRecord, type StoreFile, emptyFeedState, emptyStore } from '../../src/store/local-format.js';
import { mergeFeed, slugsOf } from '../../src/store/merge.js';

const T0 = Date.parse('2025-06-09T11:00:00Z');
const HOUR = 3_600_000;
const A = 'https://a.example/feed';
const B = 'https://b.example/feed';

function draft(title: string, o: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    id: null, title, url: null, source: 'Source', category: null, categories: [], author: null,
    publishedAt: null, updatedAt: null, summary: null, body: `Body of ${title}`, html: null, enclosures: [], image: null,
    ...o,
  };
}

/** A store with its feeds' bodies, merged into the way `news fetch` does it. */
class Fixture {
  store: StoreFile = emptyStore();
  bodies = new Map<string, Record<string, BodyRecord>>();

  merge(feed: string, drafts: ArticleDraft[], o: { now?: number; retention?: number; slugs?: SlugAllocator } = {}) {
    this.store.feeds[feed] ??= emptyFeedState();
    const result = mergeFeed(this.store, { feed, drafts }, this.bodies.get(feed) ?? {}, o.now ?? T0, o.retention ?? 1000, o.slugs ?? slugsOf(this.store));
    this.bodies.set(feed, result.bodies);
    return { added: result.added, updated: result.updated, removed: result.removed };
  }

  get slugs() {
    return this.store.articles.map((h) => h.slug);
  }

  article(slug: string) {
    const h = this.store.articles.find((a) => a.slug === slug);
    if (!h) throw new Error(`no article ${slug}`);
    return h;
  }
}

describe('mergeFeed: new articles', () => {
  it('appends them with a slug, a key, the time first seen and read: false', () => {
    const f = new Fixture();
    const published = Date.parse('2025-06-09T10:30:00Z');
    expect(f.merge(A, [draft('Harbour bridge reopens', { id: 'g1', url: 'https://a.example/1', publishedAt: published, categories: ['Local'], category: 'Local' })]))
      .toEqual({ added: 1, updated: 0, removed: 0 });
    expect(f.store.articles).toEqual([
      {
        slug: 'harbour-bridge-reopens', feed: A, key: 'id:g1', id: 'g1', title: 'Harbour bridge reopens', url: 'https://a.example/1',
        source: 'Source', category: 'Local', categories: ['Local'], author: null, publishedAt: '2025-06-09T10:30:00Z', updatedAt: null,
        image: null, seenAt: '2025-06-09T11:00:00Z', read: false,
      },
    ]);
    expect(f.bodies.get(A)).toEqual({ 'id:g1': { summary: null, body: 'Body of Harbour bridge reopens', html: null, enclosures: [] } });
  });

  it.each([
    ['an id', draft('T', { id: 'x1', url: 'https://a.example/x' }), 'id:x1'],
    ['a URL and no id', draft('T', { url: 'https://a.example/x' }), 'url:https://a.example/x'],
    ['neither: title and date', draft('T', { publishedAt: T0 }), 't:T\u00002025-06-09T11:00:00Z'],
    ['neither, undated', draft('T'), 't:T\u0000'],
  ])('keys an item with %s', (_, d, key) => {
    const f = new Fixture();
    f.merge(A, [d]);
    expect(f.store.articles[0]!.key).toBe(key);
  });
});

describe('mergeFeed: the same article again', () => {
  it.each([
    ['by id (title and URL changed)', draft('Old', { id: 'g1', url: 'https://a.example/old' }), draft('New', { id: 'g1', url: 'https://a.example/new' })],
    ['by URL when there is no id', draft('Old', { url: 'https://a.example/1' }), draft('New', { url: 'https://a.example/1' })],
    ['by title and date when there is neither', draft('Same', { publishedAt: T0, body: 'old' }), draft('Same', { publishedAt: T0, body: 'new' })],
  ])('is found %s and updated in place, keeping slug, read state and first-seen time', (_, first, second) => {
    const f = new Fixture();
    f.merge(A, [first]);
    const slug = f.slugs[0]!;
    f.article(slug).read = true;
    expect(f.merge(A, [second], { now: T0 + HOUR })).toEqual({ added: 0, updated: 1, removed: 0 });
    expect(f.store.articles).toHaveLength(1);
    const h = f.article(slug);
    expect([h.title, h.url, h.read, h.seenAt]).toEqual([second.title, second.url, true, '2025-06-09T11:00:00Z']);
    expect(f.bodies.get(A)![h.key]!.body).toBe(second.body);
  });

  it('counts an article as updated only when something changed, the body included', () => {
    const f = new Fixture();
    const d = draft('Stable', { id: 'g1' });
    f.merge(A, [d]);
    expect(f.merge(A, [d], { now: T0 + HOUR })).toEqual({ added: 0, updated: 0, removed: 0 });
    expect(f.merge(A, [{ ...d, body: 'Edited body' }], { now: T0 + 2 * HOUR })).toEqual({ added: 0, updated: 1, removed: 0 });
    expect(f.bodies.get(A)!['id:g1']!.body).toBe('Edited body');
  });

  it('takes an item listed twice in one feed once', () => {
    const f = new Fixture();
    const d = draft('Twice', { id: 'g1' });
    expect(f.merge(A, [d, { ...d, title: 'Twice, edited' }])).toEqual({ added: 1, updated: 0, removed: 0 });
    expect(f.merge(A, [d, d], { now: T0 + HOUR })).toEqual({ added: 0, updated: 0, removed: 0 });
    expect(f.store.articles.map((h) => h.title)).toEqual(['Twice']);
  });

  it('never matches an article of another feed', () => {
    const f = new Fixture();
    f.merge(A, [draft('Shared story', { id: 'g1' })]);
    expect(f.merge(B, [draft('Shared story', { id: 'g1' })])).toEqual({ added: 1, updated: 0, removed: 0 });
    expect(f.store.articles.map((h) => [h.feed, h.slug])).toEqual([
      [A, 'shared-story'],
      [B, 'shared-story-2'],
    ]);
  });

  // Regression (was a bug in src/store/merge.ts, mergeFeed): lookup falls through from id to URL even
  // when the item has an id, so a second item with its own guid but the same link
  // (feeds that link every item to the front page do this) is taken for the first
  // and silently dropped; across fetches it would overwrite the first in place.
  it('keeps two items with different ids that share a URL', () => {
    const f = new Fixture();
    const r = f.merge(A, [
      draft('Morning briefing', { id: 'g1', url: 'https://a.example/' }),
      draft('Evening briefing', { id: 'g2', url: 'https://a.example/' }),
    ]);
    expect(r).toEqual({ added: 2, updated: 0, removed: 0 });
    expect(f.slugs).toEqual(['morning-briefing', 'evening-briefing']);
  });
});

describe('mergeFeed: the reader view cache', () => {
  it('keeps the --full text across fetches while the link stays, and does not count it as an update', () => {
    const f = new Fixture();
    const item = draft('Long read', { id: 'g1', url: 'https://a.example/long' });
    f.merge(A, [item]);
    const full = { body: 'The whole story', html: null, fetchedAt: '2025-06-09T11:00:00Z' };
    f.bodies.get(A)!['id:g1']!.full = full;
    expect(f.merge(A, [item], { now: T0 + HOUR })).toEqual({ added: 0, updated: 0, removed: 0 });
    expect(f.bodies.get(A)!['id:g1']!.full).toEqual(full);
    f.merge(A, [draft('Long read', { id: 'g1', url: 'https://a.example/moved' })], { now: T0 + 2 * HOUR });
    expect(f.bodies.get(A)!['id:g1']!.full).toBeUndefined();
  });
});

describe('mergeFeed: slugs', () => {
  it('are unique across feeds merged in one commit and against the store', () => {
    const f = new Fixture();
    f.merge(A, [draft('Weather')]);
    const slugs = slugsOf(f.store);
    f.merge(A, [draft('Weather', { publishedAt: T0 }), draft('News')], { slugs });
    f.merge(B, [draft('Weather'), draft('News')], { slugs });
    expect(f.slugs).toEqual(['weather', 'weather-2', 'news', 'weather-3', 'news-2']);
  });
});

describe('mergeFeed: retention', () => {
  const dated = (n: number) => draft(`Day ${n}`, { id: `d${n}`, publishedAt: Date.parse(`2025-06-0${n}T12:00:00Z`) });

  it('keeps the newest `retention` articles of the feed and drops the bodies of the rest', () => {
    const f = new Fixture();
    expect(f.merge(A, [dated(3), dated(1), dated(5), dated(2), dated(4)], { retention: 3 })).toEqual({ added: 5, updated: 0, removed: 2 });
    expect(f.slugs.sort()).toEqual(['day-3', 'day-4', 'day-5']);
    expect(Object.keys(f.bodies.get(A)!).sort()).toEqual(['id:d3', 'id:d4', 'id:d5']);
  });

  it('ages undated articles by when they were first seen', () => {
    const f = new Fixture();
    f.merge(A, [draft('Seen first', { id: 'u1' }), dated(8)]);
    // Seen today at 11:00 and 12:00: both newer than an article published yesterday.
    f.merge(A, [draft('Seen later', { id: 'u2' })], { now: T0 + HOUR, retention: 2 });
    expect(f.slugs).toEqual(['seen-first', 'seen-later']);
    f.merge(A, [], { now: T0 + 2 * HOUR, retention: 1 });
    expect(f.slugs).toEqual(['seen-later']);
  });

  it('leaves other feeds alone', () => {
    const f = new Fixture();
    f.merge(B, [dated(1), dated(2)]);
    f.merge(A, [dated(3), dated(4), dated(5)], { retention: 1 });
    expect(f.store.articles.map((h) => `${h.feed === A ? 'A' : 'B'}:${h.slug}`)).toEqual(['B:day-1', 'B:day-2', 'A:day-5']);
  });

  // Regression (was a bug in src/store/merge.ts, mergeFeed + applyRetention): items that retention
  // dropped are not remembered, so the next fetch of the same feed adds them again
  // with a fresh seenAt. Dated ones are dropped again but counted as new every time
  // (see fetch.test.ts); undated ones are now the "newest" and push out the
  // articles that were kept, which lose their slug and read state.
  it('changes nothing when the same feed is merged again (undated items beyond retention)', () => {
    const f = new Fixture();
    const items = [1, 2, 3, 4].map((n) => draft(`Undated ${n}`, { id: `u${n}` }));
    f.merge(A, items, { retention: 2 });
    for (const h of f.store.articles) h.read = true;
    const kept = structuredClone(f.store.articles);
    expect(f.merge(A, items, { now: T0 + HOUR, retention: 2 })).toEqual({ added: 0, updated: 0, removed: 0 });
    expect(f.store.articles).toEqual(kept);
  });
});
