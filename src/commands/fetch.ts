// `news fetch [name...]`: every (or the named) subscription, concurrently, merged
// into the local store in one atomic commit.
import { join } from 'node:path';
import { acquireLock } from '../io/lock.js';
import type { LocalStore } from '../store/local-store.js';
import { InterruptedError, NotFoundError, PartialError } from '../errors.js';
import { type Subscription, findSubscription, readSubscriptions } from '../io/subscriptions.js';
import { redactUrl } from '../io/http.js';
import { sanitizeLine } from '../render/sanitize.js';
import { emptyFeedState, isoOrNull } from '../store/local-format.js';
import { mergeFeed, slugsOf } from '../store/merge.js';
import { type FeedOutcome, fetchFeed } from '../sync/fetch-feed.js';
import { runPool } from '../sync/pool.js';
import { liveProgress } from '../sync/progress.js';
import type { Context } from './context.js';
import { localStore, userAgent } from './local.js';
import { positiveInteger } from './read-articles.js';

export interface FetchOptions {
  concurrency?: string;
  timeout?: string;
  maxSize?: string;
}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_RETENTION = 1000;

interface Done {
  sub: Subscription;
  outcome: FeedOutcome;
  added: number;
  updated: number;
}

export async function runFetch(names: string[], o: FetchOptions, ctx: Context): Promise<void> {
  const all = readSubscriptions(ctx.env);
  const subs = names.length ? names.map((n) => pick(all, n)) : all;
  if (subs.length === 0) {
    ctx.notice('no subscriptions yet: add one with "news feeds add <url>" or "news feeds import <file.opml>"');
    return;
  }
  const concurrency = o.concurrency === undefined ? ctx.config.concurrency ?? DEFAULT_CONCURRENCY : positiveInteger(o.concurrency, '--concurrency');
  const local = localStore(ctx);
  // One fetch at a time: a second one says who is running instead of waiting.
  const running = await acquireLock(join(local.dir, 'fetch.lock'), 'fetching feeds', 0);
  try {
    await fetchAll(subs, concurrency, local, ctx, o);
  } finally {
    running.release();
  }
}

async function fetchAll(subs: Subscription[], concurrency: number, local: LocalStore, ctx: Context, o: FetchOptions): Promise<void> {
  const before = local.read(); // validators to send; the commit re-reads under the lock
  const progress = liveProgress(subs.length, ctx.errWrite, ctx.errIsTTY);
  const settings = {
    userAgent: userAgent(ctx),
    env: ctx.env,
    signal: ctx.signal,
    ...(o.timeout !== undefined && { timeoutMs: Number(o.timeout) * 1000 }),
    ...(o.maxSize !== undefined && { maxBytes: Number(o.maxSize) * 1024 * 1024 }),
  };
  const outcomes = await runPool(subs, concurrency, async (sub) => {
    const outcome = await fetchFeed(sub, before.feeds[sub.url], settings);
    progress.tick(outcome.status === 'error');
    return outcome;
  }, ctx.signal);
  progress.end();

  const interrupted = ctx.signal.aborted;
  const done: Done[] = [];
  subs.forEach((sub, i) => {
    const outcome = outcomes[i];
    // A fetch cut short by Ctrl-C says nothing about the feed: leave its state alone.
    if (outcome && !(interrupted && outcome.status === 'error')) done.push({ sub, outcome, added: 0, updated: 0 });
  });

  const retention = ctx.config.retention ?? DEFAULT_RETENTION;
  await local.commit((store, bodies) => {
    const slugs = slugsOf(store);
    const now = isoOrNull(ctx.now);
    for (const d of done) {
      const state = (store.feeds[d.sub.url] ??= emptyFeedState());
      const { outcome } = d;
      if (outcome.status === 'error') {
        state.lastStatus = 'error';
        state.lastError = outcome.message;
        state.failures++;
        continue;
      }
      state.lastFetchedAt = now;
      state.lastStatus = outcome.status;
      state.lastError = null;
      state.failures = 0;
      if (outcome.status === 'not-modified') continue;
      outcome.warnings.forEach((w) => ctx.warn(w));
      state.title = outcome.title;
      state.etag = outcome.etag;
      state.lastModified = outcome.lastModified;
      const merged = mergeFeed(store, { feed: d.sub.url, drafts: outcome.drafts }, bodies.get(d.sub.url), ctx.now, retention, slugs);
      bodies.set(d.sub.url, merged.bodies);
      d.added = merged.added;
      d.updated = merged.updated;
    }
  });

  for (const d of done) ctx.notice(feedLine(d));
  const failed = done.filter((d) => d.outcome.status === 'error').length;
  const added = done.reduce((n, d) => n + d.added, 0);
  const fetched = done.length - failed;
  const summary = `${added} new ${added === 1 ? 'article' : 'articles'} from ${fetched} ${fetched === 1 ? 'feed' : 'feeds'}; ${failed} failed`;
  if (interrupted) throw new InterruptedError(`interrupted: ${summary}; ${subs.length - done.length} not fetched`);
  if (failed > 0) throw new PartialError(summary);
  ctx.notice(summary);
}

function pick(subs: readonly Subscription[], name: string): Subscription {
  const sub = findSubscription(subs, name);
  if (!sub) throw new NotFoundError(`no subscription "${name}"; see "news feeds list"`);
  return sub;
}

function feedLine({ sub, outcome, added, updated }: Done): string {
  const name = sanitizeLine(sub.name);
  switch (outcome.status) {
    case 'error':
      return `${name}: failed: ${outcome.message}`;
    case 'not-modified':
      return `${name}: not modified`;
    case 'ok':
      return `${name}: ${added} new, ${updated} updated (${redactUrl(sub.url)})`;
  }
}
