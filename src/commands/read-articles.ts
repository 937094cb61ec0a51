// Shared by every command that reads a source: choose it, load it, announce the
// sample store, and turn list flags into a query.
import type { Article } from '../article.js';
import type { ListQuery, SortKey } from '../core/filter.js';
import { SORT_KEYS } from '../core/filter.js';
import { parseMoment } from '../core/time-window.js';
import { NotFoundError, UsageError } from '../errors.js';
import { networkLimits } from '../io/network-limits.js';
import { type Chosen, SAMPLE_NOTICE, chooseSource } from '../sources/choose.js';
import type { Listing } from '../store/listing-index.js';
import type { HeadlineSet, IndexedListing, LocalStore } from '../store/local-store.js';
import { localStore, userAgent } from './local.js';
import { type LoadContext, loadSource, streamLocalStore } from '../sources/load.js';
import { prebuiltSample } from '../sources/sample.js';
import type { Context } from './context.js';

export interface SourceOptions {
  source?: string;
  timeout?: string;
  maxSize?: string;
}

export interface FilterOptions {
  category?: string;
  author?: string;
  search?: string;
  since?: string;
  until?: string;
  sort?: string;
  reverse?: boolean;
}

export interface ArticleSet {
  articles: Article[];
  /** What the reference resolves to, when the index answered a row number: the article's slug. */
  ref?: string;
  /** The local store when that is the source (read state lives there). */
  local: LocalStore | null;
  /** Summary, body and HTML for these articles (the local store loads them on demand). */
  fill(articles: readonly Article[]): Article[];
}

/** The source the options and environment choose, and the local store (which may be it). */
function chosenSource(o: SourceOptions, ctx: Context): { local: LocalStore; chosen: Chosen } {
  const local = localStore(ctx);
  return { local, chosen: chooseSource(o.source, ctx.env, ctx.config, () => local.exists()) };
}

/**
 * The articles of the chosen source. With `one` (the reference of `news read`,
 * `open` or `mark` and the list's filters), the local store first looks for an
 * exact slug without parsing all of it (LocalStore.lookup), then for a row number
 * of the newest-first list in the listing index: the set then holds the article
 * and those from its source (for "Recent posts"), which is all one reference
 * needs, and `ref` says which slug a row number named. A prefix or a typo needs
 * the whole list, which is read when neither finds it.
 */
export async function readArticles(
  o: SourceOptions,
  ctx: Context,
  one?: { ref: string; query: ListQuery },
  preread?: Uint8Array,
): Promise<ArticleSet> {
  const { local, chosen } = chosenSource(o, ctx);
  if (chosen.kind === 'local') {
    const hit = one && (lookupSlug(local, one.ref) ?? lookupRow(local, one.ref, one.query));
    return hit ? { articles: hit.articles, local, fill: hit.fill, ref: hit.slug } : readLocal(local);
  }
  if (chosen.kind === 'sample') {
    ctx.notice(SAMPLE_NOTICE);
    const articles = prebuiltSample(chosen.dir);
    if (articles) return { articles, local: null, fill: (a) => [...a] };
  }
  const loaded = await loadSource(chosen.source, loadContext(o, ctx), preread);
  return { articles: loaded.articles, local: null, fill: (a) => [...a] };
}

type Found = HeadlineSet & { slug: string };

function lookupSlug(local: LocalStore, slug: string): Found | null {
  const hit = local.lookup(slug);
  return hit && { ...hit, slug };
}

// Row n of `news list` with the same filters, newest first, from the listing
// index; the same "no article at row" answer as resolveRef when there is none.
function lookupRow(local: LocalStore, ref: string, query: ListQuery): Found | null {
  if (!/^\d+$/.test(ref) || query.search || (query.sort ?? 'date') !== 'date') return null;
  const n = Number(ref);
  // Newest first, the rows up to n are in the newest part of the index (row 0,
  // which does not exist, needs the whole count for the message).
  const index = local.indexed(query.reverse || n < 1 ? undefined : (part) => part.select(query).length >= n);
  if (!index) return null;
  const rows = index.listing.select(query);
  if (n < 1 || n > rows.length) throw new NotFoundError(`no article at row ${ref}: the list has ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`);
  return lookupSlug(local, index.listing.slug(rows[n - 1]!));
}

function loadContext(o: SourceOptions, ctx: Context): LoadContext {
  return {
    env: ctx.env,
    stdin: ctx.readStdin,
    warn: ctx.warn,
    userAgent: userAgent(ctx),
    // Asked for only by a URL source: making it costs every local read.
    get signal() {
      return ctx.signal;
    },
    ...networkLimits(o),
  };
}

/**
 * The articles in store order, streamed: the local store (LocalStore.stream) or
 * a JSON store file (streamLocalStore). `local` says which; `bytes` are a file's,
 * already read, when it could not be streamed (for readArticles); null when
 * neither applies.
 */
export async function readStream(
  o: SourceOptions,
  ctx: Context,
  withBodies: boolean,
): Promise<{ articles: Iterable<Article>; local: boolean } | { bytes: Uint8Array } | null> {
  const { local, chosen } = chosenSource(o, ctx);
  if (chosen.kind === 'local') {
    const articles = local.stream(withBodies);
    return articles && { articles, local: true };
  }
  if (chosen.kind !== 'given') return null;
  const streamed = await streamLocalStore(chosen.source, loadContext(o, ctx));
  return streamed && 'articles' in streamed ? { articles: streamed.articles, local: false } : streamed;
}

/** The local store's listing index (LocalStore.indexed); null when another source is chosen or there is no current index. */
export function readLocalIndex(o: SourceOptions, ctx: Context, enough?: (part: Listing) => boolean): IndexedListing | null {
  const { local, chosen } = chosenSource(o, ctx);
  return chosen.kind === 'local' ? local.indexed(enough) : null;
}

// Headlines only at first: listing must not parse every body.
function readLocal(local: LocalStore): ArticleSet {
  const store = local.read();
  return {
    articles: local.articles(store, 'none'),
    local,
    fill(articles) {
      const want = new Set(articles.map((a) => a.slug));
      const full = new Map(local.articles(store, (slug) => want.has(slug)).filter((a) => want.has(a.slug)).map((a) => [a.slug, a]));
      return articles.map((a) => full.get(a.slug) ?? a);
    },
  };
}

export function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} takes a whole number of at least 1, not "${value}"`);
  return n;
}

export function toQuery(o: FilterOptions, now: number): ListQuery {
  const sort = (o.sort ?? 'date') as SortKey;
  if (!SORT_KEYS.includes(sort)) throw new UsageError(`--sort takes ${SORT_KEYS.join(', ')}, not "${o.sort}"`);
  return {
    category: o.category ?? null,
    author: o.author ?? null,
    search: o.search ?? null,
    since: o.since === undefined ? null : parseMoment(o.since, now, '--since'),
    until: o.until === undefined ? null : parseMoment(o.until, now, '--until'),
    sort,
    reverse: o.reverse ?? false,
  };
}
