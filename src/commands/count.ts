// `news count [--unread]`: one number on stdout, for status bars and prompts.
import { selectArticles } from '../core/filter.js';
import { UsageError } from '../errors.js';
import type { Context } from './context.js';
import { type FilterOptions, type SourceOptions, readArticles, readLocalIndex, toQuery } from './read-articles.js';

export interface CountOptions extends SourceOptions, FilterOptions {
  unread?: boolean;
}

export async function runCount(o: CountOptions, ctx: Context): Promise<void> {
  const query = { ...toQuery(o, ctx.now), unread: o.unread ?? false };
  // The local store's listing index has all a count needs but --search's bodies.
  const index = query.search ? null : readLocalIndex(o, ctx);
  if (index) {
    await ctx.out(`${index.listing.select(query).length}\n`);
    return;
  }
  const set = await readArticles(o, ctx);
  if (o.unread && !set.local) throw new UsageError('--unread needs the local store (read state is kept there): subscribe and run "news fetch"');
  const n = selectArticles(set.articles, query).length;
  await ctx.out(`${n}\n`);
}
