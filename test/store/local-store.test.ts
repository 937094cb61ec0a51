import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { type BodyRecord, type Headline, emptyFeedState } from '../../src/store/local-format.js';
import { LocalStore } from '../../src/store/local-store.js';

const FEED = 'https://a.example/feed';
const OTHER = 'https://b.example/feed';

let dir: string;
let local: LocalStore;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'news-store-')), 'news');
  local = new LocalStore(dir, { show: (p) => p.replace(dir, '<dir>') });
});

const path = (...p: string[]) => join(dir, ...p);
const bodiesFiles = () => readdirSync(path('bodies')).sort();
const body = (text: string): BodyRecord => ({ summary: null, body: text, html: null, enclosures: [] });

function headline(feed: string, key: string, slug: string): Headline {
  return {
    slug, feed, key, id: key, title: slug, url: null, source: null, category: null, categories: [], author: null,
    publishedAt: null, updatedAt: null, image: null, seenAt: '2025-06-09T11:00:00Z', read: false,
  };
}

/** Adds an article and its body to a feed, the way a fetch does. */
function addArticle(feed: string, key: string, slug: string) {
  return local.commit((store, bodies) => {
    store.feeds[feed] ??= emptyFeedState();
    store.articles.push(headline(feed, key, slug));
    bodies.set(feed, { ...bodies.get(feed), [key]: body(`body of ${slug}`) });
  });
}

const markAllRead = () =>
  local.commit((store) => {
    for (const h of store.articles) h.read = true;
  });

describe('LocalStore.read', () => {
  it('is an empty store when there is none yet, and writes nothing', () => {
    expect(local.read()).toEqual({ version: 1, feeds: {}, articles: [] });
    expect(local.exists()).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it.each([
    ['{"version":1,\n"feeds":{,}', 'the local store <dir>/store.json is corrupt (not valid JSON at line 2, column 10); it was left untouched: run "news doctor" to recover'],
    ['{"version":99,"feeds":{},"articles":[]}', '<dir>/store.json: written by a newer news (store version 99, this one reads 1); upgrade news'],
    ['[]', '<dir>/store.json: not a news local store'],
    ['{"feeds":{},"articles":[]}', '<dir>/store.json: not a news local store (no version)'],
  ])('refuses %j with a DataError naming the file', (text, message) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path('store.json'), text);
    expect(() => local.read()).toThrow(new DataError(message));
  });
});

