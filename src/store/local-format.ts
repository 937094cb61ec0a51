// The local store's on-disk format (README "The local store"). Headlines and
// fetch state live in store.json; bodies live in one file per feed under
// bodies/, so listing never parses a body and marking read never rewrites one.
// Dates are ISO strings so the files stay readable by people and jq.
import type { Article, Enclosure } from '../article.js';
import { parseDate } from '../core/dates.js';
import { DataError } from '../errors.js';

export const STORE_VERSION = 1;

export interface FeedState {
  /** The feed's own title, from its last successful parse. */
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  /** 'ok', 'not-modified' or 'error'. */
  lastStatus: string | null;
  lastError: string | null;
  /** Consecutive failures. */
  failures: number;
  /** File name under bodies/ holding this feed's bodies, or null. */
  bodies: string | null;
  /** Not requested before this time (ISO): the feed's freshness, or back-off after failures. */
  nextDueAt: string | null;
  /** A server's Retry-After (ISO): honored even by --force. */
  retryAfterUntil: string | null;
  /** The server said 410 Gone: never requested again. */
  gone: boolean;
  /** Where a chain of permanent redirects led, and on how many fetches in a row. */
  movedTo: string | null;
  movedSeen: number;
  /** The subscription URL this state had before a permanent move was adopted. */
  previousUrl: string | null;
  /** Keys of articles retention dropped that the feed still lists (so they are not added again). */
  dropped: string[];
}

export interface Headline {
  slug: string;
  /** The subscription URL the article came from. */
  feed: string;
  /** Identity within the feed: id, else url, else title and date. */
  key: string;
  id: string | null;
  title: string;
  url: string | null;
  source: string | null;
  category: string | null;
  categories: string[];
  author: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  image: string | null;
  seenAt: string;
  read: boolean;
}

export interface StoreFile {
  version: number;
  feeds: Record<string, FeedState>;
  articles: Headline[];
}

export interface BodyRecord {
  summary: string | null;
  body: string | null;
  html: string | null;
  enclosures: Enclosure[];
  /** `news read --full`: the text extracted from the article's web page, kept for the next read. */
  full?: { body: string | null; html: string | null; fetchedAt: string };
}

export interface BodiesFile {
  version: number;
  feed: string;
  bodies: Record<string, BodyRecord>;
}

export function emptyStore(): StoreFile {
  return { version: STORE_VERSION, feeds: {}, articles: [] };
}

export function emptyFeedState(): FeedState {
  return {
    title: null, etag: null, lastModified: null, lastFetchedAt: null, lastStatus: null, lastError: null, failures: 0, bodies: null,
    nextDueAt: null, retryAfterUntil: null, gone: false, movedTo: null, movedSeen: 0, previousUrl: null, dropped: [],
  };
}

/**
 * Checks the shape and upgrades older versions. Version 1 is the first; a later
 * version adds a step here that rewrites the data in memory, and the next write
 * saves it in the new format.
 */
export function migrateStore(data: unknown, label: string): StoreFile {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new DataError(`${label}: not a news local store`);
  const d = data as Partial<StoreFile>;
  if (typeof d.version !== 'number') throw new DataError(`${label}: not a news local store (no version)`);
  if (d.version > STORE_VERSION) {
    throw new DataError(`${label}: written by a newer news (store version ${d.version}, this one reads ${STORE_VERSION}); upgrade news`);
  }
  if (!d.feeds || typeof d.feeds !== 'object' || !Array.isArray(d.articles)) throw new DataError(`${label}: not a news local store (no feeds or articles)`);
  // Fields added within version 1 get their defaults.
  for (const [url, state] of Object.entries(d.feeds)) d.feeds[url] = { ...emptyFeedState(), ...state };
  return d as StoreFile;
}

// Our own ISO format parses exactly with Date.parse; anything else goes through
// the full date parser (a hand-edited store).
const OWN_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
export function storedDate(s: string | null): number | null {
  if (s == null) return null;
  return OWN_ISO.test(s) ? Date.parse(s) : parseDate(s);
}

export function headlineToArticle(h: Headline, order: number, body?: BodyRecord): Article {
  return {
    slug: h.slug,
    id: h.id,
    title: h.title,
    url: h.url,
    source: h.source,
    category: h.category,
    categories: h.categories,
    author: h.author,
    publishedAt: storedDate(h.publishedAt),
    updatedAt: storedDate(h.updatedAt),
    summary: body?.summary ?? null,
    body: body?.body ?? null,
    html: body?.html ?? null,
    enclosures: body?.enclosures ?? [],
    image: h.image,
    order,
    read: h.read,
  };
}

/** The key of a subscription's state, also when a permanent move re-keyed it before the config caught up. */
export function stateKey(store: StoreFile, url: string): string {
  if (store.feeds[url]) return url;
  // Without copying the feeds into an array: a fetch asks this for every feed
  // that is new to the store (200 × 200 entries on a first fetch).
  for (const key in store.feeds) if (store.feeds[key]!.previousUrl === url) return key;
  return url;
}
