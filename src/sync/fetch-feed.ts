// One subscription, fetched once: a conditional GET with the stored validators
// sent back verbatim, then bytes → detect → parse. A 304 costs no parsing.
import type { ArticleDraft } from '../article.js';
import { DataError, NewsError } from '../errors.js';
import { type FetchResult, fetchBytes, redactUrl, stripUserinfo } from '../io/http.js';
import { parseContentType } from '../io/charset.js';
import type { Subscription } from '../io/subscriptions.js';
import { FEED_ACCEPT } from '../sources/fetch-source.js';
import { advertisedFeed, interpretBytes } from '../sources/interpret.js';
import type { FeedState } from '../store/local-format.js';

export interface FetchSettings {
  userAgent: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export type FeedOutcome =
  | ({ status: 'ok' } & Fetched)
  | { status: 'not-modified' }
  | { status: 'error'; message: string };

export async function fetchFeed(sub: Subscription, state: FeedState | undefined, s: FetchSettings): Promise<FeedOutcome> {
  try {
    const fetched = await fetchAndParse(sub.url, state, s);
    return fetched === 'not-modified' ? { status: 'not-modified' } : { status: 'ok', ...fetched };
  } catch (err) {
    if (err instanceof NewsError) return { status: 'error', message: err.message };
    throw err;
  }
}

export interface Fetched {
  /** The feed's URL: the one asked for, or the feed an HTML page advertised. */
  feedUrl: string;
  title: string | null;
  drafts: ArticleDraft[];
  etag: string | null;
  lastModified: string | null;
  warnings: string[];
}

/** Throws the typed error (FetchError, DataError…) for the caller to report. */
export async function fetchAndParse(url: string, state: Pick<FeedState, 'etag' | 'lastModified'> | undefined, s: FetchSettings): Promise<Fetched | 'not-modified'> {
  const headers: Record<string, string> = {};
  if (state?.etag) headers['If-None-Match'] = state.etag;
  if (state?.lastModified) headers['If-Modified-Since'] = state.lastModified;
  let feedUrl = url;
  let res = await get(url, headers, s);
  if (res.status === 304) return 'not-modified';
  let meta = metaOf(res);
  let result = await interpretBytes(res.bytes, meta);
  if (result.kind === 'html') {
    // A page, not a feed: follow the feed it advertises (autodiscovery), once.
    feedUrl = advertisedFeed(result, meta.label);
    res = await get(feedUrl, {}, s);
    meta = metaOf(res);
    result = await interpretBytes(res.bytes, meta);
    if (result.kind === 'html') throw new DataError(`${meta.label}: not a feed (an HTML page)`);
  }
  return {
    feedUrl,
    title: result.title,
    drafts: result.drafts,
    // Validators are stored exactly as received, quotes and W/ included.
    etag: res.headers.etag ?? null,
    lastModified: res.headers['last-modified'] ?? null,
    warnings: result.warnings,
  };
}

function get(url: string, headers: Record<string, string>, s: FetchSettings): Promise<FetchResult> {
  return fetchBytes(url, {
    userAgent: s.userAgent,
    accept: FEED_ACCEPT,
    headers,
    env: s.env,
    ...(s.timeoutMs !== undefined && { timeoutMs: s.timeoutMs }),
    ...(s.maxBytes !== undefined && { maxBytes: s.maxBytes }),
    ...(s.signal && { signal: s.signal }),
  });
}

function metaOf(res: FetchResult) {
  return {
    label: redactUrl(res.url),
    httpCharset: parseContentType(res.headers['content-type'] ?? null).charset,
    baseUrl: stripUserinfo(res.url),
  };
}
