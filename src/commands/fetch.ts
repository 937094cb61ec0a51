// `news fetch [name...]`: every (or the named) subscription that is due,
// concurrently (at most 2 at a time per host), each merged as it arrives
// (src/sync/early-merge.ts), all made real in one atomic commit at the end. Freshness, Retry-After, back-off, moves and 410 Gone are
// handled as the README's "Being a good citizen" section describes.
import { formatIsoUtc } from '../core/dates.js';
import { join } from 'node:path';
import { relativeTime } from '../core/relative-time.js';
import { InterruptedError, PartialError } from '../errors.js';
import { redactUrl } from '../io/http.js';
import { acquireLock } from '../io/lock.js';
import { networkLimits } from '../io/network-limits.js';
import { type Subscription, readSubscriptions, requireSubscription, updateSubscriptions } from '../io/subscriptions.js';
import { sanitizeLine } from '../render/sanitize.js';
import { type FeedState, type StoreFile, emptyFeedState, stateKey, storedDate } from '../store/local-format.js';
import type { BodiesWriter, LocalStore } from '../store/local-store.js';
import { indexByFeed, mergeFeed, slugsOf } from '../store/merge.js';
import { type Done, EarlyMerge } from '../sync/early-merge.js';
import { type FeedOutcome, fetchFeed } from '../sync/fetch-feed.js';
import { runPool } from '../sync/pool.js';
import { liveProgress } from '../sync/progress.js';
import { type Bounds, backoffUntil, nextDue, retryAfterUntil } from '../sync/schedule.js';
import type { Context } from './context.js';
import { localStore, userAgent } from './local.js';
import { positiveInteger } from './read-articles.js';

export interface FetchOptions {
  concurrency?: string;
  timeout?: string;
  maxSize?: string;
  force?: boolean;
}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_RETENTION = 1000;
const PER_HOST = 2;

export async function runFetch(names: string[], o: FetchOptions, ctx: Context): Promise<void> {
  const limits = networkLimits(o); // a bad value is a usage error before anything else
  const all = readSubscriptions(ctx.env);
  // A feed named twice (by name and by URL) is still fetched once.
  const subs = names.length ? [...new Set(names.map((n) => requireSubscription(all, n)))] : all;
  if (subs.length === 0) {
    ctx.notice('no subscriptions yet: add one with "news feeds add <url>" or "news feeds import <file.opml>"');
    return;
  }
  const concurrency = o.concurrency === undefined ? ctx.config.concurrency ?? DEFAULT_CONCURRENCY : positiveInteger(o.concurrency, '--concurrency');
  const local = localStore(ctx);
  // One fetch at a time: a second one says who is running instead of waiting.
  const running = await acquireLock(join(local.dir, 'fetch.lock'), 'fetching feeds', 0);
  try {
    await fetchDue(subs, concurrency, local, ctx, o, limits);
  } finally {
    running.release();
  }
}

async function fetchDue(
  subs: Subscription[],
  concurrency: number,
  local: LocalStore,
  ctx: Context,
  o: FetchOptions,
  limits: ReturnType<typeof networkLimits>,
): Promise<void> {
  const before = local.read(); // validators and schedule; the commit re-reads under the lock
  const bounds: Bounds = {
    floorMs: (ctx.config.minInterval ?? 15) * 60_000,
    ceilingMs: (ctx.config.maxInterval ?? 1440) * 60_000,
  };
  const due: Subscription[] = [];
  let notDue = 0;
  let soonest: number | null = null;
  for (const sub of subs) {
    const state = before.feeds[stateKey(before, sub.url)];
    const retryAt = storedDate(state?.retryAfterUntil ?? null);
    const dueAt = storedDate(state?.nextDueAt ?? null);
    if (state?.gone) ctx.notice(`${sanitizeLine(sub.name)}: gone (HTTP 410), no longer requested; remove it with "news feeds remove"`);
    else if (retryAt !== null && retryAt > ctx.now) {
      // A server's Retry-After is honored even with --force.
      ctx.notice(`${sanitizeLine(sub.name)}: the server asked to wait; next request ${relativeTime(retryAt, ctx.now)}`);
    } else if (!o.force && dueAt !== null && dueAt > ctx.now) {
      notDue++;
      soonest = soonest === null ? dueAt : Math.min(soonest, dueAt);
    } else due.push(sub);
  }

  const progress = liveProgress(due.length, ctx.errWrite, ctx.errIsTTY && due.length > 0);
  const settings = {
    userAgent: userAgent(ctx),
    env: ctx.env,
    signal: ctx.signal,
    ...limits,
  };
  const retention = ctx.config.retention ?? DEFAULT_RETENTION;
  const existed = new Set(Object.keys(before.feeds));
  // `before` is the working copy: each feed is merged into it as it arrives.
  const early = new EarlyMerge(local, before, { now: ctx.now, retention, apply: (state, outcome) => applyOutcome(state, outcome, ctx.now, bounds) });
  const arrived: (Done | undefined)[] = new Array(due.length);
  await runPool(
    due,
    concurrency,
    async (sub, i) => {
      const outcome = await fetchFeed(sub, before.feeds[stateKey(before, sub.url)], settings);
      progress.tick(outcome.status === 'error');
      early.add((arrived[i] = { sub, outcome, added: 0, updated: 0 }));
      return outcome;
    },
    ctx.signal,
    { key: (sub) => hostOf(sub.url), limit: PER_HOST },
  );
  progress.end();
  await early.finish();

  const interrupted = ctx.signal.aborted;
  // A fetch cut short by Ctrl-C says nothing about the feed: leave its state alone.
  const done = arrived.filter((d): d is Done => d !== undefined && !(interrupted && d.outcome.status === 'error'));

  if (done.length) {
    await local.commit((store, bodies) => {
      early.apply(store, bodies);
      // Feeds not merged as they arrived: errors, 304s, and any the early merge left.
      let index: { slugs: ReturnType<typeof slugsOf>; byFeed: ReturnType<typeof indexByFeed> } | null = null;
      for (const d of done) {
        let key = d.merged ?? stateKey(store, d.sub.url);
        // A feed removed by another process during the fetch stays removed.
        if (d.merged !== undefined ? early.removed.has(key) : store !== before && existed.has(key) && !store.feeds[key]) continue;
        const state = (store.feeds[key] ??= emptyFeedState());
        if (d.merged === undefined) applyOutcome(state, d.outcome, ctx.now, bounds);
        if (d.outcome.status === 'ok') {
          d.outcome.warnings.forEach((w) => ctx.warn(w));
          if (d.merged === undefined) {
            index ??= { slugs: slugsOf(store), byFeed: indexByFeed(store) };
            const merged = mergeFeed(store, { feed: key, drafts: d.outcome.drafts }, bodies.get(key), ctx.now, retention, index.slugs, index.byFeed);
            bodies.set(key, merged.bodies);
            d.added = merged.added;
            d.updated = merged.updated;
          }
        }
        if (state.movedTo !== null && state.movedSeen >= 2) {
          const from = key;
          key = moveFeed(store, bodies, key, state.movedTo);
          if (key !== from && index) {
            index.byFeed.set(key, index.byFeed.get(from) ?? []);
            index.byFeed.delete(from);
          }
          d.movedTo = key;
        }
      }
    });
  }
  // The config follows the store: a crash in between is caught up on next time
  // (stateKey finds the moved state by its previous URL).
  const moves = new Map(done.filter((d) => d.movedTo).map((d) => [d.sub.url, d.movedTo!]));
  if (moves.size) {
    await updateSubscriptions(ctx.env, (list) => {
      for (const s of list) s.url = moves.get(s.url) ?? s.url;
    });
  }

  for (const d of done) ctx.notice(feedLine(d));
  const failed = done.filter((d) => d.outcome.status === 'error').length;
  const added = done.reduce((n, d) => n + d.added, 0);
  const fetched = done.length - failed;
  let summary = `${added} new ${added === 1 ? 'article' : 'articles'} from ${fetched} ${fetched === 1 ? 'feed' : 'feeds'}; ${failed} failed`;
  if (notDue) summary += `; ${notDue} not due yet (next ${relativeTime(soonest, ctx.now)}; --force to fetch anyway)`;
  if (interrupted) throw new InterruptedError(`interrupted: ${summary}; ${due.length - done.length} not fetched`);
  if (failed > 0) throw new PartialError(summary);
  ctx.notice(summary);
}

