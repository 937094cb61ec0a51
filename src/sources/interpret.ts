// bytes → detect → parse: what a document is, decided by its content. Shared by
// `--source` reading and `news fetch`.
import { isUtf8 } from 'node:buffer';
import type { ArticleDraft } from '../article.js';
import { DETECT_WINDOW, detectKind } from '../feeds/detect.js';
import type { Utf8View } from '../io/utf8-view.js';
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

// JSON is UTF-8 by definition (RFC 8259). A document that starts like JSON, is
// not labelled otherwise and is valid UTF-8 is decoded natively, without loading
// the charset machinery (iconv-lite is a 490 KB chunk: start-up time of every
// `news list` on a store). Anything else, invalid bytes included, takes the full
// charset rules (and their windows-1252 fallback).
function utf8Json(bytes: Uint8Array, httpCharset: string | null): string | null {
  const at = jsonStart(bytes, httpCharset);
  if (at < 0) return null;
  const buf = asBuffer(bytes);
  const bom = bytes[0] === 0xef ? 3 : 0; // jsonStart accepted it, so 0xef here begins a BOM
  return isUtf8(buf) ? buf.toString('utf8', bom) : null;
}

/** Where a document that starts like JSON (and is not labelled other than UTF-8) starts; -1 otherwise. */
export function jsonStart(bytes: Uint8Array, httpCharset: string | null): number {
  if (httpCharset && !/^utf-?8$/i.test(httpCharset.trim())) return -1;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09) i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b ? i : -1;
}

/**
 * From this size on, a store wrapped as {"articles": [...]} is read from its
 * bytes, like one that is a bare array. Below it, JSON.parse of the text, which
 * is native, is the faster first run (the bundled sample store is one).
 */
export const BIG_JSON = 1 << 20;

function isStoreBytes(bytes: Uint8Array, at: number): boolean {
  if (bytes[at] === 0x5b) return true;
  if (bytes.length < BIG_JSON) return false;
  // Its first characters say whether it is a store or a JSON Feed (detect.ts).
  return detectKind(asBuffer(bytes).toString('utf8', at, at + DETECT_WINDOW)) === 'json-store';
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export async function interpretBytes(bytes: Uint8Array, meta: BytesMeta): Promise<Interpreted> {
  // A store that is an array of records (or a big one wrapped in an object):
  // parsed from the bytes, each record only when read (json-records.ts).
  const at = jsonStart(bytes, meta.httpCharset);
  if (at >= 0 && isStoreBytes(bytes, at) && isUtf8(asBuffer(bytes))) {
    const { parseStoreBytes } = await import('../store/json-store.js');
    const parsed = parseStoreBytes(asBuffer(bytes), meta.label);
    if (parsed) return { kind: 'store', drafts: parsed.drafts, title: null, warnings: parsed.warnings, ttlMinutes: null };
  }
  const json = utf8Json(bytes, meta.httpCharset);
  if (json !== null) return interpretText(json, meta);
  const charset = await import('../io/charset.js');
  // An XML feed in UTF-8 is parsed from its bytes, decoded only where the parser keeps text.
  const view = charset.utf8View(bytes, meta.httpCharset);
  if (view !== null && detectKind(view.head(DETECT_WINDOW)) === 'xml-feed') return feedResult(view, meta);
  return interpretText(view !== null ? view.decoded() : charset.decodeBytes(bytes, meta.httpCharset).text, meta);
}

async function feedResult(source: string | Utf8View, meta: BytesMeta): Promise<Interpreted> {
  const { parseFeed } = await import('../feeds/parse-feed.js');
  const feed = parseFeed(source, { url: meta.baseUrl, label: meta.label });
  return { kind: 'feed', drafts: feed.drafts, title: feed.title, warnings: feed.warnings, ttlMinutes: feed.ttlMinutes };
}

/** For text already decoded (a UTF-8 JSON file read as text: see load.ts). */
export async function interpretText(text: string, meta: BytesMeta): Promise<Interpreted> {
  const kind = detectKind(text);
  if (kind === 'json-store') {
    const { parseStoreText } = await import('../store/json-store.js');
    const { drafts, warnings } = parseStoreText(text, meta.label);
    return { kind: 'store', drafts, title: null, warnings, ttlMinutes: null };
  }
  if (kind === 'json-feed' || kind === 'xml-feed') return feedResult(text, meta);
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
