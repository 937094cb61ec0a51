// `news fetch` against a local feed server: conditional requests, partial
// failure, concurrency, updates in place, retention, naming feeds, the fetch lock.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FeedServer, dataDir, startFeedServer, startNews, writeSubscriptions } from './feed-server.js';
import { ROOT, fixture, runNews, tempHome } from './run-news.js';

const feed = (name: string) => readFileSync(fixture('sync', name));
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const ALPHA_BETA_TSV = readFileSync(fixture('sync', 'alpha-beta.expected.tsv'), 'utf8');
// Feeds are due again 15 minutes after a fetch; later runs move the clock on.
const AN_HOUR_LATER = { NEWS_NOW: '2025-06-09T12:00:00Z' };
const TWO_HOURS_LATER = { NEWS_NOW: '2025-06-09T13:00:00Z' };

let server: FeedServer;
let home: string;

beforeEach(async () => {
  server = await startFeedServer();
  home = tempHome();
  server.route('/alpha.rss', { body: feed('alpha.rss') });
  server.route('/beta.atom', { body: feed('beta.atom'), headers: { 'Content-Type': 'application/atom+xml' } });
});

afterEach(() => server.close());

const news = (args: string[], env: Record<string, string> = {}) => runNews(args, { home, env });
const alphaAndBeta = () =>
  writeSubscriptions(home, [
    { name: 'Alpha Daily', url: server.url('/alpha.rss') },
    { name: 'Beta Weather', url: server.url('/beta.atom') },
  ]);