/** Updates fetch state and schedule from one outcome (pure apart from the jitter). */
export function applyOutcome(state: FeedState, outcome: FeedOutcome, now: number, bounds: Bounds, random = Math.random): void {
  if (outcome.status === 'error') {
    state.lastStatus = 'error';
    state.lastError = outcome.message;
    state.failures++;
    if (outcome.httpStatus === 410) state.gone = true;
    const retryAt = outcome.httpStatus === 429 || outcome.httpStatus === 503 ? retryAfterUntil(outcome.retryAfter, now) : null;
    state.retryAfterUntil = formatIsoUtc(retryAt);
    state.nextDueAt = formatIsoUtc(Math.max(backoffUntil(now, state.failures, bounds, random), retryAt ?? 0));
    return;
  }
  state.lastFetchedAt = formatIsoUtc(now);
  state.lastStatus = outcome.status;
  state.lastError = null;
  state.failures = 0;
  state.retryAfterUntil = null;
  state.nextDueAt = formatIsoUtc(nextDue(now, outcome.freshnessMs, outcome.status === 'ok' ? outcome.ttlMinutes : null, bounds));
  if (outcome.status === 'ok') {
    state.title = outcome.title;
    state.etag = outcome.etag;
    state.lastModified = outcome.lastModified;
  } else {
    // A 304 may carry fresh validators; without them the stored ones stay.
    state.etag = outcome.etag ?? state.etag;
    state.lastModified = outcome.lastModified ?? state.lastModified;
  }
  // A permanent move is adopted only when seen on two fetches in a row.
  const target = outcome.permanentTarget;
  if (target === null) {
    state.movedTo = null;
    state.movedSeen = 0;
  } else if (state.movedTo === target) state.movedSeen++;
  else {
    state.movedTo = target;
    state.movedSeen = 1;
  }
}

/** Re-keys a feed's state, articles and bodies under its new URL; returns the new key. */
function moveFeed(store: StoreFile, bodies: BodiesWriter, from: string, to: string): string {
  if (from === to || store.feeds[to]) return from;
  const state = store.feeds[from]!;
  store.feeds[to] = { ...state, previousUrl: from, movedTo: null, movedSeen: 0 };
  delete store.feeds[from];
  for (const h of store.articles) if (h.feed === from) h.feed = to;
  bodies.set(to, bodies.get(from));
  return to;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

function feedLine({ sub, outcome, added, updated, movedTo }: Done): string {
  const name = sanitizeLine(sub.name);
  const moved = movedTo ? `; moved permanently to ${redactUrl(movedTo)}` : '';
  switch (outcome.status) {
    case 'error':
      return `${name}: failed: ${outcome.message}${outcome.httpStatus === 410 ? '; no longer requested' : ''}`;
    case 'not-modified':
      return `${name}: not modified${moved}`;
    case 'ok':
      return `${name}: ${added} new, ${updated} updated (${redactUrl(sub.url)})${moved}`;
  }
}
