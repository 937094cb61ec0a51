// The local store survives `kill -9` at any moment of a fetch, concurrent
// fetches, and locks left behind by dead processes: no lost article, no
// duplicate, never a store that cannot be read.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, type Item, dataDir, rss, startFeedServer, startNews, writeSubscriptions } from './feed-server.js';
import { fixture, runNews, tempHome } from './run-news.js';
import { type StoredHeadline as Headline, checkStore } from './store-check.js';

const FEEDS = 30;
const ITEMS = 50;
/** Items each generation of the feeds adds (and drops from the feed's end). */
const SHIFT = 5;
const HOSTS = 10;

let server: FeedServer;
/** Bumped before each fetch so that every fetch has new items to write. */
let generation = 0;

function items(f: number): Item[] {
  return Array.from({ length: ITEMS }, (_, i) => {
    const n = generation * SHIFT + i;
    return {
      guid: `f${f}-${n}`,
      title: `Feed ${f} item ${n}`,
      link: `https://f${f}.example/items/${n}`,
      pubDate: new Date(Date.UTC(2025, 4, 1) + n * 3_600_000).toUTCString(),
      description: `<p>Item ${n} of feed ${f}. ${'Some body text. '.repeat(12)}</p>`,
    };
  });
}

beforeAll(async () => {
  server = await startFeedServer({ hosts: HOSTS });
  for (let f = 0; f < FEEDS; f++) server.route(`/f${f}.rss`, { body: () => rss(`Feed ${f}`, items(f)) });
  server.route('/alpha.rss', { body: readFileSync(fixture('sync', 'alpha.rss')) });
});

afterAll(() => server.close());

function subscribeAll(home: string): void {
  writeSubscriptions(
    home,
    Array.from({ length: FEEDS }, (_, f) => ({ name: `Feed ${f}`, url: server.url(`/f${f}.rss`, f % HOSTS) })),
  );
}

/** A clock that moves on an hour per call, so every feed is due at every fetch. */
function clock(): () => Record<string, string> {
  let t = Date.parse('2025-06-09T11:00:00Z');
  return () => ({ NEWS_NOW: new Date((t += 3_600_000)).toISOString() });
}

