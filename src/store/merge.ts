// Folding one feed's freshly parsed items into the local store: the same article
// (within a feed, by id, then url, then title and date) is updated in place and
// keeps its slug, read state and first-seen time; new ones are appended; beyond
// the retention limit the oldest go first. Pure: the caller does the I/O.
import { formatIsoUtc } from '../core/dates.js';
import type { ArticleDraft } from '../article.js';
import { SlugAllocator, baseSlug } from '../core/slug.js';
import type { BodyRecord, Headline, StoreFile } from './local-format.js';
import { emptyFeedState, storedDate } from './local-format.js';

export interface FeedUpdate {
  feed: string;
  drafts: readonly ArticleDraft[];
}

export interface MergeResult {
  added: number;
  updated: number;
  removed: number;
  /** The feed's bodies after the merge, by article key. */
  bodies: Record<string, BodyRecord>;
}

const titleDateKey = (title: string, publishedAt: string | null) => `t:${title}\u0000${publishedAt ?? ''}`;

function keyOf(d: ArticleDraft): string {
  if (d.id) return `id:${d.id}`;
  if (d.url) return `url:${d.url}`;
  return titleDateKey(d.title, formatIsoUtc(d.publishedAt));
}

export function mergeFeed(
  store: StoreFile,
  update: FeedUpdate,
  oldBodies: Record<string, BodyRecord>,
  now: number,
  retention: number,
  /** Every slug of the store, shared by all feeds merged in one commit. */
  slugs: SlugAllocator,
  /** The store's articles by feed, built once per commit (scanning the whole store per feed costs 200 × 100,000). */
  byFeed: Map<string, Headline[]> = indexByFeed(store),
): MergeResult {
  const byId = new Map<string, Headline>();
  const byUrl = new Map<string, Headline>();
  const byTitleDate = new Map<string, Headline>();
  let mine = byFeed.get(update.feed);
  if (!mine) byFeed.set(update.feed, (mine = []));
  for (const h of mine) {
    if (h.id) byId.set(h.id, h);
    if (h.url) byUrl.set(h.url, h);
    byTitleDate.set(titleDateKey(h.title, h.publishedAt), h);
  }

  const bodies: Record<string, BodyRecord> = { ...oldBodies };
  const state = (store.feeds[update.feed] ??= emptyFeedState());
  const dropped = new Set(state.dropped);
  const currentKeys = new Set<string>();
  const seenAt = formatIsoUtc(now)!;
  let added = 0;
  let updated = 0;
  const matched = new Set<Headline>();
  for (const d of update.drafts) {
    const publishedAt = formatIsoUtc(d.publishedAt);
    // An id is the identity when there is one: two items with different guids that
    // link to the same page (a front page) are two articles. Without an id, the
    // URL, then title and date.
    const existing = d.id
      ? byId.get(d.id)
      : (d.url ? byUrl.get(d.url) : undefined) ?? byTitleDate.get(titleDateKey(d.title, publishedAt));
    const key = keyOf(d);
    currentKeys.add(key);
    // An item retention already dropped stays dropped while the feed still lists it.
    if (!existing && dropped.has(key)) continue;
    // A feed listing the same item twice must not update one article twice.
    if (existing && matched.has(existing)) continue;
    const fields = {
      id: own(d.id), title: own(d.title), url: own(d.url), source: own(d.source), category: own(d.category), categories: d.categories.map(own),
      author: own(d.author), publishedAt, updatedAt: formatIsoUtc(d.updatedAt), image: own(d.image),
    };
    const body: BodyRecord = { summary: d.summary, body: d.body, html: d.html, enclosures: d.enclosures };
    if (existing) {
      matched.add(existing);
      const before = bodies[existing.key];
      if (changed(existing, fields) || changedBody(before, body)) updated++;
      // The reader view's full text (news read --full) stays while the link does.
      if (before?.full && existing.url === fields.url) body.full = before.full;
      Object.assign(existing, fields);
      bodies[existing.key] = body;
      continue;
    }
    const h: Headline = { slug: slugs.allocate(baseSlug(null, d.title, d.id)), feed: update.feed, key, ...fields, seenAt, read: false };
    // Keys must stay unique within the feed even when a feed reuses a title and date.
    while (bodies[h.key]) h.key += '+';
    store.articles.push(h);
    mine.push(h);
    matched.add(h);
    bodies[h.key] = body;
    if (h.id) byId.set(h.id, h);
    if (h.url) byUrl.set(h.url, h);
    byTitleDate.set(titleDateKey(h.title, h.publishedAt), h);
    added++;
  }
  const removedKeys = applyRetention(store, mine, bodies, retention);
  if (removedKeys.length) {
    const gone = new Set(removedKeys);
    byFeed.set(update.feed, mine.filter((h) => !gone.has(h.key)));
  }
  // Remember what retention dropped, but only for as long as the feed lists it.
  const justDropped = new Set(removedKeys);
  state.dropped = [...new Set([...state.dropped, ...removedKeys])].filter((k) => currentKeys.has(k) || justDropped.has(k));
  return { added, updated, removed: removedKeys.length, bodies };
}

/**
 * A copy of a string parsed from a feed that does not keep the feed's whole
 * text alive. V8 makes a substring a "slice" that points into its parent, so a
 * headline's title kept in the store held on to its feed's entire decoded text
 * (about 90 KB each): most of what `news fetch` kept in memory. A JSON round
 * trip copies any string exactly, lone surrogates included.
 */
export function own<T extends string | null>(s: T): T {
  return (s === null || s.length < 13 ? s : JSON.parse(JSON.stringify(s))) as T;
}

export function slugsOf(store: StoreFile): SlugAllocator {
  const slugs = new SlugAllocator();
  for (const h of store.articles) slugs.allocate(h.slug);
  return slugs;
}

function changed(h: Headline, f: Partial<Headline>): boolean {
  return (Object.keys(f) as (keyof Headline)[]).some((k) => JSON.stringify(h[k]) !== JSON.stringify(f[k]));
}

function changedBody(a: BodyRecord | undefined, b: BodyRecord): boolean {
  if (!a) return true;
  const { full: _full, ...feedPart } = a;
  return JSON.stringify(feedPart) !== JSON.stringify(b);
}

export function indexByFeed(store: StoreFile): Map<string, Headline[]> {
  const byFeed = new Map<string, Headline[]>();
  for (const h of store.articles) {
    const list = byFeed.get(h.feed);
    if (list) list.push(h);
    else byFeed.set(h.feed, [h]);
  }
  return byFeed;
}

/** Keeps the newest `retention` of a feed's articles (undated ones by first-seen time); returns the keys dropped. */
export function applyRetention(store: StoreFile, mine: readonly Headline[], bodies: Record<string, BodyRecord>, retention: number): string[] {
  if (mine.length <= retention) return [];
  const age = (h: Headline) => storedDate(h.publishedAt) ?? storedDate(h.seenAt) ?? 0;
  const drop = new Set([...mine].sort((a, b) => age(b) - age(a)).slice(retention));
  store.articles = store.articles.filter((h) => !drop.has(h));
  for (const h of drop) delete bodies[h.key];
  return [...drop].map((h) => h.key);
}
