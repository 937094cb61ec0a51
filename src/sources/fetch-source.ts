// A URL given as --source: fetched once with the shared HTTP client.
import { fetchBytes, redactUrl, stripUserinfo } from '../io/http.js';
import { parseContentType } from '../io/charset.js';
import type { LoadContext } from './load.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1';

export async function fetchForReading(url: string, ctx: LoadContext) {
  const res = await fetchBytes(url, {
    userAgent: ctx.userAgent,
    accept: FEED_ACCEPT,
    env: ctx.env,
    ...(ctx.timeoutMs !== undefined && { timeoutMs: ctx.timeoutMs }),
    ...(ctx.maxBytes !== undefined && { maxBytes: ctx.maxBytes }),
    ...(ctx.signal && { signal: ctx.signal }),
  });
  return {
    bytes: res.bytes,
    httpCharset: parseContentType(res.headers['content-type'] ?? null).charset,
    // Article links resolve against the feed URL without its credentials.
    baseUrl: stripUserinfo(res.url),
    label: redactUrl(res.url),
  };
}