describe('news fetch', () => {
  it('asks unconditionally the first time, saves every article and reports each feed', async () => {
    alphaAndBeta();
    const r = await news(['fetch']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        `news: Alpha Daily: 3 new, 0 updated (${server.url('/alpha.rss')})\n` +
        `news: Beta Weather: 2 new, 0 updated (${server.url('/beta.atom')})\n` +
        'news: 5 new articles from 2 feeds; 0 failed\n',
      code: 0,
    });
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /alpha.rss', 'GET /beta.atom']);
    for (const q of server.requests) {
      expect(q.headers['if-none-match']).toBeUndefined();
      expect(q.headers['if-modified-since']).toBeUndefined();
      expect(q.headers['user-agent']).toBe(`news/${VERSION} (+https://github.com/news-cli/news)`);
    }
    expect(await news(['list'])).toEqual({ stdout: ALPHA_BETA_TSV, stderr: '', code: 0 });
  });

  it('sends the stored ETag and Last-Modified back verbatim, and a 304 changes nothing', async () => {
    const weak = 'W/"5e1f-2025/06/09,v=3"';
    const strong = '"b2"';
    const date = 'Sun, 08 Jun 2025 07:00:00 GMT';
    server.route('/weak.rss', { body: feed('alpha.rss'), etag: weak });
    server.route('/both.atom', { body: feed('beta.atom'), etag: strong, lastModified: date });
    server.route('/dated.rss', { body: feed('five.rss'), lastModified: date });
    writeSubscriptions(home, [
      { name: 'Weak', url: server.url('/weak.rss') },
      { name: 'Both', url: server.url('/both.atom') },
      { name: 'Dated', url: server.url('/dated.rss') },
    ]);
    expect((await news(['fetch'])).code).toBe(0);
    const listed = await news(['list', '--json']);
    const bodies = readdirSync(join(dataDir(home), 'bodies')).sort();
    server.requests.length = 0;

    const again = await news(['fetch'], AN_HOUR_LATER);
    expect(again).toEqual({
      stdout: '',
      stderr: 'news: Weak: not modified\nnews: Both: not modified\nnews: Dated: not modified\nnews: 0 new articles from 3 feeds; 0 failed\n',
      code: 0,
    });
    const sent = Object.fromEntries(server.requests.map((q) => [q.path, [q.headers['if-none-match'], q.headers['if-modified-since']]]));
    expect(sent).toEqual({
      '/weak.rss': [weak, undefined],
      '/both.atom': [strong, date],
      '/dated.rss': [undefined, date],
    });
    expect(await news(['list', '--json'])).toEqual(listed);
    expect(readdirSync(join(dataDir(home), 'bodies')).sort()).toEqual(bodies);
  });

  it('saves the good feeds when others fail, with one line per feed, and exits 6', async () => {
    server.route('/broken', { status: 500, body: 'oops' });
    server.route('/garbage', { body: 'hello, world', headers: { 'Content-Type': 'text/plain' } });
    writeSubscriptions(home, [
      { name: 'Alpha Daily', url: server.url('/alpha.rss') },
      { name: 'Broken', url: server.url('/broken') },
      { name: 'Beta Weather', url: server.url('/beta.atom') },
      { name: 'Garbage', url: server.url('/garbage') },
    ]);
    const r = await news(['fetch']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        `news: Alpha Daily: 3 new, 0 updated (${server.url('/alpha.rss')})\n` +
        `news: Broken: failed: HTTP 500 internal server error (${server.url('/broken')})\n` +
        `news: Beta Weather: 2 new, 0 updated (${server.url('/beta.atom')})\n` +
        `news: Garbage: failed: ${server.url('/garbage')}: not a news store or feed (expected JSON, RSS, Atom or JSON Feed)\n` +
        'news: 5 new articles from 2 feeds; 2 failed\n',
      code: 6,
    });
    expect((await news(['list'])).stdout).toBe(ALPHA_BETA_TSV);
    const status = (await news(['feeds', 'list'])).stdout.split('\n').map((l) => l.split('\t')[5]);
    expect(status).toEqual([
      'ok',
      `error: HTTP 500 internal server error (${server.url('/broken')})`,
      'ok',
      `error: ${server.url('/garbage')}: not a news store or feed (expected JSON, RSS, Atom or JSON Feed)`,
      undefined,
    ]);
  });

  it('fetches slow feeds concurrently (8 feeds of ~300 ms with --concurrency 8)', async () => {
    const many = await startFeedServer({ hosts: 8 });
    try {
      const subs = Array.from({ length: 8 }, (_, i) => {
        many.route(`/slow-${i}.rss`, { body: feed('alpha.rss'), delayMs: 300 });
        return { name: `Slow ${i}`, url: many.url(`/slow-${i}.rss`, i) };
      });
      writeSubscriptions(home, subs);
      const r = await news(['fetch', '--concurrency', '8']);
      const finished = Date.now();
      expect(r.code).toBe(0);
      expect(r.stderr.split('\n').at(-2)).toBe('news: 24 new articles from 8 feeds; 0 failed');
      const times = many.requests.map((q) => q.time);
      expect(times).toHaveLength(8);
      // Every request was sent before the first answer came back…
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(300);
      // …and the whole fetch, from the first request, took far less than 8 × 300 ms.
      expect(finished - Math.min(...times)).toBeLessThan(4 * 300);
    } finally {
      await many.close();
    }
  });

  it('keeps to --concurrency, and to 2 requests at a time per host', async () => {
    const many = await startFeedServer({ hosts: 4 });
    try {
      const subs = Array.from({ length: 8 }, (_, i) => {
        many.route(`/f${i}.rss`, { body: feed('alpha.rss'), delayMs: 200 });
        return { name: `Feed ${i}`, url: many.url(`/f${i}.rss`, i % 4) };
      });
      writeSubscriptions(home, subs);
      expect((await news(['fetch', '--concurrency', '3'])).code).toBe(0);
      expect(Math.max(...many.requests.map((q) => q.inFlight))).toBe(3);

      // One host, plenty of concurrency: still two at a time.
      writeSubscriptions(home, subs.map((s, i) => ({ ...s, url: many.url(`/f${i}.rss`, 0) })));
      many.requests.length = 0;
      expect((await news(['fetch', '--concurrency', '8'], AN_HOUR_LATER)).code).toBe(0);
      expect(many.requests).toHaveLength(8);
      expect(Math.max(...many.requests.map((q) => q.inFlightOnHost))).toBe(2);
    } finally {
      await many.close();
    }
  });

  it('updates an edited item in place: same slug, no duplicate, read state kept', async () => {
    writeSubscriptions(home, [{ name: 'Alpha Daily', url: server.url('/alpha.rss') }]);
    await news(['fetch']);
    expect(await news(['mark', 'council-approves-new-cycle-lanes'])).toEqual({ stdout: '', stderr: 'news: marked 1 article read\n', code: 0 });
    server.route('/alpha.rss', { body: feed('alpha-edited.rss') });

    const r = await news(['fetch'], AN_HOUR_LATER);
    expect(r.stderr).toBe(`news: Alpha Daily: 0 new, 1 updated (${server.url('/alpha.rss')})\nnews: 0 new articles from 1 feed; 0 failed\n`);
    expect((await news(['list'], AN_HOUR_LATER)).stdout).toBe(
      'harbour-bridge-reopens-after-repairs\tHarbour bridge reopens after repairs\tLocal\t\t1 hour ago\t2025-06-09T10:30:00Z\thttps://alpha.example/bridge\n' +
        'council-approves-new-cycle-lanes\tCouncil approves four new cycle lanes\tPolitics\t\t4 hours ago\t2025-06-09T08:00:00Z\thttps://alpha.example/cycle-lanes\n' +
        'library-extends-weekend-hours\tLibrary extends weekend hours\t\t\t1 day ago\t2025-06-08T11:00:00Z\thttps://alpha.example/library\n',
    );
    const article = JSON.parse((await news(['read', 'council-approves-new-cycle-lanes', '--json'])).stdout);
    expect([article.title, article.body, article.read]).toEqual(['Council approves four new cycle lanes', 'Four new lanes will open by September.', true]);

    // The same feed again: nothing new, nothing changed.
    const same = await news(['fetch'], TWO_HOURS_LATER);
    expect(same.stderr).toBe(`news: Alpha Daily: 0 new, 0 updated (${server.url('/alpha.rss')})\nnews: 0 new articles from 1 feed; 0 failed\n`);
    expect((await news(['count'])).stdout).toBe('3\n');
  });

  it('keeps only the newest `retention` articles of a feed', async () => {
    server.route('/five.rss', { body: feed('five.rss') });
    writeSubscriptions(home, [{ name: 'Five Items', url: server.url('/five.rss') }]);
    expect(await news(['config', 'set', 'retention', '3'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect((await news(['fetch'])).code).toBe(0);
    expect((await news(['list'])).stdout).toBe(
      'item-five\tItem five\t\t\t1 hour ago\t2025-06-09T10:00:00Z\t\n' +
        'item-four\tItem four\t\t\t23 hours ago\t2025-06-08T12:00:00Z\t\n' +
        'item-three\tItem three\t\t\t1 day ago\t2025-06-07T12:00:00Z\t\n',
    );
  });

  // Regression: the two oldest items, dropped by retention, are merged in again as new
  // on every fetch (and dropped again): "2 new" forever for an unchanged feed.
  it('does not report items that retention dropped as new on the next fetch', async () => {
    server.route('/five.rss', { body: feed('five.rss') });
    writeSubscriptions(home, [{ name: 'Five Items', url: server.url('/five.rss') }]);
    await news(['config', 'set', 'retention', '3']);
    await news(['fetch']);
    const again = await news(['fetch'], AN_HOUR_LATER);
    expect(again.stderr).toBe(`news: Five Items: 0 new, 0 updated (${server.url('/five.rss')})\nnews: 0 new articles from 1 feed; 0 failed\n`);
  });

  it('fetches only the feeds named, by name (any case) or URL', async () => {
    alphaAndBeta();
    const r = await news(['fetch', 'beta weather']);
    expect(r).toEqual({
      stdout: '',
      stderr: `news: Beta Weather: 2 new, 0 updated (${server.url('/beta.atom')})\nnews: 2 new articles from 1 feed; 0 failed\n`,
      code: 0,
    });
    expect(server.requests.map((q) => q.path)).toEqual(['/beta.atom']);
    expect((await news(['fetch', server.url('/alpha.rss')])).code).toBe(0);
    expect(server.requests.map((q) => q.path)).toEqual(['/beta.atom', '/alpha.rss']);
  });

  // Regression (was a bug in src/commands/fetch.ts, runFetch): `names.map(pick)` keeps repeats, so a
  // feed named twice (by name and URL, or in two spellings) is requested twice,
  // reported twice and counted as two feeds.
  it('fetches a feed named twice only once', async () => {
    alphaAndBeta();
    const r = await news(['fetch', 'Alpha Daily', server.url('/alpha.rss')]);
    expect(r).toEqual({
      stdout: '',
      stderr: `news: Alpha Daily: 3 new, 0 updated (${server.url('/alpha.rss')})\nnews: 3 new articles from 1 feed; 0 failed\n`,
      code: 0,
    });
    expect(server.requests.map((q) => q.path)).toEqual(['/alpha.rss']);
  });

  it('refuses an unknown feed name with exit 3 and fetches nothing', async () => {
    alphaAndBeta();
    expect(await news(['fetch', 'Alpha Daily', 'Gamma'])).toEqual({
      stdout: '',
      stderr: 'news: no subscription "Gamma"; see "news feeds list"\n',
      code: 3,
    });
    expect(server.requests).toEqual([]);
  });

  it('says how to subscribe when there is nothing to fetch (exit 0)', async () => {
    expect(await news(['fetch'])).toEqual({
      stdout: '',
      stderr: 'news: no subscriptions yet: add one with "news feeds add <url>" or "news feeds import <file.opml>"\n',
      code: 0,
    });
    expect(existsSync(dataDir(home))).toBe(false);
  });

  it('rejects a bad --concurrency as a usage error', async () => {
    alphaAndBeta();
    expect(await news(['fetch', '--concurrency', '0'])).toEqual({
      stdout: '',
      stderr: 'news: --concurrency takes a whole number of at least 1, not "0"\n',
      code: 2,
    });
  });

  it('refuses a second fetch while one runs, naming its pid', async () => {
    server.route('/slow.rss', { body: feed('alpha.rss'), delayMs: 1500 });
    writeSubscriptions(home, [{ name: 'Slow', url: server.url('/slow.rss') }]);
    const first = startNews(['fetch'], home);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));

    expect(await news(['fetch'])).toEqual({
      stdout: '',
      stderr: `news: another news process (pid ${first.pid}) is fetching feeds; try again when it has finished\n`,
      code: 1,
    });
    expect(server.requests).toHaveLength(1);
    expect((await first.done).code).toBe(0);
    expect(existsSync(join(dataDir(home), 'fetch.lock'))).toBe(false);
  });
});
