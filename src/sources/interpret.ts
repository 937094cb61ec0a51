// bytes → detect → parse: what a document is, decided by its content. Shared by
// `--source` reading and `news fetch`.
import type { ArticleDraft } from '../article.js';
import { decodeBytes } from '../io/charset.js';
import { detectKind } from '../feeds/detect.js';
import { DataError } from '../errors.js';

export interface BytesMeta {
  label: string;
  httpCharset: string | null;
  /** The URL the bytes came from, for relative links; null for files. */
  baseUrl: string | null;
}

export type Interpreted =
  | { kind: 'store' | 'feed'; drafts: ArticleDraft[]; title: string | null; warnings: string[]; ttlMinutes: number | null }
  | { kind: 'html'; feedLinks: { url: string; type: string; title: string | null }[] };

export async function interpretBytes(bytes: Uint8Array, meta: BytesMeta): Promise<Interpreted> {
  const { text } = decodeBytes(bytes, meta.httpCharset);
  const kind = detectKind(text);
  if (kind === 'json-store') {
    const { parseStoreText } = await import('../store/json-store.js');
    const { drafts, warnings } = parseStoreText(text, meta.label);
    return { kind: 'store', drafts, title: null, warnings, ttlMinutes: null };
  }
  if (kind === 'json-feed' || kind === 'xml-feed') {
    const { parseFeed } = await import('../feeds/parse-feed.js');
    const feed = parseFeed(text, { url: meta.baseUrl, label: meta.label });
    return { kind: 'feed', drafts: feed.drafts, title: feed.title, warnings: feed.warnings, ttlMinutes: feed.ttlMinutes };
  }
  if (kind === 'html') {
    const { findFeedLinks } = await import('../feeds/discover.js');
    return { kind: 'html', feedLinks: findFeedLinks(text, meta.baseUrl) };
  }
  throw new DataError(`${meta.label}: not a news store or feed (expected JSON, RSS, Atom or JSON Feed)`);
}

/** The feed an HTML page advertises, or a clear "not a feed" error. */
export function advertisedFeed(result: Extract<Interpreted, { kind: 'html' }>, label: string): string {
  const target = result.feedLinks[0];
  if (!target) throw new DataError(`${label}: not a feed (an HTML page that advertises no feed)`);
  return target.url;
}
