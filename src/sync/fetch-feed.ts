// One subscription, fetched once: a conditional GET with the stored validators
// sent back verbatim, then bytes → detect → parse. A 304 costs no parsing.
import type { ArticleDraft } from '../article.js';
import { DataError, FetchError, NewsError } from '../errors.js';
import { httpFreshness } from './schedule.js';
import type { FetchResult } from '../io/http.js';
import type { Subscription } from '../io/subscriptions.js';
import { type FeedRequest, bytesMeta, getFeed } from '../sources/fetch-source.js';
import { advertisedFeed, interpretBytes } from '../sources/interpret.js';
import type { FeedState } from '../store/local-format.js';

export type FetchSettings = FeedRequest;

export type FeedOutcome =
  | ({ status: 'ok' } & Fetched)
  | ({ status: 'not-modified' } & Revalidated)
  | { status: 'error'; message: string; httpStatus: number | null; retryAfter: string | null };

/** What every answer from the server tells about caching and moves. */
export interface Revalidated {
  /** From Cache-Control/Expires; null when the headers do not say. */
  freshnessMs: number | null;
  /** Where a chain made only of permanent redirects (301/308) led; null otherwise. */
  permanentTarget: string | null;
  /** Validators a 304 may refresh; null when the answer did not carry them. */
  etag: string | null;
  lastModified: string | null;
}

export async function fetchFeed(sub: Subscription, state: FeedState | undefined, s: FetchSettings): Promise<FeedOutcome> {
  try {
    const fetched = await fetchAndParse(sub.url, state, s);
    return fetched.notModified ? { status: 'not-modified', ...fetched } : { status: 'ok', ...fetched };
  } catch (err) {
    if (err instanceof FetchError) return { status: 'error', message: err.message, httpStatus: err.status, retryAfter: err.retryAfter };
    if (err instanceof NewsError) return { status: 'error', message: err.message, httpStatus: null, retryAfter: null };
    throw err;
  }
}

export interface Fetched extends Revalidated {
  notModified: false;
  /** The feed's URL: the one asked for, or the feed an HTML page advertised. */
  feedUrl: string;
  title: string | null;
  drafts: ArticleDraft[];
  warnings: string[];
  /** The feed's own polling hint (RSS ttl, sy:updatePeriod), in minutes. */
  ttlMinutes: number | null;
}

/** Throws the typed error (FetchError, DataError…) for the caller to report. */
export async function fetchAndParse(
  url: string,
  state: Pick<FeedState, 'etag' | 'lastModified'> | undefined,
  s: FetchSettings,
): Promise<Fetched | ({ notModified: true } & Revalidated)> {
  const headers: Record<string, string> = {};
  if (state?.etag) headers['If-None-Match'] = state.etag;
  if (state?.lastModified) headers['If-Modified-Since'] = state.lastModified;
  let feedUrl = url;
  let res = await getFeed(url, s, headers);
  const permanentTarget = res.redirects.length > 0 && res.redirects.every((r) => r.status === 301 || r.status === 308) ? res.url : null;
  if (res.status === 304) return { notModified: true, ...caching(res), permanentTarget };
  let meta = bytesMeta(res);
  let result = await interpretBytes(res.bytes, meta);
  if (result.kind === 'html') {
    // A page, not a feed: follow the feed it advertises (autodiscovery), once.
    feedUrl = advertisedFeed(result, meta.label);
    res = await getFeed(feedUrl, s);
    meta = bytesMeta(res);
    result = await interpretBytes(res.bytes, meta);
    if (result.kind === 'html') throw new DataError(`${meta.label}: not a feed (an HTML page)`);
  }
  return {
    notModified: false,
    feedUrl,
    title: result.title,
    drafts: result.drafts,
    warnings: result.warnings,
    ttlMinutes: result.ttlMinutes,
    ...caching(res),
    permanentTarget: feedUrl === url ? permanentTarget : null,
  };
}

function caching(res: FetchResult) {
  return {
    freshnessMs: httpFreshness(res.headers),
    // Validators are stored exactly as received, quotes and W/ included.
    etag: res.headers.etag ?? null,
    lastModified: res.headers['last-modified'] ?? null,
  };
}

