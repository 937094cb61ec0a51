// Shared by every command that reads a source: choose it, load it, announce the
// sample store, and turn list flags into a query.
import type { Article } from '../article.js';
import type { ListQuery, SortKey } from '../core/filter.js';
import { SORT_KEYS } from '../core/filter.js';
import { parseMoment } from '../core/time-window.js';
import { UsageError } from '../errors.js';
import { SAMPLE_NOTICE, chooseSource } from '../sources/choose.js';
import { loadSource } from '../sources/load.js';
import type { Context } from './context.js';

export interface SourceOptions {
  source?: string;
  timeout?: string;
  maxSize?: string;
}

export interface FilterOptions {
  category?: string;
  author?: string;
  search?: string;
  since?: string;
  until?: string;
  sort?: string;
  reverse?: boolean;
}

export async function readArticles(o: SourceOptions, ctx: Context): Promise<Article[]> {
  const chosen = chooseSource(o.source, ctx.env, ctx.config);
  if (chosen.sample) ctx.notice(SAMPLE_NOTICE);
  const loaded = await loadSource(chosen.source, {
    env: ctx.env,
    stdin: ctx.readStdin,
    warn: ctx.warn,
    userAgent: `news/${ctx.version} (+https://github.com/news-cli/news)`,
    signal: ctx.signal,
    ...(o.timeout !== undefined && { timeoutMs: positiveNumber(o.timeout, '--timeout') * 1000 }),
    ...(o.maxSize !== undefined && { maxBytes: positiveNumber(o.maxSize, '--max-size') * 1024 * 1024 }),
  });
  return loaded.articles;
}

function positiveNumber(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option} takes a positive number, not "${value}"`);
  return n;
}

export function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} takes a whole number of at least 1, not "${value}"`);
  return n;
}

export function toQuery(o: FilterOptions, now: number): ListQuery {
  const sort = (o.sort ?? 'date') as SortKey;
  if (!SORT_KEYS.includes(sort)) throw new UsageError(`--sort takes ${SORT_KEYS.join(', ')}, not "${o.sort}"`);
  return {
    category: o.category ?? null,
    author: o.author ?? null,
    search: o.search ?? null,
    since: o.since === undefined ? null : parseMoment(o.since, now, '--since'),
    until: o.until === undefined ? null : parseMoment(o.until, now, '--until'),
    sort,
    reverse: o.reverse ?? false,
  };
}
