// `news list`: headlines as a table on a terminal, TSV when piped, JSON/NDJSON on request.
import type { Article } from '../article.js';
import { type ListQuery, filtersHeadlines, matches, selectArticles } from '../core/filter.js';
import { relativeTime } from '../core/relative-time.js';
import { UsageError } from '../errors.js';
import { JSON_FIELDS, type JsonField, stringifyJson, toJsonFields } from '../render/json.js';
import { sanitize } from '../render/sanitize.js';
import { tsvLine } from '../render/tsv.js';
import type { Listing } from '../store/listing-index.js';
import type { IndexedListing } from '../store/local-store.js';
import type { Context } from './context.js';
import { type FilterOptions, type SourceOptions, positiveInteger, readArticles, readLocalIndex, readStream, toQuery } from './read-articles.js';

export interface ListOptions extends SourceOptions, FilterOptions {
  limit?: string;
  all?: boolean;
  width?: string;
  unread?: boolean;
  json?: boolean;
  ndjson?: boolean;
  fields?: string;
}

const BODY_FIELDS: readonly JsonField[] = ['summary', 'body', 'html', 'enclosures'];

const UNREAD_NEEDS_LOCAL = '--unread needs the local store (read state is kept there): subscribe and run "news fetch"';

// Beyond this many JSON rows, reading each headline by its line costs more than
// parsing store.json once.
const INDEXED_ROWS_MAX = 2_000;

// Lines a table needs besides its rows: top border, head, head rule, bottom
// border, footer, and the shell prompt after it.
const TABLE_CHROME = 6;

export function parseFields(spec: string | undefined): JsonField[] | null {
  if (spec === undefined) return null;
  const fields = spec.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = fields.filter((f) => !(JSON_FIELDS as readonly string[]).includes(f));
  if (unknown.length || fields.length === 0) {
    throw new UsageError(`--fields: unknown field ${unknown.map((f) => `"${f}"`).join(', ') || '(none given)'}; fields are ${JSON_FIELDS.join(', ')}`);
  }
  return fields as JsonField[];
}

export async function runList(o: ListOptions, ctx: Context): Promise<void> {
  if (o.json && o.ndjson) throw new UsageError('choose one of --json and --ndjson');
  const fields = parseFields(o.fields);
  if (fields && !o.json && !o.ndjson) throw new UsageError('--fields works with --json or --ndjson');
  if (o.all && o.limit !== undefined) throw new UsageError('choose one of --all and --limit');
  const limit = o.limit === undefined ? null : positiveInteger(o.limit, '--limit');
  const width = o.width === undefined ? ctx.columns : positiveInteger(o.width, '--width');
  const query: ListQuery = { ...toQuery(o, ctx.now), unread: o.unread ?? false };

  // Bodies are loaded only when something reads them: --search, or JSON fields.
  const needBodies = !!(o.json || o.ndjson) && (!fields || fields.some((f) => BODY_FIELDS.includes(f)));
  // In store order, the local store is streamed: output starts at once, and only
  // one headline is held at a time (a 100,000-article store included).
  let preread: Uint8Array | undefined;
  if (query.sort === 'feed' && !query.reverse && (o.json || o.ndjson || !ctx.isTTY)) {
    const stream = await readStream(o, ctx, needBodies || query.search != null);
    if (stream && 'articles' in stream) {
      if (o.unread && !stream.local) throw new UsageError(UNREAD_NEEDS_LOCAL);
      return writeArticles(chosen(stream.articles, query, limit), o, fields, ctx);
    }
    preread = stream?.bytes;
  }

  // Newest first from the local store: its listing index, when it is current.
  // (Unfiltered JSON of more rows than the index serves goes straight to
  // store.json: reading the index first would only add its text to the peak.)
  const tooManyRows = (o.json || o.ndjson) && !filtersHeadlines(query) && (limit ?? Infinity) > INDEXED_ROWS_MAX;
  if (query.sort === 'date' && !query.search && !tooManyRows) {
    // With a limit and no table (which counts everything in its footer), only the
    // newest part of the index that holds enough matches is read.
    const table = ctx.isTTY && !o.json && !o.ndjson;
    const enough = limit != null && !query.reverse && !table ? (part: Listing) => part.select(query).length >= limit : undefined;
    const index = readLocalIndex(o, ctx, enough);
    if (index && (await listIndexed(index, query, limit, needBodies, width, o, fields, ctx))) return;
  }

  const set = await readArticles(o, ctx, undefined, preread);
  const pool = query.search ? set.fill(set.articles) : set.articles;
  const matching = selectArticles(pool, query);
  const selected = needBodies && !query.search ? set.fill(matching) : matching;
  if (o.unread && !set.local) throw new UsageError(UNREAD_NEEDS_LOCAL);
  const shown = limit == null ? selected : selected.slice(0, limit);

  if (o.json || o.ndjson || !ctx.isTTY) return writeArticles(shown, o, fields, ctx);
  const rows = tableRows(selected, limit, o, ctx);
  const unread = set.local ? selected.filter((a) => a.read === false).length : null;
  return writeTable(rows, selected.length, unread, width, o, ctx);
}

