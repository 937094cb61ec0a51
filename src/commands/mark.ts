// `news mark <ref...> [--unread]` and `news mark --all`: read state in the local
// store. Only store.json changes; bodies are never rewritten for this.
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

/** Sets read state for these slugs; returns how many changed. */
export function markRead(local: LocalStore, slugs: readonly string[] | 'all', read: boolean): Promise<number> {
  const wanted = slugs === 'all' ? null : new Set(slugs);
  return local.commit((store) => {
    let changed = 0;
    for (const h of store.articles) {
      if ((wanted === null || wanted.has(h.slug)) && h.read !== read) {
        h.read = read;
        changed++;
      }
    }
    return changed;
  });
}

export async function runMark(refs: string[], o: MarkOptions, ctx: Context): Promise<void> {
  if (o.all && refs.length) throw new UsageError('give article references or --all, not both');
  if (!o.all && refs.length === 0) throw new UsageError('name the articles to mark (slug, row number or prefix), or use --all');
  const set = await readArticles({}, ctx);
  if (!set.local) throw new UsageError('read state is kept only in the local store: subscribe with "news feeds add <url>" and run "news fetch"');
  const listed = selectArticles(set.articles, toQuery(o, ctx.now));
  const slugs = o.all ? listed.map((a) => a.slug) : refs.map((r) => resolveRef(r, listed, set.articles).slug);
  const changed = await markRead(set.local, slugs, !o.unread);
  ctx.notice(`marked ${changed} ${changed === 1 ? 'article' : 'articles'} ${o.unread ? 'unread' : 'read'}`);
}
