// One entry point for every feed format: the text decides which parser runs.
// A document cut short keeps the complete items before the fault, with a
// warning; one that is no feed, or broken before any item, is a DataError.
import { DataError } from '../errors.js';
import { parseXml } from './xml.js';
import { parseRss, rssItems } from './rss.js';
import { atomEntries, parseAtom } from './atom.js';
import { isJsonFeed, parseJsonFeed } from './json-feed.js';
import type { FeedContent } from './feed-content.js';
import type { Utf8View } from '../io/utf8-view.js';

export type { FeedFormat } from './feed-content.js';

const ITEM_NAMES: ReadonlySet<string> = new Set(['item', 'entry']);

export interface ParsedFeed extends FeedContent {
  /** One line each, naming the label, for the user. */
  warnings: string[];
}

export interface FeedSource {
  /** Where the feed was fetched from; relative links resolve against it. */
  url?: string | null;
  /** How messages name the feed: a file name or a redacted URL. */
  label: string;
}

/** `source`: decoded text, or the bytes of a UTF-8 document (see io/utf8-view.ts). */
export function parseFeed(source: string | Utf8View, ctx: FeedSource): ParsedFeed {
  const url = ctx.url ?? null;
  const head = typeof source === 'string' ? source.slice(0, 1024) : source.head(1024);
  const first = /[^\s\ufeff]/.exec(head)?.[0];
  if (first === '{' || first === '[') return parseJsonText(typeof source === 'string' ? source : source.decoded(), url, ctx.label);
  if (first !== '<') throw new DataError(`${ctx.label}: not a feed (expected RSS, Atom or JSON Feed)`);

  // Items are drafted as they close (early-items.ts); in the rare feed whose
  // channel reads differently at the end, the document is parsed again with
  // items drafted at the end.
  const rss = rssItems(url);
  const atom = atomEntries(url);
  const { root, fault } = parseXml(source, {
    locals: ITEM_NAMES,
    close: (el, parent, top) => rss.take(el, parent, top) || atom.take(el, parent, top),
  });
  if (root === null) throw new DataError(`${ctx.label}: not a feed (no XML element found)`);
  let content: FeedContent;
  if (root.local === 'rss' || root.local === 'RDF') content = parseRss(root, url, rss) ?? parseRss(parseXml(source).root!, url)!;
  else if (root.local === 'feed') content = parseAtom(root, url, atom) ?? parseAtom(parseXml(source).root!, url)!;
  else throw new DataError(`${ctx.label}: not a feed (the document is <${root.name}>, not RSS, RDF or Atom)`);

  const warnings: string[] = [];
  if (fault !== null) {
    const n = content.drafts.length;
    if (n === 0) {
      throw new DataError(`${ctx.label}: malformed XML at line ${fault.line} (${fault.message}), before any complete item`);
    }
    warnings.push(`${ctx.label}: malformed XML at line ${fault.line}; showing the ${n} ${n === 1 ? 'item' : 'items'} before it`);
  }
  return { ...content, warnings };
}

function parseJsonText(text: string, url: string | null, label: string): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // V8 quotes a piece of the input in the message, newlines and all; keep it one line.
    const reason = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    throw new DataError(`${label}: not valid JSON (${reason})`, { cause: err });
  }
  if (!isJsonFeed(value)) throw new DataError(`${label}: not a feed (JSON without a JSON Feed "version")`);
  return { ...parseJsonFeed(value, url), warnings: [] };
}