/**
 * `news list` from the local store's listing index: filters run on index entries,
 * TSV is written from the index's own text, and only the rows a table or JSON
 * shows are read whole from store.json. False (before any output) when it cannot
 * serve this listing, and the caller reads store.json instead.
 */
async function listIndexed(
  index: IndexedListing,
  query: ListQuery,
  limit: number | null,
  needBodies: boolean,
  width: number,
  o: ListOptions,
  fields: JsonField[] | null,
  ctx: Context,
): Promise<boolean> {
  const { listing } = index;
  const selected = listing.select(query);
  const shown = limit == null ? selected : selected.slice(0, limit);

  if (!o.json && !o.ndjson && !ctx.isTTY) {
    await writeIndexedTsv(listing, shown, ctx);
    return true;
  }
  const rows = o.json || o.ndjson ? shown : tableRows(selected, limit, o, ctx);
  if (rows.length > INDEXED_ROWS_MAX) return false;
  const read = index.articles(rows);
  if (!read) return false;
  if (o.json || o.ndjson) {
    await writeArticles(needBodies ? read.fill(read.articles) : read.articles, o, fields, ctx);
    return true;
  }
  await writeTable(read.articles, selected.length, selected.filter((i) => listing.read[i] === 0).length, width, o, ctx);
  return true;
}

// The index's TSV text was sanitized when it was written, and goes out as the
// UTF-8 bytes it is; a file changed by hand since (not `clean`) is decoded and
// sanitized here, at the point of printing.
async function writeIndexedTsv(listing: Listing, entries: readonly number[], ctx: Context): Promise<void> {
  const flush = (chunk: string) => {
    const bytes = Buffer.from(chunk, 'latin1');
    return ctx.out(listing.clean ? bytes : sanitize(bytes.toString('utf8')));
  };
  let chunk = '';
  for (const i of entries) {
    const date = listing.publishedAt[i]!;
    chunk += listing.tsv(i, relativeTime(Number.isNaN(date) ? null : date, ctx.now));
    if (chunk.length >= 65_536) {
      await flush(chunk);
      chunk = '';
    }
  }
  if (chunk) await flush(chunk);
}

// On a terminal, without --limit or --all, the table is cut to the screen and a
// footer says how many more there are: headlines are for scanning, not paging.
function tableRows<T>(selected: readonly T[], limit: number | null, o: ListOptions, ctx: Context): T[] {
  if (limit == null && !o.all) return selected.slice(0, Math.max(5, ctx.rows - TABLE_CHROME));
  return limit == null ? selected.slice() : selected.slice(0, limit);
}

async function writeTable(rows: Article[], count: number, unread: number | null, width: number, o: ListOptions, ctx: Context): Promise<void> {
  if (count === 0) {
    ctx.notice('no articles match');
    return;
  }
  // The table (cli-table3, string-width's large emoji tables) is loaded only for a terminal.
  const { renderTable } = await import('../render/table.js');
  const table = renderTable(rows, { now: ctx.now, width, theme: ctx.theme, isUnread: unread != null ? (a) => a.read === false : undefined });
  const hidden = count - rows.length;
  const footer = [
    hidden > 0 ? `${rows.length} of ${count} articles` : `${count} ${count === 1 ? 'article' : 'articles'}`,
    ...(unread == null ? [] : [`${unread} unread`]),
    ...(hidden > 0 ? [`${hidden} more with --all or --limit N`] : []),
  ].join(' · ');
  const text = table + ctx.theme.dim(footer) + '\n';
  if (o.all && text.split('\n').length > ctx.rows) await ctx.page(text);
  else await ctx.out(text);
}

function* chosen(articles: Iterable<Article>, query: ListQuery, limit: number | null): Iterable<Article> {
  if (limit === 0) return;
  let n = 0;
  for (const a of articles) {
    if (!matches(a, query)) continue;
    yield a;
    if (++n === limit) return;
  }
}

/** Output for scripts: JSON, NDJSON, or TSV when stdout is not a terminal. */
async function writeArticles(articles: Iterable<Article>, o: ListOptions, fields: JsonField[] | null, ctx: Context): Promise<void> {
  if (o.json) return writeJsonArray(articles, fields, ctx);
  if (o.ndjson) {
    for (const a of articles) await ctx.out(stringifyJson(toJsonFields(a, fields)) + '\n');
    return;
  }
  for (const a of articles) await ctx.out(tsvLine(a, ctx.now));
}

// A bare array, written one element at a time so a big store is never held
// twice as one string.
async function writeJsonArray(articles: Iterable<Article>, fields: JsonField[] | null, ctx: Context): Promise<void> {
  let first = true;
  for (const a of articles) {
    // As an element of an array, the object comes out indented as the array's
    // member: no second pass over its lines to indent them.
    const json = stringifyJson([toJsonFields(a, fields)], 2).slice(2, -2);
    await ctx.out((first ? '[\n' : ',\n') + json);
    first = false;
  }
  await ctx.out(first ? '[]\n' : '\n]\n');
}
