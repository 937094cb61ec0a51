// `news read <ref>`: one article in full, through the pager when it is long.
import { selectArticles } from '../core/filter.js';
import { resolveRef } from '../core/resolve-ref.js';
import { recentPosts, renderArticle } from '../render/article-view.js';
import { stringifyJson, toJsonObject } from '../render/json.js';
import type { Context } from './context.js';
import { markRead } from './mark.js';
import { type FilterOptions, type SourceOptions, positiveInteger, readArticles, toQuery } from './read-articles.js';

export interface ReadOptions extends SourceOptions, FilterOptions {
  json?: boolean;
  width?: string;
  pager?: boolean;
  /** --no-mark: read without marking it read. */
  mark?: boolean;
}

const DEFAULT_WIDTH = 80;

export async function runRead(ref: string, o: ReadOptions, ctx: Context): Promise<void> {
  const query = toQuery(o, ctx.now);
  const width = o.width === undefined ? ctx.config.width ?? DEFAULT_WIDTH : positiveInteger(o.width, '--width');
  const set = await readArticles(o, ctx);
  const found = resolveRef(ref, selectArticles(set.articles, query), set.articles);
  const [article, ...recent] = set.fill([found, ...recentPosts(found, set.articles)]);

  if (o.json) await ctx.out(stringifyJson(toJsonObject(article!), 2) + '\n');
  else {
    const text = renderArticle(article!, {
      now: ctx.now,
      width: ctx.isTTY ? Math.min(width, ctx.columns) : width,
      theme: ctx.theme,
      recent,
    });
    const usePager = ctx.isTTY && o.pager !== false && ctx.config.pager !== false;
    if (usePager && text.split('\n').length > ctx.rows) await ctx.page(text);
    else await ctx.out(text);
  }
  if (set.local && found.read === false && o.mark !== false) await markRead(set.local, [found.slug], true);
}
