// `news feeds add|list|remove|rename|import|export`: the subscription list.
import { readFileSync } from 'node:fs';
import { relativeTime } from '../core/relative-time.js';
import { DataError, NotFoundError, UsageError } from '../errors.js';
import { redactUrl } from '../io/http.js';
import { type Subscription, findSubscription, readSubscriptions, requireSubscription, updateSubscriptions } from '../io/subscriptions.js';
import { stringifyJson } from '../render/json.js';
import { sanitizeLine } from '../render/sanitize.js';
import { stateKey, storedDate } from '../store/local-format.js';
import { fetchAndParse } from '../sync/fetch-feed.js';
import type { Context } from './context.js';
import { localStore, userAgent } from './local.js';

export interface FeedsOptions {
  name?: string;
  category?: string;
  check?: boolean;
  json?: boolean;
  keepArticles?: boolean;
}

export async function runFeeds(action: string, args: string[], o: FeedsOptions, ctx: Context): Promise<void> {
  switch (action) {
    case 'add':
      return add(need(args[0], 'news feeds add <url>'), o, ctx);
    case 'list':
    case 'ls':
      return list(o, ctx);
    case 'remove':
    case 'rm':
      return remove(need(args[0], 'news feeds remove <name|url>'), o, ctx);
    case 'rename':
      return rename(need(args[0], 'news feeds rename <name|url> <new name>'), need(args[1], 'news feeds rename <name|url> <new name>'), ctx);
    case 'import':
      return importOpml(need(args[0], 'news feeds import <file.opml>'), ctx);
    case 'export': {
      const { exportOpml } = await import('../feeds/opml.js');
      return ctx.out(exportOpml(readSubscriptions(ctx.env), { now: ctx.now }));
    }
    default:
      throw new UsageError(`unknown feeds action "${action}"; use add, list, remove, rename, import or export`);
  }
}

function need(arg: string | undefined, usage: string): string {
  if (arg === undefined || arg.trim() === '') throw new UsageError(`usage: ${usage}`);
  return arg;
}

function checkUrl(url: string): string {
  if (!/^https?:\/\/[^/\s]/i.test(url)) throw new UsageError(`"${url}" is not an http(s) URL`);
  return url.trim();
}

async function add(rawUrl: string, o: FeedsOptions, ctx: Context): Promise<void> {
  let url = checkUrl(rawUrl);
  let title: string | null = null;
  if (o.check !== false) {
    const fetched = await fetchAndParse(url, undefined, { userAgent: userAgent(ctx), env: ctx.env, signal: ctx.signal });
    if (fetched.notModified) throw new DataError(`${redactUrl(url)}: answered 304 to an unconditional request`);
    url = fetched.feedUrl;
    title = fetched.title;
  }
  const name = (o.name ?? title ?? new URL(url).hostname).trim();
  const sub: Subscription = { url, name, category: o.category?.trim() || null };
  await updateSubscriptions(ctx.env, (subs) => {
    const dup = subs.find((s) => s.url === url) ?? findSubscription(subs, name);
    if (dup) throw new UsageError(`already subscribed: "${sanitizeLine(dup.name)}" (${redactUrl(dup.url)})`);
    subs.push(sub);
  });
  ctx.notice(`added "${sanitizeLine(name)}" (${redactUrl(url)}); run "news fetch" to get its articles`);
}

