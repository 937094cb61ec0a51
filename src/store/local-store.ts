// The local store on disk, under XDG_DATA_HOME/news: store.json (headlines, read
// state, fetch state), bodies/*.json (one file per feed), read.log (read state
// changed since store.json was written), a lock, and a backup of the previous
// store.json. Every change is one commit: under the lock, re-read, change, write
// new bodies files, then atomically replace store.json (which is what makes the
// change real), then delete bodies files nothing refers to and the folded log.
// A crash at any instant leaves the old or the new store, never a mix.
import {
  type Stats,
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../article.js';
import { fnv1aHex } from '../core/hash.js';
import { DataError } from '../errors.js';
import { fsyncDir, writeFileAtomic, writeNewFileDurably } from '../io/atomic-write.js';
import { nodeStringDecoder } from '../io/builtin.js';
import { acquireLock, liveOwner } from '../io/lock.js';
import { jsonErrorLocation } from './json-error.js';
import {
  type BodiesFile,
  type BodyRecord,
  type Headline,
  type StoreFile,
  STORE_VERSION,
  emptyStore,
  headlineToArticle,
  migrateStore,
} from './local-format.js';
import { type Listing, asciiJson, buildListingIndex, findSlug, readListing } from './listing-index.js';
import { applyReadLog, parseReadLog, readLogLine } from './read-log.js';
import { bodiesByLine, isHeadline, parseHeadlineLine, readLineAt, readStoreHead, scanLines } from './store-lines.js';

// Beyond these, marking read folds everything into store.json instead of appending
// (`news mark --all`, or a log nobody has folded for a long time).
const READ_LOG_MAX_CHANGES = 1_000;
const READ_LOG_MAX_BYTES = 1 << 20;

export interface StoreMessages {
  /** Shows a path as the user knows it (~ for home). */
  show(path: string): string;
}

export class LocalStore {
  readonly storePath: string;
  readonly bodiesDir: string;
  readonly lockPath: string;

  constructor(readonly dir: string, private readonly msg: StoreMessages) {
    this.storePath = join(dir, 'store.json');
    this.bodiesDir = join(dir, 'bodies');
    this.lockPath = join(dir, 'store.lock');
    this.readLogPath = join(dir, 'read.log');
    this.indexPath = join(dir, 'headlines.idx');
  }

  /** The listing index (src/store/listing-index.ts), rewritten by every commit. */
  readonly indexPath: string;

  readonly readLogPath: string;

  exists(): boolean {
    return existsSync(this.storePath);
  }

  /** The store as it is on disk; an empty one when there is none yet. */
  read(): StoreFile {
    let text: string;
    let stamp: string;
    try {
      const fd = openSync(this.storePath, 'r');
      try {
        stamp = stampOf(fstatSync(fd));
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyStore();
      throw new DataError(`cannot read the local store ${this.msg.show(this.storePath)}: ${(err as Error).message}`);
    }
    const store = migrateStore(this.parse(text, this.storePath), this.msg.show(this.storePath));
    applyReadLog(store.articles, this.readStates());
    this.lastRead = { stamp, store };
    return store;
  }

  // The store last read, and the identity of the file it came from. Every write
  // replaces store.json by rename (a new inode), so an unchanged stamp under the
  // lock proves nobody committed since, and a commit need not parse it again.
  private lastRead: { stamp: string; store: StoreFile } | null = null;

  private readForCommit(): StoreFile {
    const last = this.lastRead;
    this.lastRead = null; // the commit changes it in place
    try {
      if (last && stampOf(statSync(this.storePath)) === last.stamp) return last.store;
    } catch {
      // no store yet: read() says so
    }
    const store = this.read();
    this.lastRead = null;
    return store;
  }

  private parse(text: string, path: string): unknown {
    try {
      return JSON.parse(text);
    } catch (err) {
      const { line, column } = jsonErrorLocation(text, err);
      throw new DataError(
        `the local store ${this.msg.show(path)} is corrupt (not valid JSON at line ${line}, column ${column}); it was left untouched: run "news doctor" to recover`,
      );
    }
  }

  /**
   * The fast path of `news read <slug>`: the headline with exactly this slug and
   * those from the same source (for "Recent posts"), found by searching
   * store.json's bytes for lines as serializeStore writes them, so that only the
   * feed states and those lines are parsed. Null when the slug is not there or
   * the file is not laid out that way (hand-edited, older): the caller then reads
   * the whole store, which also reports any damage. The article comes first;
   * `order` is each line's offset, which sorts like store order; `fill` adds
   * bodies as `articles()` does.
   */
  lookup(slug: string): HeadlineSet | null {
    const states = this.readStates();
    return this.headlineSet((fd, articlesAt) => {
      const hit = findSlug(this.indexPath, stampOf(fstatSync(fd)), slug);
      if (hit === 'absent') return null;
      let lines = hit && headlinesAt(fd, articlesAt, [hit.at, ...hit.recent.filter((at) => at !== hit.at)]);
      if (lines?.[0]?.h.slug !== slug) lines = this.scanForSlug(fd, articlesAt, slug);
      if (lines) applyReadLog(lines.map((l) => l.h), states);
      return lines;
    });
  }

  /**
   * Some headlines of store.json, as articles with a filler for their bodies:
   * `pick` gets the open file and where its articles begin, and chooses the
   * lines (null: none). Null too when store.json is missing or not laid out as
   * serializeStore writes it.
   */
  private headlineSet(pick: (fd: number, articlesAt: number) => HeadlineAt[] | null): HeadlineSet | null {
    let fd: number;
    try {
      fd = openSync(this.storePath, 'r');
    } catch {
      return null;
    }
    try {
      const top = readStoreHead(fd, VERSION_START, ARTICLES_START);
      const lines = top && pick(fd, top.articlesAt);
      if (!top || !lines) return null;
      const store = migrateStore(top.head, this.msg.show(this.storePath));
      return { articles: lines.map((l) => headlineToArticle(l.h, l.at)), fill: this.filler(store, lines) };
    } finally {
      closeSync(fd);
    }
  }

  // Without an index (an older store, or one changed since): the slug's line, then
  // every line from the same source, by searching the bytes.
  private scanForSlug(fd: number, articlesAt: number, slug: string): HeadlineAt[] | null {
    let found: HeadlineAt | null = null;
    const wanted = Buffer.from(`{"slug":${JSON.stringify(slug)},`);
    scanLines(fd, articlesAt, wanted, (line, at) => {
      if (!line.subarray(0, wanted.length).equals(wanted)) return false;
      const h = parseHeadlineLine(line);
      if (h?.slug === slug) found = { h, at };
      return true;
    });
    const hit = found as HeadlineAt | null;
    if (!hit) return null;
    const same: HeadlineAt[] = [];
    scanLines(fd, articlesAt, Buffer.from(`,"source":${JSON.stringify(hit.h.source)},`), (line, at) => {
      const h = parseHeadlineLine(line);
      if (h && h.source === hit.h.source && h.slug !== slug) same.push({ h, at });
    });
    return [hit, ...same];
  }

  /** Adds bodies to articles made from these lines, as `articles()` does, reading only the bodies files they need. */
  private filler(store: StoreFile, lines: readonly HeadlineAt[]): (articles: readonly Article[]) => Article[] {
    const bySlug = new Map(lines.map((l) => [l.h.slug, l]));
    return (articles) => {
      const wanted = articles.map((a) => bySlug.get(a.slug)).filter((l) => l !== undefined);
      const bodies = new Map<string, Record<string, BodyRecord>>();
      for (const feed of new Set(wanted.map((l) => l.h.feed))) {
        const keys = wanted.filter((l) => l.h.feed === feed).map((l) => l.h.key);
        bodies.set(feed, this.bodiesOf(store.feeds[feed]?.bodies ?? null, keys));
      }
      return articles.map((a) => {
        const l = bySlug.get(a.slug);
        return l ? headlineToArticle(l.h, l.at, bodies.get(l.h.feed)![l.h.key]) : a;
      });
    };
  }

  /**
   * `news list` from the listing index, newest first: every article as an index
   * entry (read.log applied), and the whole headlines of the few that are shown,
   * each read by its line. Null when there is no index for the current store.json.
   * With `enough`, only as much of the newest part as it asks for.
   */
  indexed(enough?: (part: Listing) => boolean): IndexedListing | null {
    let stamp: string;
    try {
      stamp = stampOf(statSync(this.storePath));
    } catch {
      return null;
    }
    const states = this.readStates();
    const byJson = states.size ? new Map([...states].map(([slug, read]) => [asciiJson(slug), read])) : null;
    const withStates = (l: Listing) => (byJson && l.applyReadStates(byJson), l);
    const found = readListing(this.indexPath, stamp, enough && ((part) => enough(withStates(part))));
    if (!found) return null;
    const listing = found.complete ? withStates(found.listing) : found.listing;
    return {
      listing,
      complete: found.complete,
      articles: (entries) =>
        this.headlineSet((fd, articlesAt) => {
          if (stampOf(fstatSync(fd)) !== stamp) return null; // a commit since
          const lines = headlinesAt(fd, articlesAt, entries.map((i) => listing.at[i]!));
          if (!lines || lines.some((l, k) => asciiJson(l.h.slug) !== listing.slugJson(entries[k]!))) return null;
          lines.forEach((l, k) => (l.h.read = listing.read[entries[k]!] === 1));
          return lines;
        }),
    };
  }

  /** These keys' bodies from a bodies file, by their lines when it is laid out as news writes it. */
  private bodiesOf(name: string | null, keys: readonly string[]): Record<string, BodyRecord> {
    if (name == null) return {};
    let found: Record<string, BodyRecord> | null = null;
    try {
      const fd = openSync(join(this.bodiesDir, name), 'r');
      try {
        found = bodiesByLine(fd, keys, BODIES_START);
      } finally {
        closeSync(fd);
      }
    } catch {
      // readBodies says what is wrong
    }
    return found ?? this.readBodies(name);
  }


  /**
   * Articles in store order, read a chunk at a time, so that output in store
   * order (`news list --sort feed`) starts before the whole store is parsed and
   * only one headline is held at a time. Null when store.json is not laid out as
   * serializeStore writes it (the caller then reads it whole). A damaged line
   * is reported when reached, after the articles before it were yielded.
   */
  stream(withBodies: boolean): Iterable<Article> | null {
    const states = this.readStates();
    let fd: number;
    try {
      fd = openSync(this.storePath, 'r');
    } catch {
      return null;
    }
    const top = readStoreHead(fd, VERSION_START, ARTICLES_START);
    if (!top) {
      closeSync(fd);
      return null;
    }
    const store = migrateStore(top.head, this.msg.show(this.storePath));
    const bodiesOf = this.bodiesByFeed(store);
    const chunk = Buffer.allocUnsafe(1 << 20);
    const { StringDecoder } = nodeStringDecoder();
    const decoder = new StringDecoder('utf8');
    let text = '';
    let eof = false;
    let filePos = top.articlesAt;
    const more = () => {
      const n = readSync(fd, chunk, 0, chunk.length, filePos);
      filePos += n;
      if (n === 0) eof = true;
      text += n === 0 ? decoder.end() : decoder.write(chunk.subarray(0, n));
    };
    const corrupt = (line: number, column: number, what: string) =>
      new DataError(`the local store ${this.msg.show(this.storePath)} is corrupt (${what} at line ${line}, column ${column}); it was left untouched: run "news doctor" to recover`);
    let lineNo = top.articlesLine;
    return {
      *[Symbol.iterator]() {
        try {
          let order = 0;
          let pos = 0;
          for (;;) {
            let nl = text.indexOf('\n', pos);
            while (nl < 0 && !eof) {
              text = text.slice(pos);
              pos = 0;
              more();
              nl = text.indexOf('\n');
            }
            if (nl < 0) {
              if (text.slice(pos).trim() === ']}') return;
              throw corrupt(lineNo, text.length - pos + 1, 'it ends before its last article');
            }
            const line = text.slice(pos, nl);
            pos = nl + 1;
            if (line === '') {
              lineNo++;
              continue; // an empty store's articles array
            }
            if (line === ']}') {
              while (!eof) more();
              if (text.slice(pos).trim() !== '') throw corrupt(lineNo + 1, 1, 'unexpected text after the end');
              return;
            }
            let h: unknown;
            const json = line.endsWith(',') ? line.slice(0, -1) : line;
            try {
              h = JSON.parse(json);
            } catch (err) {
              throw corrupt(lineNo, jsonErrorLocation(json, err).column, 'not valid JSON');
            }
            if (!isHeadline(h)) throw corrupt(lineNo, 1, 'not an article');
            const read = states.get(h.slug);
            if (read !== undefined) h.read = read;
            yield headlineToArticle(h, order++, withBodies ? bodiesOf(h.feed)[h.key] : undefined);
            lineNo++;
          }
        } finally {
          closeSync(fd);
        }
      },
    };
  }

  /** A feed's bodies by its URL, each file parsed on first use and then kept. */
  private bodiesByFeed(store: StoreFile): (feed: string) => Record<string, BodyRecord> {
    const loaded = new Map<string, Record<string, BodyRecord>>();
    return (feed) => {
      let b = loaded.get(feed);
      if (!b) loaded.set(feed, (b = this.readBodies(store.feeds[feed]?.bodies ?? null)));
      return b;
    };
  }

  /** Read state logged since store.json was written, last entry per slug. */
  readStates(): Map<string, boolean> {
    let text: string;
    try {
      text = readFileSync(this.readLogPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new DataError(`cannot read ${this.msg.show(this.readLogPath)}: ${(err as Error).message}`);
    }
    return parseReadLog(text, this.msg.show(this.readLogPath));
  }

  /**
   * Records read state. A few changes are appended to read.log under the lock
   * (store.json is not rewritten); many are committed into store.json at once.
   */
  async setRead(changes: ReadonlyMap<string, boolean>): Promise<void> {
    if (changes.size === 0) return;
    if (changes.size > READ_LOG_MAX_CHANGES || sizeOf(this.readLogPath) > READ_LOG_MAX_BYTES) {
      await this.commit((store) => applyReadLog(store.articles, changes));
      return;
    }
    const lock = await acquireLock(this.lockPath, `writing the local store ${this.msg.show(this.dir)}`);
    try {
      const created = !existsSync(this.readLogPath);
      const fd = openSync(this.readLogPath, 'a+', 0o644);
      try {
        dropTornTail(fd);
        writeSync(fd, Buffer.from([...changes].map(([slug, read]) => readLogLine(slug, read)).join('')));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (created) fsyncDir(this.dir);
    } finally {
      lock.release();
    }
  }

  readBodies(name: string | null): Record<string, BodyRecord> {
    if (name == null) return {};
    const path = join(this.bodiesDir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new DataError(`the local store refers to ${this.msg.show(path)}, which is missing: run "news doctor"`);
      }
      throw err;
    }
    const data = this.parse(text, path) as Partial<BodiesFile>;
    if (!data || typeof data.bodies !== 'object' || data.bodies === null) throw new DataError(`${this.msg.show(path)}: not a news bodies file; run "news doctor"`);
    return data.bodies;
  }

  /**
   * Articles in store order. `bodies` says which articles need summary and body:
   * none (headlines only, the fast path of `news list`), all, or a chosen few.
   */
  articles(store: StoreFile, bodies: 'none' | 'all' | ((slug: string) => boolean) = 'none'): Article[] {
    const want = bodies === 'none' ? () => false : bodies === 'all' ? () => true : bodies;
    const bodiesOf = this.bodiesByFeed(store);
    return store.articles.map((h, i) => headlineToArticle(h, i, want(h.slug) ? bodiesOf(h.feed)[h.key] : undefined));
  }

  /** Runs one change under the lock and commits it atomically. */
  async commit<T>(change: (store: StoreFile, bodies: BodiesWriter) => T | Promise<T>): Promise<T> {
    mkdirSync(this.bodiesDir, { recursive: true });
    const lock = await acquireLock(this.lockPath, `writing the local store ${this.msg.show(this.dir)}`);
    try {
      const store = this.readForCommit(); // current, under the lock: another process may have committed
      // Marks appended since that read (by us or another process) are folded in now.
      const logged = existsSync(this.readLogPath);
      if (logged) applyReadLog(store.articles, this.readStates());
      // What store.json refers to now is what store.json.bak will refer to.
      const backupRefs = bodiesRefs(store);
      const writer = new BodiesWriter(this, store);
      const result = await change(store, writer);
      writer.flush();
      store.version = STORE_VERSION;
      this.backupCurrent();
      const serialized = serializeStore(store);
      writeFileAtomic(this.storePath, serialized.text);
      this.writeIndex(store, serialized.offsets);
      // store.json now holds the logged state; if this unlink is lost in a crash,
      // replaying the log onto it changes nothing.
      if (logged) tryUnlink(this.readLogPath);
      this.removeUnreferencedBodies(store, backupRefs);
      return result;
    } finally {
      lock.release();
    }
  }

  // The index is derived: if it cannot be written, the stale one names the old
  // store.json and is ignored, so the commit stands and listing reads store.json.
  // It is not fsynced (two fsyncs a commit): a crash can leave only the old one,
  // which names another store.json, or a new one whose data never reached the
  // disk, which its reader finds not laid out as written (listing-index.ts) and
  // ignores too.
  private writeIndex(store: StoreFile, offsets: readonly number[]): void {
    try {
      writeFileAtomic(this.indexPath, buildListingIndex(store.articles, offsets, stampOf(statSync(this.storePath))), 0o644, { durable: false });
    } catch {
      tryUnlink(this.indexPath);
    }
  }

  // The previous store.json stays as store.json.bak (a hard link, so taking it
  // costs nothing and never leaves a moment without store.json).
  private backupCurrent(): void {
    if (!existsSync(this.storePath)) return;
    const bak = `${this.storePath}.bak`;
    try {
      unlinkSync(bak);
    } catch {
      // no backup yet
    }
    linkSync(this.storePath, bak);
  }

  private removeUnreferencedBodies(store: StoreFile, backupRefs: Set<string | null>): void {
    // Files the backup refers to stay too, so that the backup is restorable.
    const used = new Set([...bodiesRefs(store), ...backupRefs]);
    // Temporary files can only be left by a process killed mid-write: every write
    // happens under the lock we hold now.
    for (const name of readdirSync(this.dir)) {
      if ((name.startsWith('.store.json.') || name.startsWith('.headlines.idx.')) && name.endsWith('.tmp')) tryUnlink(join(this.dir, name));
    }
    // `news fetch` writes each feed's bodies file as soon as the feed has arrived,
    // before taking this lock, and names them all in store.json only in its commit
    // at the end (src/sync/early-merge.ts). Until then they look unreferenced, so
    // the files of the live process holding fetch.lock are kept. The listing is
    // taken before fetch.lock is read, which makes this safe:
    // - a fetch holding fetch.lock at that read is spared (its files carry its pid);
    // - a fetch that took fetch.lock after it wrote nothing that is listed;
    // - a fetch that let go of it before either committed already (it commits
    //   under the store lock, which we hold, so `store` names its files) or died,
    //   and then its files are orphans and go.
    // The fetch's own commit spares nothing: only what it names is still needed.
    const names = readdirSync(this.bodiesDir);
    const fetching = liveOwner(join(this.dir, 'fetch.lock'));
    const spared = fetching !== null && fetching !== process.pid ? fetching : null;
    for (const name of names) {
      if (spared !== null && writerOf(name) === spared) continue;
      if (name.endsWith('.tmp') || (!used.has(name) && name.endsWith('.json'))) {
        try {
          unlinkSync(join(this.bodiesDir, name));
        } catch {
          // removed already
        }
      }
    }
  }
}

/** Collects the bodies a commit changes and writes each feed's file once. */
export class BodiesWriter {
  private readonly pending = new Map<string, Record<string, BodyRecord>>();

  constructor(private readonly local: LocalStore, private readonly store: StoreFile) {}

  get(feed: string): Record<string, BodyRecord> {
    return this.pending.get(feed) ?? this.local.readBodies(this.store.feeds[feed]?.bodies ?? null);
  }

  set(feed: string, bodies: Record<string, BodyRecord>): void {
    this.pending.set(feed, bodies);
  }

  /** Writes new files (never overwriting one the current store.json uses) and points the feeds at them. */
  flush(): void {
    for (const [feed, bodies] of this.pending) {
      const state = this.store.feeds[feed];
      if (!state) continue;
      const file = bodiesFile(feed, bodies);
      writeNewFileDurably(join(this.local.bodiesDir, file.name), file.text);
      state.bodies = file.name;
    }
    // One directory fsync for the batch, before store.json can name the files.
    if (this.pending.size) fsyncDir(this.local.bodiesDir);
    this.pending.clear();
  }
}

// Unique within the process (one counter for every writer), and across processes
// by the pid, which removeUnreferencedBodies reads back.
let bodiesSeq = 0;

/** A new bodies file for a feed: a name no other file has had, and its text. */
export function bodiesFile(feed: string, bodies: Record<string, BodyRecord>): { name: string; text: string } {
  const name = `${fnv1aHex(feed)}-${Date.now().toString(36)}-${process.pid}-${bodiesSeq++}.json`;
  const file: BodiesFile = { version: STORE_VERSION, feed, bodies };
  return { name, text: serializeBodies(file) };
}

/** The pid of the process that wrote a bodies file, from its name; null for other names. */
function writerOf(name: string): number | null {
  const m = /^[0-9a-f]{8}-[0-9a-z]+-(\d+)-\d+\.json$/.exec(name);
  return m ? Number(m[1]) : null;
}

// How serializeStore begins the file and the headline lines.
const VERSION_START = Buffer.from(`{"version":${STORE_VERSION},\n"feeds":`);
const ARTICLES_START = Buffer.from(',\n"articles":[\n');
const BODIES_START = Buffer.from(`{"version":${STORE_VERSION},"feed":`);

function bodiesRefs(store: StoreFile): Set<string | null> {
  return new Set(Object.values(store.feeds).map((f) => f.bodies));
}

function stampOf(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

// An append cut short by a crash leaves a last line without its newline; the next
// append would glue onto it, so it is cut off first (it never took effect).
function dropTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  const text = readFileSync(fd);
  ftruncateSync(fd, text.lastIndexOf(0x0a) + 1);
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}


// One article per line: readable, greppable and diffable, yet compact. Each
// line's byte offset is kept for the listing index.
export function serializeStore(s: StoreFile): { text: string; offsets: number[] } {
  const lines = s.articles.map((a) => JSON.stringify(a));
  const head = `{"version":${s.version},\n"feeds":${JSON.stringify(s.feeds, null, 1)},\n"articles":[\n`;
  const offsets = new Array<number>(lines.length);
  let at = Buffer.byteLength(head);
  for (let i = 0; i < lines.length; i++) {
    offsets[i] = at;
    at += Buffer.byteLength(lines[i]!) + 2;
  }
  return { text: `${head}${lines.join(',\n')}\n]}\n`, offsets };
}

interface HeadlineAt {
  h: Headline;
  /** Byte offset of its line in store.json. */
  at: number;
}

/** The headlines whose lines begin at these offsets (each must follow a newline, after the articles began); null if any is not one. */
function headlinesAt(fd: number, articlesAt: number, offsets: readonly number[]): HeadlineAt[] | null {
  const found: HeadlineAt[] = [];
  for (const at of offsets) {
    const line = at < articlesAt ? null : readLineAt(fd, at, { afterNewline: true });
    const h = line && parseHeadlineLine(line);
    if (!h) return null;
    found.push({ h, at });
  }
  return found;
}

/** Articles from some of store.json's headlines, and how to add their bodies (as `articles()` does). */
export interface HeadlineSet {
  articles: Article[];
  fill(articles: readonly Article[]): Article[];
}

export interface IndexedListing {
  /** Newest first, with read.log applied. */
  listing: Listing;
  /** False when only the newest part was read, because that was enough. */
  complete: boolean;
  /** The headlines of these entries (listing positions), in their order, with a filler for bodies; null when store.json changed meanwhile. */
  articles(entries: readonly number[]): HeadlineSet | null;
}

function serializeBodies(b: BodiesFile): string {
  const entries = Object.entries(b.bodies).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n');
  return `{"version":${b.version},"feed":${JSON.stringify(b.feed)},"bodies":{\n${entries}\n}}\n`;
}
