// `news read <ref>`: one article in full, through the pager when it is long.
import { selectArticles } from '../core/filter.js';
import { resolveRef } from '../core/resolve-ref.js';
import { recentPosts, renderArticle } from '../render/article-view.js';
import { stringifyJson, toJsonObject } from '../render/json.js';
import type { Context } from './context.js';
import { type FilterOptions, type SourceOptions, positiveInteger, readArticles, toQuery } from './read-articles.js';

export interface ReadOptions extends SourceOptions, FilterOptions {
  json?: boolean;
  width?: string;
  pager?: boolean;
}

const DEFAULT_WIDTH = 80;

export async function runRead(ref: string, o: ReadOptions, ctx: Context): Promise<void> {
  const query = toQuery(o, ctx.now);
  const width = o.width === undefined ? ctx.config.width ?? DEFAULT_WIDTH : positiveInteger(o.width, '--width');
  const all = await readArticles(o, ctx);
  const article = resolveRef(ref, selectArticles(all, query), all);

  if (o.json) return ctx.out(stringifyJson(toJsonObject(article), 2) + '\n');
  const text = renderArticle(article, {
    now: ctx.now,
    width: ctx.isTTY ? Math.min(width, ctx.columns) : width,
    theme: ctx.theme,
    recent: recentPosts(article, all),
  });
  const usePager = ctx.isTTY && o.pager !== false && ctx.config.pager !== false;
  if (usePager && text.split('\n').length > ctx.rows) await ctx.page(text);
  else await ctx.out(text);
}