/** Everything in `before` is still there, read state included. */
function expectNothingLost(before: Map<string, Headline>, after: Map<string, Headline>): void {
  const lost = [...before.keys()].filter((k) => !after.has(k));
  expect(lost, 'articles lost').toEqual([]);
  const unread = [...before].filter(([k, h]) => h.read && !after.get(k)!.read).map(([, h]) => h.slug);
  expect(unread, 'read state lost').toEqual([]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(done: () => boolean, exited: Promise<unknown>): Promise<boolean> {
  let over = false;
  void exited.then(() => (over = true));
  while (!done()) {
    if (over) return false;
    await sleep(1);
  }
  return true;
}

describe('kill -9 during news fetch', () => {
  it('leaves a readable store that has every article of the last completed state', async () => {
    const home = tempHome();
    subscribeAll(home);
    const later = clock();

    // Each run is killed a random few ms after one of the moments a commit goes
    // through, in turn, so that every step is hit however fast the machine is:
    // talking to the server; merging under the store lock; writing bodies files;
    // just after store.json was replaced (cleaning up; the new state must be there).
    const dir = dataDir(home);
    const inode = () => (existsSync(join(dir, 'store.json')) ? statSync(join(dir, 'store.json')).ino : 0);
    const bodyFiles = () => new Set(existsSync(join(dir, 'bodies')) ? readdirSync(join(dir, 'bodies')) : []);
    const lockedBy = (pid: number) => {
      try {
        return readFileSync(join(dir, 'store.lock'), 'utf8') === `${pid}\n`;
      } catch {
        return false;
      }
    };
    const RUNS = 16;
    let committed = 0;
    let baseline = new Map<string, Headline>();
    for (let i = 0; i < RUNS; i++) {
      generation++;
      const seen = server.requests.length;
      const [ino, files] = [inode(), bodyFiles()];
      const p = startNews(['fetch'], home, later());
      const step = i % 4;
      const moments = [
        () => server.requests.length > seen,
        () => lockedBy(p.pid),
        () => [...bodyFiles()].some((f) => !files.has(f)),
        () => inode() !== ino,
      ];
      if (await until(moments[step]!, p.done)) await sleep([5 + Math.random() * 145, Math.random() * 40, Math.random() * 8, Math.random() * 3][step]!);
      p.child.kill('SIGKILL');
      await p.done;

      const list = await runNews(['list'], { home, env: later() });
      expect(list.code, list.stderr).toBe(0);
      if (inode() === 0) {
        // Killed before the first commit: there is no store yet, nothing to lose.
        expect(baseline.size).toBe(0);
        continue;
      }
      let now = checkStore(home);
      expectNothingLost(baseline, now);
      if (inode() !== ino) {
        committed++;
        expect(now.size).toBeGreaterThan(baseline.size);
      } else expect(now.size).toBe(baseline.size);
      if (ino === 0) {
        // Read state set between crashes must survive them.
        expect((await runNews(['mark', '--all', '--search', 'item 1'], { home, env: later() })).code).toBe(0);
        now = checkStore(home);
      }
      baseline = now;
    }
    expect(committed).toBeGreaterThanOrEqual(RUNS / 4); // the runs killed after replacing store.json

    // The next fetch takes over the locks the killed ones left, and completes.
    generation++;
    const last = await runNews(['fetch'], { home, env: later() });
    expect(last.code, last.stderr).toBe(0);
    expect(existsSync(join(dataDir(home), 'fetch.lock'))).toBe(false);
    expect(existsSync(join(dataDir(home), 'store.lock'))).toBe(false);
    const final = checkStore(home);
    expectNothingLost(baseline, final);
    // What the killed runs left behind is cleaned up: only the files that store.json
    // or its backup name remain.
    const named = (file: string) => Object.values(JSON.parse(readFileSync(join(dir, file), 'utf8')).feeds).map((f) => (f as { bodies: string }).bodies);
    expect(readdirSync(join(dir, 'bodies')).sort()).toEqual([...new Set([...named('store.json'), ...named('store.json.bak')])].sort());
    for (let f = 0; f < FEEDS; f++) {
      for (const item of items(f)) expect(final.has(`${server.url(`/f${f}.rss`, f % HOSTS)}\u0000id:${item.guid}`)).toBe(true);
    }
    expect((await runNews(['doctor'], { home })).code).toBe(0);
  }, 60_000);
});

describe('concurrent fetches', () => {
  it('two fetches started together, then a third: nothing lost, no duplicates', async () => {
    const home = tempHome();
    subscribeAll(home);
    const later = clock();
    generation++;
    const env = later();
    const a = startNews(['fetch'], home, env);
    const b = startNews(['fetch'], home, env);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const results = [ra, rb].map((r) => r.code).sort();
    expect([[0, 0], [0, 1]]).toContainEqual(results);
    for (const [r, other] of [[ra, a.pid], [rb, b.pid]] as const) {
      if (r.code === 1) expect(r.stderr).toBe(`news: another news process (pid ${other === a.pid ? b.pid : a.pid}) is fetching feeds; try again when it has finished\n`);
    }
    const afterTwo = checkStore(home);
    expect(afterTwo.size).toBe(FEEDS * ITEMS);

    generation++;
    const third = await runNews(['fetch'], { home, env: later() });
    expect(third.stderr.split('\n').at(-2)).toBe(`news: ${FEEDS * SHIFT} new articles from ${FEEDS} feeds; 0 failed`);
    const final = checkStore(home);
    expectNothingLost(afterTwo, final);
    expect(final.size).toBe(FEEDS * (ITEMS + SHIFT));
    expect((await runNews(['count'], { home })).stdout).toBe(`${FEEDS * (ITEMS + SHIFT)}\n`);
  });

  it('a mark made while a fetch waits on the network survives the fetch\'s commit', async () => {
    const home = tempHome();
    const url = server.url('/slow/alpha.rss');
    server.route('/slow/alpha.rss', { body: readFileSync(fixture('sync', 'alpha.rss')) });
    writeSubscriptions(home, [{ name: 'Alpha Daily', url }]);
    expect((await runNews(['fetch'], { home })).code).toBe(0);

    server.route('/slow/alpha.rss', { body: readFileSync(fixture('sync', 'alpha-edited.rss')), delayMs: 1000 });
    const seen = server.requests.length;
    const fetching = startNews(['fetch'], home, { NEWS_NOW: '2025-06-09T12:00:00Z' });
    await until(() => server.requests.length > seen, fetching.done);
    expect(await runNews(['mark', '--all'], { home })).toEqual({ stdout: '', stderr: 'news: marked 3 articles read\n', code: 0 });
    expect((await fetching.done).stderr).toBe(`news: Alpha Daily: 0 new, 1 updated (${url})\nnews: 0 new articles from 1 feed; 0 failed\n`);

    expect((await runNews(['count', '--unread'], { home })).stdout).toBe('0\n');
    expect(JSON.parse((await runNews(['read', 'council-approves-new-cycle-lanes', '--json'], { home })).stdout).title).toBe(
      'Council approves four new cycle lanes',
    );
  });
});

describe('locks left by dead processes', () => {
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((r) => child.on('close', r));
    return child.pid!;
  }

  const subscribed = () => {
    const home = tempHome();
    writeSubscriptions(home, [{ name: 'Alpha Daily', url: server.url('/alpha.rss') }]);
    return home;
  };
  const fetched = `news: 3 new articles from 1 feed; 0 failed\n`;

  it('takes over a store.lock and a fetch.lock whose owner no longer exists', async () => {
    const home = subscribed();
    const pid = await deadPid();
    const dir = dataDir(home);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fetch.lock'), `${pid}\n`);
    writeFileSync(join(dir, 'store.lock'), `${pid}\n`);
    const r = await runNews(['fetch'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.endsWith(fetched)).toBe(true);
    expect(existsSync(join(dir, 'fetch.lock'))).toBe(false);
    expect(existsSync(join(dir, 'store.lock'))).toBe(false);

    writeFileSync(join(dir, 'store.lock'), `${pid}\n`);
    expect(await runNews(['mark', '--all'], { home })).toEqual({ stdout: '', stderr: 'news: marked 3 articles read\n', code: 0 });
  });

  it('does not take over a lock whose owner is alive', async () => {
    const home = subscribed();
    const dir = dataDir(home);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fetch.lock'), `${process.pid}\n`);
    expect(await runNews(['fetch'], { home })).toEqual({
      stdout: '',
      stderr: `news: another news process (pid ${process.pid}) is fetching feeds; try again when it has finished\n`,
      code: 1,
    });
    expect(readFileSync(join(dir, 'fetch.lock'), 'utf8')).toBe(`${process.pid}\n`);
  });

  // Regression (was a bug in src/io/lock.ts, acquireLock): a process killed between creating the lock
  // file and writing its pid leaves an empty lock, and an empty lock is never taken
  // over however old it is: every later `news fetch` fails ("another news process
  // is fetching feeds", no pid) until the user deletes the file by hand, although
  // `news doctor` says such locks are taken over automatically.
  it('takes over an empty lock file left long ago', async () => {
    const home = subscribed();
    const dir = dataDir(home);
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, 'fetch.lock');
    writeFileSync(lock, '');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, anHourAgo, anHourAgo);
    const r = await runNews(['fetch'], { home });
    expect(r.stderr).toBe(`news: Alpha Daily: 3 new, 0 updated (${server.url('/alpha.rss')})\n${fetched}`);
    expect(r.code).toBe(0);
  });
});