describe('LocalStore.commit', () => {
  it('writes store.json and one bodies file per feed, which read back as articles', async () => {
    await addArticle(FEED, 'id:1', 'first');
    await addArticle(OTHER, 'id:2', 'second');
    const store = local.read();
    expect(store.articles.map((h) => h.slug)).toEqual(['first', 'second']);
    expect(bodiesFiles()).toEqual([store.feeds[FEED]!.bodies, store.feeds[OTHER]!.bodies].sort());
    const articles = local.articles(store, 'all');
    expect(articles.map((a) => [a.slug, a.body, a.read, a.order])).toEqual([
      ['first', 'body of first', false, 0],
      ['second', 'body of second', false, 1],
    ]);
    // Headlines only unless asked.
    expect(local.articles(store).map((a) => a.body)).toEqual([null, null]);
  });

  it('keeps the previous store.json as store.json.bak, a hard link to it', async () => {
    await addArticle(FEED, 'id:1', 'first');
    expect(existsSync(path('store.json.bak'))).toBe(false);
    const before = { text: readFileSync(path('store.json'), 'utf8'), ino: statSync(path('store.json')).ino };
    await markAllRead();
    expect(readFileSync(path('store.json.bak'), 'utf8')).toBe(before.text);
    expect(statSync(path('store.json.bak')).ino).toBe(before.ino);
    expect(statSync(path('store.json')).ino).not.toBe(before.ino);
  });

  it('removes bodies files nothing refers to, but keeps those the backup needs', async () => {
    await addArticle(FEED, 'id:1', 'first');
    const v1 = local.read().feeds[FEED]!.bodies!;
    await addArticle(FEED, 'id:2', 'second');
    const v2 = local.read().feeds[FEED]!.bodies!;
    expect(v2).not.toBe(v1);
    // store.json needs v2, store.json.bak (the first state) needs v1.
    expect(bodiesFiles()).toEqual([v1, v2].sort());

    // Leftovers of killed processes and files of no feed go at the next commit;
    // what is not ours stays.
    writeFileSync(path('bodies', 'deadbeef-old-1-0.json'), '{}');
    writeFileSync(path('bodies', '.deadbeef-x.json.123.456.tmp'), '{');
    writeFileSync(path('.store.json.123.456.tmp'), '{');
    writeFileSync(path('.headlines.idx.123.456.tmp'), '{');
    writeFileSync(path('bodies', 'notes.txt'), 'mine');
    await markAllRead(); // the backup is now the second state: v1 is no longer needed
    expect(bodiesFiles()).toEqual([v2, 'notes.txt'].sort());
    expect(readdirSync(dir).sort()).toEqual(['bodies', 'headlines.idx', 'store.json', 'store.json.bak']);
  });

  it('writes nothing when the change throws, and releases the lock', async () => {
    await addArticle(FEED, 'id:1', 'first');
    await markAllRead();
    const snapshot = () => ({
      store: readFileSync(path('store.json'), 'utf8'),
      bak: readFileSync(path('store.json.bak'), 'utf8'),
      ino: statSync(path('store.json')).ino,
      bodies: bodiesFiles(),
      files: readdirSync(dir).sort(),
    });
    const before = snapshot();
    const failing = local.commit((store, bodies) => {
      store.articles = [];
      bodies.set(FEED, { 'id:9': body('never written') });
      throw new Error('change failed');
    });
    await expect(failing).rejects.toThrow('change failed');
    expect(snapshot()).toEqual(before);
    expect(existsSync(local.lockPath)).toBe(false);
    await addArticle(FEED, 'id:2', 'second');
    expect(local.read().articles.map((h) => h.slug)).toEqual(['first', 'second']);
  });

  it('refuses to change a store it cannot read, leaving it as it is', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path('store.json'), '{"version":99,"feeds":{},"articles":[]}');
    await expect(markAllRead()).rejects.toBeInstanceOf(DataError);
    expect(readFileSync(path('store.json'), 'utf8')).toBe('{"version":99,"feeds":{},"articles":[]}');
    expect(existsSync(path('store.json.bak'))).toBe(false);
    expect(existsSync(local.lockPath)).toBe(false);
  });

  it('runs commits one at a time, each on the result of the last: none is lost', async () => {
    await Promise.all(Array.from({ length: 5 }, (_, i) => addArticle(i % 2 ? FEED : OTHER, `id:${i}`, `article-${i}`)));
    const store = local.read();
    expect(store.articles.map((h) => h.slug).sort()).toEqual(['article-0', 'article-1', 'article-2', 'article-3', 'article-4']);
    const articles = local.articles(store, 'all');
    expect(articles.every((a) => a.body === `body of ${a.slug}`)).toBe(true);
  });

  it('names a bodies file that store.json refers to but is missing', async () => {
    await addArticle(FEED, 'id:1', 'first');
    const name = local.read().feeds[FEED]!.bodies!;
    // Remove it behind the store's back (as a careless cleanup would).
    unlinkSync(path('bodies', name));
    expect(() => local.articles(local.read(), 'all')).toThrow(
      new DataError(`the local store refers to <dir>/bodies/${name}, which is missing: run "news doctor"`),
    );
  });
});

