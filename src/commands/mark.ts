// `news mark <ref...> [--unread]` and `news mark --all`: read state in the local
// store. A few marks are appended to read.log; many rewrite store.json; bodies
// are never rewritten for this.
import type { Article } from '../article.js';
import { selectArticles } from '../core/filter.js';
import { resolveRef } from '../core/resolve-ref.js';
import { UsageError } from '../errors.js';
import type { LocalStore } from '../store/local-store.js';
import type { Context } from './context.js';
import { type FilterOptions, readArticles, toQuery } from './read-articles.js';

export interface MarkOptions extends FilterOptions {
  unread?: boolean;
  all?: boolean;
}

/** Sets read state for these articles (as just read from the store); returns how many changed. */
export async function markRead(local: LocalStore, articles: readonly Article[], read: boolean): Promise<number> {
  const changes = new Map(articles.filter((a) => a.read !== read).map((a) => [a.slug, read]));
  await local.setRead(changes);
  return changes.size;
}

export async function runMark(refs: string[], o: MarkOptions, ctx: Context): Promise<void> {
  if (o.all && refs.length) throw new UsageError('give article references or --all, not both');
  if (!o.all && refs.length === 0) throw new UsageError('name the articles to mark (slug, row number or prefix), or use --all');
  const query = toQuery(o, ctx.now);
  const set = await readArticles({}, ctx, !o.all && refs.length === 1 ? { ref: refs[0]!, query } : undefined);
  if (!set.local) throw new UsageError('read state is kept only in the local store: subscribe with "news feeds add <url>" and run "news fetch"');
  const listed = selectArticles(set.articles, query);
  const chosen = o.all ? listed : refs.map((r) => resolveRef(set.ref ?? r, listed, set.articles));
  const changed = await markRead(set.local, chosen, !o.unread);
  ctx.notice(`marked ${changed} ${changed === 1 ? 'article' : 'articles'} ${o.unread ? 'unread' : 'read'}`);
}
