// `news read <ref> --full`: the article's whole text from its web page, for feeds
// that publish only a summary. In the local store the extracted text is kept with
// the article's body (`full` on its BodyRecord), so the next `--full` is instant and
// works offline; other sources are fetched every time.
import { formatIsoUtc } from '../core/dates.js';
import type { Article } from '../article.js';
import { UsageError } from '../errors.js';
import { type BodyRecord } from '../store/local-format.js';
import type { LocalStore } from '../store/local-store.js';
import { type PageOptions, articleOfPage, fetchPage } from './page-source.js';

type FullText = NonNullable<BodyRecord['full']>;

export interface FullTextOptions extends PageOptions {
  /** When the text was fetched, for `fetchedAt`. */
  now: number;
}

export async function withFullText(article: Article, local: LocalStore | null, o: FullTextOptions): Promise<Article> {
  const cached = local ? cachedFullText(local, article.slug) : null;
  if (cached) return replaceBody(article, cached);
  if (!article.url) throw new UsageError(`--full fetches the article's web page, but "${article.slug}" has no URL`);
  const draft = articleOfPage(await fetchPage(article.url, o));
  const full: FullText = { body: draft.body, html: draft.html, fetchedAt: formatIsoUtc(o.now)! };
  if (local) await saveFullText(local, article.slug, full);
  return replaceBody(article, full);
}

function cachedFullText(local: LocalStore, slug: string): FullText | null {
  const store = local.read();
  const h = store.articles.find((a) => a.slug === slug);
  if (!h) return null;
  const full: unknown = local.readBodies(store.feeds[h.feed]?.bodies ?? null)[h.key]?.full;
  return isFullText(full) ? full : null;
}

// A hand-edited or damaged cache entry is fetched again rather than trusted.
function isFullText(v: unknown): v is FullText {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  const text = (x: unknown) => x === null || typeof x === 'string';
  return text(f.body) && text(f.html) && typeof f.fetchedAt === 'string' && (f.body !== null || f.html !== null);
}

function saveFullText(local: LocalStore, slug: string, full: FullText): Promise<void> {
  return local.commit((store, bodies) => {
    // Looked up again under the lock: a fetch may have dropped the article meanwhile.
    const h = store.articles.find((a) => a.slug === slug);
    if (!h || !store.feeds[h.feed]) return;
    const records = bodies.get(h.feed);
    const record: BodyRecord = records[h.key] ?? { summary: null, body: null, html: null, enclosures: [] };
    records[h.key] = { ...record, full };
    bodies.set(h.feed, records);
  });
}

// Both kinds of article take the assignment: plain objects (the local store)
// directly, lazy drafts (feeds, stores) through their body/html setters.
function replaceBody(a: Article, full: FullText): Article {
  a.body = full.body;
  a.html = full.html;
  return a;
}
