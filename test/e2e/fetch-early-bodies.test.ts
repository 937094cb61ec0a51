// `news fetch` writes each feed's bodies file as soon as the feed has arrived,
// long before its commit names the file in store.json (src/sync/early-merge.ts).
// Another process's commit in the meantime must neither sweep those files nor
// be undone by the fetch; a fetch that dies leaves files that the next commit
// of any command removes.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, type Item, dataDir, rss, startFeedServer, startNews, writeSubscriptions } from './feed-server.js';
import { runNews, tempHome } from './run-news.js';
import { checkStore } from './store-check.js';

let server: FeedServer;
let generation = 0;

function items(feed: string): Item[] {
  return Array.from({ length: 4 }, (_, i) => {
    const n = generation * 2 + i;
    return { guid: `${feed}-${n}`, title: `${feed} item ${n}`, link: `https://${feed}.example/${n}`, description: `<p>Body ${n} of ${feed}.</p>` };
  });
}

beforeAll(async () => {
  server = await startFeedServer({ hosts: 3 });
});
afterAll(() => server.close());

/** Three feeds on three hosts; `slow` answers after `slowMs`. Returns the home, fetched once. */
async function fetchedOnce(prefix: string): Promise<{ home: string; urls: Record<'fast' | 'slow' | 'other', string>; later: () => Record<string, string> }> {
  const home = tempHome();
  const names = ['fast', 'slow', 'other'] as const;
  const urls = Object.fromEntries(names.map((n, i) => [n, server.url(`/${prefix}-${n}.rss`, i)])) as Record<(typeof names)[number], string>;
  for (const n of names) server.route(`/${prefix}-${n}.rss`, { body: () => rss(n, items(n)) });
  writeSubscriptions(home, names.map((n) => ({ name: n, url: urls[n] })));
  let t = Date.parse('2025-06-09T11:00:00Z');
  const later = () => ({ NEWS_NOW: new Date((t += 3_600_000)).toISOString() });
  const first = await runNews(['fetch'], { home, env: later() });
  expect(first.code, first.stderr).toBe(0);
  return { home, urls, later };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(2);
  }
}

function bodiesNamed(home: string, file: string): string[] {
  const path = join(dataDir(home), file);
  if (!existsSync(path)) return [];
  const store = JSON.parse(readFileSync(path, 'utf8')) as { feeds: Record<string, { bodies: string | null }> };
  return Object.values(store.feeds).map((f) => f.bodies).filter((b): b is string => b !== null);
}


const bodyFiles = (home: string) => new Set(readdirSync(join(dataDir(home), 'bodies')));
const onlyNamedFilesLeft = (home: string) =>
  expect([...bodyFiles(home)].sort()).toEqual([...new Set([...bodiesNamed(home, 'store.json'), ...bodiesNamed(home, 'store.json.bak')])].sort());

describe('bodies files written as feeds arrive', () => {
  it('survive a commit by another process during the fetch, whose change the fetch keeps', async () => {
    const { home, urls, later } = await fetchedOnce('a');
    generation++;
    server.route('/a-slow.rss', { body: () => rss('slow', items('slow')), delayMs: 1_500 });
    const before = bodyFiles(home);
    const fetching = startNews(['fetch'], home, later());
    // The fast feeds are in (their new files written), the slow one is still on its way.
    await until(() => [...bodyFiles(home)].filter((f) => !before.has(f)).length >= 2);
    const early = [...bodyFiles(home)].filter((f) => !before.has(f));
    expect(await runNews(['feeds', 'remove', 'other'], { home })).toMatchObject({ code: 0 });
    for (const f of early) expect(existsSync(join(dataDir(home), 'bodies', f)), `${f} swept`).toBe(true);
    await runNews(['mark', '--all'], { home });

    const r = await fetching.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`fast: 2 new, 0 updated (${urls.fast})`);
    expect(r.stderr).toContain(`slow: 2 new, 0 updated (${urls.slow})`);
    const articles = [...checkStore(home).values()];
    // The removal stands (the fetch did not bring back the feed or its articles)…
    expect(articles.filter((h) => h.feed === urls.other)).toEqual([]);
    expect(JSON.parse(readFileSync(join(dataDir(home), 'store.json'), 'utf8')).feeds[urls.other]).toBeUndefined();
    // …the marks too, and the fetch's new articles are all there.
    expect(articles.filter((h) => h.feed === urls.fast).map((h) => h.key).sort()).toEqual(['id:fast-0', 'id:fast-1', 'id:fast-2', 'id:fast-3', 'id:fast-4', 'id:fast-5']);
    expect(articles.filter((h) => h.feed === urls.slow)).toHaveLength(6);
    expect(articles.filter((h) => h.read).map((h) => h.key).sort()).toEqual(
      ['id:fast-0', 'id:fast-1', 'id:fast-2', 'id:fast-3', 'id:slow-0', 'id:slow-1', 'id:slow-2', 'id:slow-3'].sort(),
    );
    onlyNamedFilesLeft(home);
    expect((await runNews(['doctor'], { home })).code).toBe(0);
  }, 30_000);

  it('of a fetch killed before its commit are left unnamed, and the next commit removes them', async () => {
    const { home, later } = await fetchedOnce('b');
    generation++;
    server.route('/b-slow.rss', { body: () => rss('slow', items('slow')), delayMs: 20_000 });
    const store = join(dataDir(home), 'store.json');
    const [ino, text] = [statSync(store).ino, readFileSync(store, 'utf8')];
    const before = bodyFiles(home);
    const fetching = startNews(['fetch'], home, later());
    await until(() => [...bodyFiles(home)].filter((f) => !before.has(f)).length >= 2);
    fetching.child.kill('SIGKILL');
    await fetching.done;

    // The old store, whole; the new files are there but nothing names them.
    expect(statSync(store).ino).toBe(ino);
    expect(readFileSync(store, 'utf8')).toBe(text);
    const strays = [...bodyFiles(home)].filter((f) => !before.has(f));
    expect(strays.length).toBeGreaterThanOrEqual(2);
    expect((await runNews(['list'], { home })).code).toBe(0);
    checkStore(home);

    // Any command's commit sweeps them once no fetch holds fetch.lock (the dead one's is stale).
    expect(await runNews(['feeds', 'remove', 'other'], { home })).toMatchObject({ code: 0 });
    for (const f of strays) expect(existsSync(join(dataDir(home), 'bodies', f)), `${f} left`).toBe(false);
    onlyNamedFilesLeft(home);
    expect((await runNews(['doctor'], { home })).code).toBe(0);
  }, 30_000);
});
