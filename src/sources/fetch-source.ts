// Asking a server for a feed: the one request shape --source URLs, autodiscovery
// and news fetch all use, and what a response says about the bytes it carries.
import { type FetchResult, fetchBytes, redactUrl, stripUserinfo } from '../io/http.js';
import { parseContentType } from '../io/charset.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1';

export interface FeedRequest {
  userAgent: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export function getFeed(url: string, s: FeedRequest, headers: Record<string, string> = {}): Promise<FetchResult> {
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

export function bytesMeta(res: FetchResult) {
  return {
    label: redactUrl(res.url),
    httpCharset: parseContentType(res.headers['content-type'] ?? null).charset,
    // Article links resolve against the feed URL without its credentials.
    baseUrl: stripUserinfo(res.url),
  };
}

/** A URL given as --source: fetched once. */
export async function fetchForReading(url: string, s: FeedRequest) {
  const res = await getFeed(url, s);
  return { bytes: res.bytes, ...bytesMeta(res) };
}
