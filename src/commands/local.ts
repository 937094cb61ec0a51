// The local store and subscriptions as commands see them.
import { dataDir, tildify } from '../io/paths.js';
import { LocalStore } from '../store/local-store.js';
import type { Context } from './context.js';

export function localStore(ctx: Pick<Context, 'env'>): LocalStore {
  return new LocalStore(dataDir(ctx.env), { show: (p) => tildify(p, ctx.env) });
}

export function userAgent(ctx: Pick<Context, 'version'>): string {
  return `news/${ctx.version} (+https://github.com/news-cli/news)`;
}