async function list(o: FeedsOptions, ctx: Context): Promise<void> {
  const subs = readSubscriptions(ctx.env);
  const store = localStore(ctx).read();
  const counts = new Map<string, number>();
  for (const a of store.articles) counts.set(a.feed, (counts.get(a.feed) ?? 0) + 1);
  const countOf = (url: string) => counts.get(stateKey(store, url)) ?? 0;
  const due = dueText(ctx);
  const rows = subs.map((s) => {
    const st = store.feeds[stateKey(store, s.url)];
    return {
      name: s.name,
      url: redactUrl(s.url),
      category: s.category,
      lastFetchedAt: st?.lastFetchedAt ?? null,
      articles: countOf(s.url),
      status: st?.gone ? 'gone' : st?.lastStatus ?? 'never fetched',
      error: st?.lastError ?? null,
      nextDueAt: st?.gone ? null : [st?.nextDueAt, st?.retryAfterUntil].reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a ?? null), null),
    };
  });
  if (o.json) return ctx.out(stringifyJson(rows, 2) + '\n');
  if (!ctx.isTTY) {
    for (const r of rows) {
      const fields = [r.name, r.url, r.category ?? '', relativeTime(storedDate(r.lastFetchedAt), ctx.now), String(r.articles), r.error ? `error: ${r.error}` : r.status, due(r.nextDueAt)];
      await ctx.out(fields.map(sanitizeLine).join('\t') + '\n');
    }
    return;
  }
  if (rows.length === 0) return ctx.notice('no subscriptions yet: add one with "news feeds add <url>"');
  const { renderGrid } = await import('../render/grid.js');
  await ctx.out(
    renderGrid(
      ['Name', 'URL', 'Category', 'Fetched', 'Articles', 'Status', 'Next'],
      rows.map((r) => [r.name, r.url, r.category ?? '', relativeTime(storedDate(r.lastFetchedAt), ctx.now), String(r.articles), r.error ? `error: ${r.error}` : r.status, due(r.nextDueAt)]),
      { width: ctx.columns, theme: ctx.theme, shrink: [1, 5, 0] },
    ),
  );
}

function dueText(ctx: Context) {
  return (iso: string | null) => {
    const at = storedDate(iso);
    return at === null || at <= ctx.now ? 'due' : relativeTime(at, ctx.now);
  };
}

async function remove(ref: string, o: FeedsOptions, ctx: Context): Promise<void> {
  const sub = requireSubscription(readSubscriptions(ctx.env), ref);
  // The store first: if it cannot be changed (corrupt, locked), the subscription
  // stays, so nothing is left that cannot be removed later.
  let dropped = 0;
  const local = localStore(ctx);
  if (!o.keepArticles && local.exists()) {
    dropped = await local.commit((store) => {
      const key = stateKey(store, sub.url);
      const before = store.articles.length;
      store.articles = store.articles.filter((a) => a.feed !== key);
      delete store.feeds[key];
      return before - store.articles.length;
    });
  }
  await updateSubscriptions(ctx.env, (subs) => {
    const i = subs.findIndex((s) => s.url === sub.url);
    if (i !== -1) subs.splice(i, 1);
  });
  ctx.notice(`removed "${sanitizeLine(sub.name)}"${o.keepArticles ? '' : ` and its ${dropped} ${dropped === 1 ? 'article' : 'articles'}`}`);
}

async function rename(ref: string, newName: string, ctx: Context): Promise<void> {
  await updateSubscriptions(ctx.env, (subs) => {
    const sub = requireSubscription(subs, ref);
    const clash = findSubscription(subs, newName);
    if (clash && clash !== sub) throw new UsageError(`another subscription is already called "${sanitizeLine(clash.name)}"`);
    sub.name = newName.trim();
  });
}

async function importOpml(path: string, ctx: Context): Promise<void> {
  const { parseOpml } = await import('../feeds/opml.js');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`${path}: no such file`);
    throw new DataError(`${path}: cannot read (${(err as Error).message})`);
  }
  const parsed = parseOpml(text, path);
  const result = await updateSubscriptions(ctx.env, (subs) => {
    const added: Subscription[] = [];
    const already: Subscription[] = [];
    for (const s of parsed.subscriptions) {
      if (subs.some((x) => x.url === s.url)) already.push(s);
      else {
        subs.push(s);
        added.push(s);
      }
    }
    return { added, already };
  });
  for (const s of parsed.skipped) ctx.warn(`${path}: line ${s.line} skipped: ${s.reason}`);
  for (const s of result.already) ctx.notice(`already subscribed: ${sanitizeLine(s.name)} (${redactUrl(s.url)})`);
  const n = result.added.length;
  ctx.notice(`imported ${n} ${n === 1 ? 'feed' : 'feeds'} from ${path}; ${result.already.length + parsed.skipped.length} skipped`);
}