describe('LocalStore.setRead (read.log)', () => {
  const readOf = () => Object.fromEntries(local.read().articles.map((h) => [h.slug, h.read]));

  it('appends a few marks to read.log without rewriting store.json, and read() applies them in order', async () => {
    await addArticle(FEED, 'a', 'alpha');
    await addArticle(FEED, 'b', 'beta');
    const before = statSync(path('store.json')).ino;
    await local.setRead(new Map([['alpha', true], ['beta', true]]));
    await local.setRead(new Map([['beta', false]]));
    expect(statSync(path('store.json')).ino).toBe(before);
    expect(readFileSync(path('read.log'), 'utf8')).toBe(
      '{"slug":"alpha","read":true}\n{"slug":"beta","read":true}\n{"slug":"beta","read":false}\n',
    );
    expect(readOf()).toEqual({ alpha: true, beta: false });
    expect(existsSync(path('store.lock'))).toBe(false);
  });

  it('is folded into store.json by the next commit, which removes it', async () => {
    await addArticle(FEED, 'a', 'alpha');
    await local.setRead(new Map([['alpha', true]]));
    await addArticle(FEED, 'b', 'beta');
    expect(existsSync(path('read.log'))).toBe(false);
    expect(readFileSync(path('store.json'), 'utf8')).toContain('"slug":"alpha"');
    expect(JSON.parse(readFileSync(path('store.json'), 'utf8')).articles.map((h: Headline) => h.read)).toEqual([true, false]);
  });

  it('folds marks appended after this process read the store (another process\'s)', async () => {
    await addArticle(FEED, 'a', 'alpha');
    local.read(); // cached for the commit
    const other = new LocalStore(dir, { show: (p) => p });
    await other.setRead(new Map([['alpha', true]]));
    await addArticle(FEED, 'b', 'beta');
    expect(readOf()).toEqual({ alpha: true, beta: false });
  });

  it('replaying a log left by a crash after the fold changes nothing', async () => {
    await addArticle(FEED, 'a', 'alpha');
    await local.setRead(new Map([['alpha', true]]));
    const log = readFileSync(path('read.log'));
    await addArticle(FEED, 'b', 'beta');
    writeFileSync(path('read.log'), log); // as if the unlink had been lost
    expect(readOf()).toEqual({ alpha: true, beta: false });
  });

  it('ignores a last line cut short by a crash, and the next append cuts it off', async () => {
    await addArticle(FEED, 'a', 'alpha');
    await addArticle(FEED, 'b', 'beta');
    writeFileSync(path('read.log'), '{"slug":"alpha","read":true}\n{"slug":"be');
    expect(readOf()).toEqual({ alpha: true, beta: false });
    await local.setRead(new Map([['beta', true]]));
    expect(readFileSync(path('read.log'), 'utf8')).toBe('{"slug":"alpha","read":true}\n{"slug":"beta","read":true}\n');
  });

  it('reports a damaged log with its path and leaves everything untouched', async () => {
    await addArticle(FEED, 'a', 'alpha');
    writeFileSync(path('read.log'), '{"slug":"alpha","read":true}\nnot json\n');
    const message = 'the read-state log <dir>/read.log is corrupt at line 2; it was left untouched: run "news doctor" to recover';
    expect(() => local.read()).toThrow(message);
    expect(() => local.read()).toThrow(DataError); // exit code 4
    const store = readFileSync(path('store.json'), 'utf8');
    await expect(addArticle(FEED, 'b', 'beta')).rejects.toThrow(message);
    expect(readFileSync(path('store.json'), 'utf8')).toBe(store);
    expect(readFileSync(path('read.log'), 'utf8')).toBe('{"slug":"alpha","read":true}\nnot json\n');
  });

  it('commits many changes into store.json at once instead of logging them', async () => {
    await local.commit((store) => {
      store.feeds[FEED] = emptyFeedState();
      for (let i = 0; i < 1_500; i++) store.articles.push(headline(FEED, `k${i}`, `s${i}`));
    });
    await local.setRead(new Map(Array.from({ length: 1_500 }, (_, i) => [`s${i}`, true])));
    expect(existsSync(path('read.log'))).toBe(false);
    expect(JSON.parse(readFileSync(path('store.json'), 'utf8')).articles.every((h: Headline) => h.read)).toBe(true);
  });
});

