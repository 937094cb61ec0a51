// `news count [--unread]`: one number on stdout, for status bars and prompts.
import { selectArticles } from '../core/filter.js';
import { UsageError } from '../errors.js';
import type { Context } from './context.js';
import { type FilterOptions, type SourceOptions, readArticles, toQuery } from './read-articles.js';

export interface CountOptions extends SourceOptions, FilterOptions {
  unread?: boolean;
}

export async function runCount(o: CountOptions, ctx: Context): Promise<void> {
  const set = await readArticles(o, ctx);
  if (o.unread && !set.local) throw new UsageError('--unread needs the local store (read state is kept there): subscribe and run "news fetch"');
  const n = selectArticles(set.articles, { ...toQuery(o, ctx.now), unread: o.unread ?? false }).length;
  await ctx.out(`${n}\n`);
}
