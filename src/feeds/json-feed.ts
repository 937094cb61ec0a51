// JSON Feed 1.0 and 1.1 items as ArticleDrafts (docs/feed-mapping.md). Every
// field is optional and checked on its own: a field of the wrong type is ignored,
// the rest of the item still counts.
import type { ArticleDraft } from '../article.js';
import { categoriesField, urlField } from '../core/fields.js';
import { parseDate } from '../core/dates.js';
import { Enclosures, firstAuthors, lazyDraft, firstText, firstUrl, idField, type RawText } from './draft-fields.js';
import type { FeedContent } from './feed-content.js';

type Json = Record<string, unknown>;

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/';

export function isJsonFeed(value: unknown): value is Json {
  return isObject(value) && typeof value.version === 'string' && value.version.startsWith(JSON_FEED_VERSION);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function raw(value: unknown, isHtml?: boolean): RawText | null {
  return typeof value === 'string' ? { raw: value, isHtml } : null;
}

/** `authors` (1.1) or `author` (1.0): names only. */
function authorsOf(obj: Json): (string | null)[][] {
  const list = Array.isArray(obj.authors) ? obj.authors : [];
  return [
    list.map((a) => (isObject(a) ? str(a.name) : null)),
    [isObject(obj.author) ? str(obj.author.name) : null],
  ];
}

export function parseJsonFeed(feed: Json, url: string | null): FeedContent {
  const title = firstText([raw(feed.title)]);
  const home = urlField(str(feed.home_page_url), url);
  // Relative links resolve against the fetched URL, else the home page.
  const base = url ?? home;
  const feedAuthors = authorsOf(feed);
  const items = Array.isArray(feed.items) ? feed.items : [];
  const drafts: ArticleDraft[] = [];
  for (const item of items) {
    if (isObject(item)) drafts.push(jsonItem(item, base, title, feedAuthors));
  }
  return { format: 'json-feed', title, link: home, ttlMinutes: null, drafts };
}

function jsonItem(item: Json, base: string | null, source: string | null, feedAuthors: (string | null)[][]): ArticleDraft {
  const url = firstUrl([[str(item.url), base], [str(item.external_url), base]]);
  const summaryRaw = raw(item.summary);
  const bodyCandidates = [raw(item.content_html, true), raw(item.content_text, false), summaryRaw];
  const summaryCandidates = [summaryRaw];
  const id = typeof item.id === 'number' && Number.isFinite(item.id) ? String(item.id) : str(item.id);

  const enclosures = new Enclosures();
  if (Array.isArray(item.attachments)) {
    for (const a of item.attachments) {
      // A size written as a string is the wrong type here, unlike an XML attribute.
      if (isObject(a)) enclosures.add(str(a.url), base, a.mime_type, typeof a.size_in_bytes === 'number' ? a.size_in_bytes : null);
    }
  }
  const tags = Array.isArray(item.tags) ? item.tags.map(str) : [];
  const categories = categoriesField(tags);
  const updatedAt = parseDate(str(item.date_modified));
  return lazyDraft(
    {
    id: idField(id) ?? url,
    url,
    source,
    category: categories[0] ?? null,
    categories,
    author: firstAuthors([...authorsOf(item), ...feedAuthors]),
    publishedAt: parseDate(str(item.date_published)) ?? updatedAt,
    updatedAt,
    enclosures: enclosures.list,
    image: firstUrl([[str(item.image), base], [str(item.banner_image), base]]),
    },
    raw(item.title),
    bodyCandidates,
    summaryCandidates,
  );
}
