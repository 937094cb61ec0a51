// `news fetch` folds each feed into the store as soon as it has arrived, while
// the other requests are still in flight, instead of in one commit after the
// last response: the merge runs on a working copy of the store read at the
// start, the feed's new bodies file is written (and fsynced, off the main
// thread) right away, and its parsed articles are dropped. The commit at the end
// then only has to name those files in store.json.
//
// Why this keeps the store's promises (README, "The local store"):
// - Nothing the current store.json names is touched: every bodies file written
//   here is new (a fresh name, opened with O_EXCL). They are fsynced, and the
//   bodies directory is fsynced once, before the commit replaces store.json, so
//   store.json never names a file that a crash could lose. A crash before that
//   commit leaves the old store, plus files nothing names.
// - Those files are not swept by another process's commit while this fetch
//   runs: removeUnreferencedBodies spares files whose name carries the pid of
//   the live holder of fetch.lock (see the reasoning there). Once the fetch has
//   died, the next commit of any command removes them.
// - The commit still happens under the store lock, on the store as it is then.
//   Usually nobody committed meanwhile and that store is the working copy
//   itself (LocalStore reuses the store it read when store.json is unchanged).
//   If another process did commit (`news mark` of many articles, `news read
//   --full`, `news feeds remove`), the merged feeds are carried onto its store:
//   their states and articles are ours, read state and the reader view's cached
//   text are theirs, and a feed they removed stays removed. Only a fetch adds articles, and only one fetch runs at a
//   time, so nothing else can have added to these feeds.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SlugAllocator } from '../core/slug.js';
import { DataError } from '../errors.js';
import { writeNewFileDurablyAsync, fsyncDir } from '../io/atomic-write.js';
import type { Subscription } from '../io/subscriptions.js';
import { type FeedState, type Headline, type StoreFile, type BodyRecord, emptyFeedState, stateKey } from '../store/local-format.js';
import { type BodiesWriter, type LocalStore, bodiesFile } from '../store/local-store.js';
import { indexByFeed, mergeFeed, own, slugsOf } from '../store/merge.js';
import type { FeedOutcome } from './fetch-feed.js';

export interface Done {
  sub: Subscription;
  outcome: FeedOutcome;
  added: number;
  updated: number;
  /** The URL the subscription moved to in this run (a permanent redirect seen twice). */
  movedTo?: string;
  /** Set once merged into the working copy as it arrived: the feed's key there. */
  merged?: string;
}

interface Written {
  /** The bodies file written for the feed in this fetch. */
  name: string;
  /** The one the feed had in the working copy before (the file that was merged onto). */
  base: string | null;
  /** Whether the store had the feed when the fetch began. */
  existed: boolean;
}

export interface MergeSettings {
  now: number;
  retention: number;
  /** Records an outcome in the feed's state (fetch.ts's applyOutcome). */
  apply(state: FeedState, outcome: FeedOutcome): void;
}