describe('LocalStore.lookup (news read <slug> without parsing the whole store)', () => {
  async function threeArticles() {
    await local.commit((store, bodies) => {
      store.feeds[FEED] = emptyFeedState();
      store.feeds[OTHER] = emptyFeedState();
      const a = { ...headline(FEED, 'a', 'alpha'), source: 'A', publishedAt: '2025-06-09T10:00:00Z' };
      // A title that quotes another headline's text must not be taken for one.
      const trap = { ...headline(FEED, 't', 'trap'), title: '\n{"slug":"beta","source":"B",', source: 'A' };
      const b = { ...headline(OTHER, 'b', 'beta'), source: 'B' };
      const c = { ...headline(OTHER, 'c', 'gamma'), source: 'A', author: 'from the other feed' };
      store.articles.push(a, trap, b, c);
      bodies.set(FEED, { a: body('body of alpha'), t: body('body of trap') });
      bodies.set(OTHER, { b: body('body of beta'), c: body('body of gamma') });
    });
  }

  it('finds the slug and the articles of the same source, as the whole store would', async () => {
    await threeArticles();
    await local.setRead(new Map([['gamma', true]]));
    const hit = local.lookup('alpha')!;
    expect(hit.articles.map((a) => [a.slug, a.read])).toEqual([['alpha', false], ['trap', false], ['gamma', true]]);
    const whole = local.articles(local.read(), 'all');
    const filled = hit.fill(hit.articles);
    for (const a of filled) {
      expect({ ...a, order: 0 }).toEqual({ ...whole.find((w) => w.slug === a.slug)!, order: 0 });
    }
    // Offsets sort like store order.
    expect(filled.map((a) => a.order)).toEqual([...filled.map((a) => a.order)].sort((x, y) => x - y));
    expect(local.lookup('beta')!.articles.map((a) => a.slug)).toEqual(['beta']);
  });

  it('is null when the slug is absent, is only a prefix, or the file is not laid out as news writes it', async () => {
    await threeArticles();
    expect(local.lookup('alp')).toBeNull();
    expect(local.lookup('delta')).toBeNull();
    const data = JSON.parse(readFileSync(path('store.json'), 'utf8'));
    writeFileSync(path('store.json'), JSON.stringify(data, null, 2));
    expect(local.lookup('alpha')).toBeNull();
    writeFileSync(path('store.json'), JSON.stringify({ ...data, version: 2 }));
    expect(local.lookup('alpha')).toBeNull();
  });

  it('is null without a store', () => {
    expect(local.lookup('alpha')).toBeNull();
  });
});

describe('LocalStore.stream (store order, a chunk at a time)', () => {
  it('yields the articles of store.json in order, with bodies when asked and logged read state', async () => {
    await addArticle(FEED, 'a', 'alpha');
    await addArticle(OTHER, 'b', 'beta');
    await addArticle(FEED, 'c', 'gamma');
    await local.setRead(new Map([['beta', true]]));
    const streamed = [...local.stream(true)!];
    expect(streamed).toEqual(local.articles(local.read(), 'all'));
    expect(streamed.map((a) => [a.slug, a.body, a.read])).toEqual([
      ['alpha', 'body of alpha', false],
      ['beta', 'body of beta', true],
      ['gamma', 'body of gamma', false],
    ]);
    expect([...local.stream(false)!].map((a) => a.body)).toEqual([null, null, null]);
  });

  it('handles an empty store, and lines longer than a read chunk', async () => {
    await local.commit((store) => {
      store.feeds[FEED] = emptyFeedState();
    });
    expect([...local.stream(false)!]).toEqual([]);
    await local.commit((store) => {
      store.articles.push({ ...headline(FEED, 'l', 'long'), title: 'é'.repeat(1_500_000) });
    });
    expect([...local.stream(false)!].map((a) => a.title.length)).toEqual([1_500_000]);
  });

  it('is null for a store laid out otherwise or missing, and reports a cut-off file', async () => {
    expect(local.stream(false)).toBeNull();
    await addArticle(FEED, 'a', 'alpha');
    await addArticle(FEED, 'b', 'beta');
    const text = readFileSync(path('store.json'), 'utf8');
    writeFileSync(path('store.json'), JSON.stringify(JSON.parse(text), null, 2));
    expect(local.stream(false)).toBeNull();
    const cut = text.slice(0, text.indexOf('{"slug":"beta"'));
    writeFileSync(path('store.json'), cut);
    const it = local.stream(false)![Symbol.iterator]();
    expect(it.next().value.slug).toBe('alpha');
    // The line of the file where it ends, counted past the feed states.
    const line = cut.split('\n').length;
    expect(line).toBeGreaterThan(10);
    expect(() => it.next()).toThrow(`the local store <dir>/store.json is corrupt (it ends before its last article at line ${line}, column 1)`);
  });
});
