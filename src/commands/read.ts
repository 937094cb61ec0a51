// `news read <ref>`: one article in full, through the pager when it is long. A URL
// or an .html file is a web page shown in reader view; `--full` fetches a stored
// article's page for its whole text. Both load src/reader/ only when asked.
import type { Article } from '../article.js';
import { hasHttpScheme } from '../core/fields.js';
import { selectArticles } from '../core/filter.js';
import { resolveRef } from '../core/resolve-ref.js';
import { recentPosts, renderArticle } from '../render/article-view.js';
import { stringifyJson, toJsonObject } from '../render/json.js';
import type { PageOptions } from '../reader/page-source.js';
import type { Context } from './context.js';
import { userAgent } from './local.js';
import { markRead } from './mark.js';
import { type FilterOptions, type SourceOptions, positiveInteger, readArticles, toQuery } from './read-articles.js';

export interface ReadOptions extends SourceOptions, FilterOptions {
  json?: boolean;
  width?: string;
  pager?: boolean;
  /** --no-mark: read without marking it read. */
  mark?: boolean;
  /** --full: the whole text from the article's web page (kept in the local store). */
  full?: boolean;
}

const DEFAULT_WIDTH = 80;

const PAGE_SUFFIXES = ['.html', '.htm', '.xhtml', '.xhtm'];

/**
 * A web page rather than an article reference: slugs never contain `:` or `.`.
 * Without regular expressions, which cost a first run 0.05–0.3 ms each to compile
 * (BENCHMARKS.md, "Seventh session").
 */
export function isPageRef(ref: string): boolean {
  if (hasHttpScheme(ref, true)) return true;
  const tail = ref.slice(-6).toLowerCase();
  return PAGE_SUFFIXES.some((suffix) => tail.endsWith(suffix));
}

export async function runRead(ref: string, o: ReadOptions, ctx: Context): Promise<void> {
  // Made only for a page: the signal's AbortController loads node modules that
  // reading a stored article never needs.
  const page = (): PageOptions => ({ userAgent: userAgent(ctx), env: ctx.env, signal: ctx.signal, timeout: o.timeout, maxSize: o.maxSize });
  if (isPageRef(ref)) {
    const width = readWidth(o, ctx);
    const { readPage } = await import('../reader/page-source.js');
    await show(await readPage(ref, page()), [], width, o, ctx);
    return;
  }

  const query = toQuery(o, ctx.now);
  const width = readWidth(o, ctx);
  const set = await readArticles(o, ctx, { ref, query });
  const found = resolveRef(set.ref ?? ref, selectArticles(set.articles, query), set.articles);
  let [article, ...recent] = set.fill([found, ...recentPosts(found, set.articles)]);
  if (o.full) {
    const { withFullText } = await import('../reader/full-text.js');
    article = await withFullText(article!, set.local, { ...page(), now: ctx.now });
  }
  await show(article!, recent, width, o, ctx);
  if (set.local && found.read === false && o.mark !== false) await markRead(set.local, [found], true);
}

function readWidth(o: ReadOptions, ctx: Context): number {
  return o.width === undefined ? ctx.config.width ?? DEFAULT_WIDTH : positiveInteger(o.width, '--width');
}

async function show(article: Article, recent: Article[], width: number, o: ReadOptions, ctx: Context): Promise<void> {
  if (o.json) {
    await ctx.out(stringifyJson(toJsonObject(article), 2) + '\n');
    return;
  }
  const text = renderArticle(article, {
    now: ctx.now,
    width: ctx.isTTY ? Math.min(width, ctx.columns) : width,
    theme: ctx.theme,
    recent,
  });
  const usePager = ctx.isTTY && o.pager !== false && ctx.config.pager !== false;
  if (usePager && text.split('\n').length > ctx.rows) await ctx.page(text);
  else await ctx.out(text);
}