export class EarlyMerge {
  private slugs: SlugAllocator | null = null;
  private byFeed: Map<string, Headline[]> | null = null;
  private readonly written = new Map<string, Written>();
  private readonly writes: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;
  private readonly queue: Done[] = [];
  /** Merged feeds that another process removed (`news feeds remove`) during the fetch: they stay removed. */
  readonly removed = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly local: LocalStore,
    /** The store as read at the start of the fetch, changed in place. */
    private readonly work: StoreFile,
    private readonly settings: MergeSettings,
  ) {}

  /**
   * Takes a feed that has arrived. It is merged on the next turn of the event
   * loop, so that the pool sends the next request first.
   */
  add(d: Done): void {
    if (d.outcome.status !== 'ok') return; // states alone are cheap: the commit records them
    this.queue.push(d);
    this.schedule();
  }

  // One feed per turn of the event loop, so that responses arriving meanwhile
  // are read (and the next requests sent) between two merges.
  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain(1);
      this.schedule();
    });
  }

  private drain(limit = Infinity): void {
    try {
      for (let n = 0; n < limit && this.queue.length; n++) this.merge(this.queue.shift()!);
    } catch (error) {
      this.failure ??= { error };
      this.queue.length = 0;
    }
  }

  private merge(d: Done): void {
    if (d.outcome.status !== 'ok') return;
    const { work, settings } = this;
    const key = stateKey(work, d.sub.url);
    const earlier = this.written.get(key);
    const base = earlier?.base ?? work.feeds[key]?.bodies ?? null;
    const existed = earlier?.existed ?? work.feeds[key] !== undefined;
    let old: Record<string, BodyRecord>;
    try {
      old = this.local.readBodies(earlier?.name ?? base);
    } catch (err) {
      // The file the working copy names is gone or damaged (another process
      // committed meanwhile and removed it): this feed is merged by the commit,
      // under the lock, as before, which also reports real damage.
      if (err instanceof DataError) return;
      throw err;
    }
    d.outcome.title = own(d.outcome.title); // kept in the feed's state (see own)
    const state = (work.feeds[key] ??= emptyFeedState());
    settings.apply(state, d.outcome);
    this.slugs ??= slugsOf(work);
    this.byFeed ??= indexByFeed(work);
    const merged = mergeFeed(work, { feed: key, drafts: d.outcome.drafts }, old, settings.now, settings.retention, this.slugs, this.byFeed);
    d.added = merged.added;
    d.updated = merged.updated;
    d.merged = key;
    d.outcome.drafts = []; // what is left of the feed is in the working copy and the file below
    if (this.written.size === 0) mkdirSync(this.local.bodiesDir, { recursive: true });
    const file = bodiesFile(key, merged.bodies);
    // Named in the working copy only by the commit (apply): until then
    // store.json.bak must be what store.json names now.
    this.written.set(key, { name: file.name, base, existed });
    // Written and fsynced in the background (libuv's pool); finish() waits for it.
    this.writes.push(
      writeNewFileDurablyAsync(join(this.local.bodiesDir, file.name), file.text).catch((error: unknown) => {
        this.failure ??= { error };
      }),
    );
  }

  /** Merges what is still queued and waits until every file written is durable. */
  async finish(): Promise<void> {
    this.scheduled = false;
    this.drain();
    await Promise.all(this.writes);
    if (this.failure) throw this.failure.error;
    // One directory fsync for all of them, before any store.json names them.
    if (this.written.size) fsyncDir(this.local.bodiesDir);
  }

  /**
   * In the commit, under the lock, on the store as it is now: names the files
   * written, and carries the merged feeds onto the store when another process
   * committed since the working copy was read.
   */
  apply(store: StoreFile, bodies: BodiesWriter): void {
    for (const [key, w] of this.written) this.work.feeds[key]!.bodies = w.name;
    if (store !== this.work) this.rebase(store, bodies);
  }

  private rebase(fresh: StoreFile, bodies: BodiesWriter): void {
    for (const [key, w] of this.written) if (w.existed && !fresh.feeds[key]) this.removed.add(key);
    const merged = (h: Headline) => this.written.has(h.feed);
    const ours = new Map<string, Headline>();
    for (const h of this.work.articles) if (merged(h)) ours.set(h.slug, h);
    const theirs = new Map<string, Headline>();
    const articles: Headline[] = [];
    for (const h of fresh.articles) {
      if (!merged(h)) {
        articles.push(h);
        continue;
      }
      theirs.set(h.slug, h);
      const mine = ours.get(h.slug);
      if (!mine) continue; // retention dropped it in this fetch
      mine.read = h.read;
      articles.push(mine);
      ours.delete(h.slug);
    }
    for (const h of ours.values()) if (!this.removed.has(h.feed)) articles.push(h); // new in this fetch, in the order they came
    fresh.articles = articles;

    for (const [key, w] of this.written) {
      if (this.removed.has(key)) continue;
      const current = fresh.feeds[key]?.bodies ?? null;
      fresh.feeds[key] = this.work.feeds[key]!;
      // Someone wrote this feed's bodies since (`news read --full` caches the
      // reader view there): keep that text where the article's link is unchanged.
      if (current !== null && current !== w.base) this.carryFullText(key, current, theirs, articles, bodies);
    }
  }

  private carryFullText(key: string, from: string, theirs: Map<string, Headline>, articles: Headline[], bodies: BodiesWriter): void {
    const cached = this.local.readBodies(from);
    let records: Record<string, BodyRecord> | null = null;
    for (const h of articles) {
      if (h.feed !== key) continue;
      const before = theirs.get(h.slug);
      const full = before && before.url === h.url ? cached[before.key]?.full : undefined;
      if (!full) continue;
      records ??= bodies.get(key);
      const record = records[h.key];
      if (record) records[h.key] = { ...record, full };
    }
    if (records) bodies.set(key, records);
  }
}
