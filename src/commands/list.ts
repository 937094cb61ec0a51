// `news list`: headlines as a table on a terminal, TSV when piped, JSON/NDJSON on request.
import type { Article } from '../article.js';
import { type ListQuery, matches, selectArticles } from '../core/filter.js';
import { UsageError } from '../errors.js';
import { JSON_FIELDS, type JsonField, pick, stringifyJson, toJsonObject } from '../render/json.js';
import { tsvLine } from '../render/tsv.js';
import type { Context } from './context.js';
import { type FilterOptions, type SourceOptions, positiveInteger, readArticles, readLocalStream, toQuery } from './read-articles.js';

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
  const query = toQuery(o, ctx.now);

  // Bodies are loaded only when something reads them: --search, or JSON fields.
  const needBodies = (o.json || o.ndjson) && (!fields || fields.some((f) => BODY_FIELDS.includes(f)));
  // In store order, the local store is streamed: output starts at once, and only
  // one headline is held at a time (a 100,000-article store included).
  if (query.sort === 'feed' && !query.reverse && (o.json || o.ndjson || !ctx.isTTY)) {
    const stream = readLocalStream(o, ctx, needBodies || query.search != null);
    if (stream) return writeArticles(chosen(stream.articles, { ...query, unread: o.unread ?? false }, limit), o, fields, ctx);
  }

  const set = await readArticles(o, ctx);
  const pool = query.search ? set.fill(set.articles) : set.articles;
  const matching = selectArticles(pool, { ...query, unread: o.unread ?? false });
  const selected = needBodies && !query.search ? set.fill(matching) : matching;
  if (o.unread && !set.local) throw new UsageError('--unread needs the local store (read state is kept there): subscribe and run "news fetch"');
  const shown = limit == null ? selected : selected.slice(0, limit);

  if (o.json || o.ndjson || !ctx.isTTY) return writeArticles(shown, o, fields, ctx);
  if (selected.length === 0) {
    ctx.notice('no articles match');
    return;
  }
  // On a terminal, without --limit or --all, the table is cut to the screen and a
  // footer says how many more there are: headlines are for scanning, not paging.
  const fit = Math.max(5, ctx.rows - TABLE_CHROME);
  const rows = limit == null && !o.all ? selected.slice(0, fit) : shown;
  // The table (cli-table3, string-width's large emoji tables) is loaded only for a terminal.
  const { renderTable } = await import('../render/table.js');
  const table = renderTable(rows, { now: ctx.now, width, theme: ctx.theme, isUnread: set.local ? (a) => a.read === false : undefined });
  const hidden = selected.length - rows.length;
  const unread = set.local ? selected.filter((a) => a.read === false).length : null;
  const footer = [
    hidden > 0 ? `${rows.length} of ${selected.length} articles` : `${selected.length} ${selected.length === 1 ? 'article' : 'articles'}`,
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
    for (const a of articles) await ctx.out(stringifyJson(pick(toJsonObject(a), fields)) + '\n');
    return;
  }
  for (const a of articles) await ctx.out(tsvLine(a, ctx.now));
}

// A bare array, written one element at a time so a big store is never held
// twice as one string.
async function writeJsonArray(articles: Iterable<Article>, fields: JsonField[] | null, ctx: Context): Promise<void> {
  let first = true;
  for (const a of articles) {
    const json = stringifyJson(pick(toJsonObject(a), fields), 2).replace(/^/gm, '  ');
    await ctx.out((first ? '[\n' : ',\n') + json);
    first = false;
  }
  await ctx.out(first ? '[]\n' : '\n]\n');
}
