// `news feeds add|list|remove|rename|import|export` against a local feed server.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FeedServer, dataDir, startFeedServer, writeSubscriptions } from './feed-server.js';
import { ROOT, fixture, runNews, tempHome } from './run-news.js';

const feed = (name: string) => readFileSync(fixture('sync', name));

let server: FeedServer;
let home: string;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/alpha.rss', { body: feed('alpha.rss') });
  server.route('/beta.atom', { body: feed('beta.atom'), headers: { 'Content-Type': 'application/atom+xml' } });
  server.route('/feeds/alpha.rss', { body: feed('alpha.rss') });
  server.route('/page', { body: feed('page.html'), headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  server.route('/plain', { body: 'just some text', headers: { 'Content-Type': 'text/plain' } });
});

afterAll(() => server.close());

beforeEach(() => {
  home = tempHome();
  server.requests.length = 0;
});

const news = (args: string[], env: Record<string, string> = {}) => runNews(args, { home, env });
const configFeeds = () => JSON.parse(readFileSync(join(home, 'config', 'news', 'config.json'), 'utf8')).feeds;
const addedLine = (name: string, path: string) => `news: added "${name}" (${server.url(path)}); run "news fetch" to get its articles\n`;

describe('news feeds add', () => {
  it('checks the feed and names the subscription after its title', async () => {
    expect(await news(['feeds', 'add', server.url('/alpha.rss')])).toEqual({ stdout: '', stderr: addedLine('Alpha Daily', '/alpha.rss'), code: 0 });
    expect(server.requests.map((q) => q.path)).toEqual(['/alpha.rss']);
    expect(JSON.parse((await news(['feeds', 'list', '--json'])).stdout)).toEqual([
      {
        name: 'Alpha Daily',
        url: server.url('/alpha.rss'),
        category: null,
        lastFetchedAt: null,
        articles: 0,
        status: 'never fetched',
        error: null,
        nextDueAt: null,
      },
    ]);
  });

  it('takes --name and --category', async () => {
    const r = await news(['feeds', 'add', server.url('/beta.atom'), '--name', 'Weather', '--category', 'home']);
    expect(r).toEqual({ stdout: '', stderr: addedLine('Weather', '/beta.atom'), code: 0 });
    expect(configFeeds()).toEqual([{ url: server.url('/beta.atom'), name: 'Weather', category: 'home' }]);
  });

  it('with --no-check adds without asking the server, named after the host', async () => {
    const r = await news(['feeds', 'add', server.url('/not-yet'), '--no-check']);
    expect(r).toEqual({ stdout: '', stderr: addedLine('127.0.0.1', '/not-yet'), code: 0 });
    expect(server.requests).toEqual([]);
    expect(configFeeds()).toEqual([{ url: server.url('/not-yet'), name: '127.0.0.1' }]);
  });

  it('subscribes to the feed an HTML page advertises', async () => {
    expect(await news(['feeds', 'add', server.url('/page')])).toEqual({ stdout: '', stderr: addedLine('Alpha Daily', '/feeds/alpha.rss'), code: 0 });
    expect(server.requests.map((q) => q.path)).toEqual(['/page', '/feeds/alpha.rss']);
    expect(configFeeds()).toEqual([{ url: server.url('/feeds/alpha.rss'), name: 'Alpha Daily' }]);
  });

  it('fails on a 404 with exit 5, and on something that is not a feed with exit 4, adding nothing', async () => {
    expect(await news(['feeds', 'add', server.url('/missing.rss')])).toEqual({
      stdout: '',
      stderr: `news: HTTP 404 not found (${server.url('/missing.rss')})\n`,
      code: 5,
    });
    expect(await news(['feeds', 'add', server.url('/plain')])).toEqual({
      stdout: '',
      stderr: `news: ${server.url('/plain')}: not a news store or feed (expected JSON, RSS, Atom or JSON Feed)\n`,
      code: 4,
    });
    expect(await news(['feeds', 'list'])).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('refuses a URL or name already subscribed (exit 2), and a URL that is not http(s)', async () => {
    await news(['feeds', 'add', server.url('/alpha.rss')]);
    const already = `news: already subscribed: "Alpha Daily" (${server.url('/alpha.rss')})\n`;
    expect(await news(['feeds', 'add', server.url('/alpha.rss'), '--name', 'Other'])).toEqual({ stdout: '', stderr: already, code: 2 });
    expect(await news(['feeds', 'add', server.url('/beta.atom'), '--name', 'ALPHA DAILY'])).toEqual({ stdout: '', stderr: already, code: 2 });
    expect(await news(['feeds', 'add', 'ftp://example.org/feed'])).toEqual({
      stdout: '',
      stderr: 'news: "ftp://example.org/feed" is not an http(s) URL\n',
      code: 2,
    });
    expect(configFeeds()).toEqual([{ url: server.url('/alpha.rss'), name: 'Alpha Daily' }]);
  });
});

describe('news feeds list', () => {
  it('prints one tab-separated line per subscription when piped, and JSON with --json', async () => {
    writeSubscriptions(home, [
      { name: 'Alpha Daily', url: server.url('/alpha.rss') },
      { name: 'Beta Weather', url: server.url('/beta.atom'), category: 'weather' },
      { name: 'Gamma', url: server.url('/gamma.rss') },
    ]);
    expect((await news(['fetch'])).code).toBe(6);
    const later = { NEWS_NOW: '2025-06-09T11:05:00Z' };
    const gammaError = `HTTP 404 not found (${server.url('/gamma.rss')})`;
    const tsv = await news(['feeds', 'list'], later);
    expect(tsv.stderr).toBe('');
    // name, url, category, fetched, articles, status, next due
    expect(tsv.stdout.split('\n').map((l) => l.split('\t'))).toEqual([
      ['Alpha Daily', server.url('/alpha.rss'), '', '5 mins ago', '3', 'ok', 'in 10 mins'],
      ['Beta Weather', server.url('/beta.atom'), 'weather', '5 mins ago', '2', 'ok', 'in 10 mins'],
      ['Gamma', server.url('/gamma.rss'), '', '-', '0', `error: ${gammaError}`, expect.stringMatching(/^in \d+ mins$/)],
      [''],
    ]);
    const json = JSON.parse((await news(['feeds', 'list', '--json'], later)).stdout);
    expect(json.map((f: Record<string, unknown>) => Object.keys(f))).toEqual(
      Array(3).fill(['name', 'url', 'category', 'lastFetchedAt', 'articles', 'status', 'error', 'nextDueAt']),
    );
    expect(json.slice(0, 2)).toEqual([
      {
        name: 'Alpha Daily',
        url: server.url('/alpha.rss'),
        category: null,
        lastFetchedAt: '2025-06-09T11:00:00Z',
        articles: 3,
        status: 'ok',
        error: null,
        nextDueAt: '2025-06-09T11:15:00Z',
      },
      {
        name: 'Beta Weather',
        url: server.url('/beta.atom'),
        category: 'weather',
        lastFetchedAt: '2025-06-09T11:00:00Z',
        articles: 2,
        status: 'ok',
        error: null,
        nextDueAt: '2025-06-09T11:15:00Z',
      },
    ]);
    expect(json[2]).toMatchObject({ name: 'Gamma', lastFetchedAt: null, articles: 0, status: 'error', error: gammaError });
  });

  it('prints nothing (exit 0) when there are no subscriptions, and [] with --json', async () => {
    expect(await news(['feeds', 'list'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await news(['feeds'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await news(['feeds', 'list', '--json'])).toEqual({ stdout: '[]\n', stderr: '', code: 0 });
  });
});

describe('news feeds remove and rename', () => {
  beforeEach(async () => {
    writeSubscriptions(home, [
      { name: 'Alpha Daily', url: server.url('/alpha.rss') },
      { name: 'Beta Weather', url: server.url('/beta.atom') },
    ]);
    expect((await news(['fetch'])).code).toBe(0);
  });

  const articleFeeds = () => {
    const store = JSON.parse(readFileSync(join(dataDir(home), 'store.json'), 'utf8'));
    return { feeds: Object.keys(store.feeds), articles: store.articles.map((a: { feed: string }) => a.feed) };
  };

  it('removes a subscription and its articles', async () => {
    expect(await news(['feeds', 'remove', 'alpha daily'])).toEqual({ stdout: '', stderr: 'news: removed "Alpha Daily" and its 3 articles\n', code: 0 });
    expect(configFeeds()).toEqual([{ url: server.url('/beta.atom'), name: 'Beta Weather' }]);
    const beta = server.url('/beta.atom');
    expect(articleFeeds()).toEqual({ feeds: [beta], articles: [beta, beta] });
    expect((await news(['list'])).stdout.split('\n').map((l) => l.split('\t')[0])).toEqual([
      'rain-expected-through-thursday',
      'heatwave-warnings-lifted',
      '',
    ]);
    // Alpha's bodies stay while the backup refers to them, and go with the next change.
    const bodiesFeeds = () => readdirSync(join(dataDir(home), 'bodies')).map((n) => JSON.parse(readFileSync(join(dataDir(home), 'bodies', n), 'utf8')).feed);
    expect(bodiesFeeds()).toContain(server.url('/alpha.rss'));
    expect((await news(['fetch', '--force'])).code).toBe(0);
    expect(new Set(bodiesFeeds())).toEqual(new Set([beta]));
  });

  it('removes by URL, and keeps the articles with --keep-articles', async () => {
    const r = await news(['feeds', 'rm', server.url('/alpha.rss'), '--keep-articles']);
    expect(r).toEqual({ stdout: '', stderr: 'news: removed "Alpha Daily"\n', code: 0 });
    expect(configFeeds()).toEqual([{ url: server.url('/beta.atom'), name: 'Beta Weather' }]);
    expect((await news(['count'])).stdout).toBe('5\n');
  });

  it('refuses to remove an unknown subscription (exit 3)', async () => {
    expect(await news(['feeds', 'remove', 'Gamma'])).toEqual({ stdout: '', stderr: 'news: no subscription "Gamma"; see "news feeds list"\n', code: 3 });
    expect(configFeeds()).toHaveLength(2);
  });

  it('renames a subscription, keeping its articles; refuses a taken name (2) or an unknown one (3)', async () => {
    expect(await news(['feeds', 'rename', 'Alpha Daily', 'Alpha'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect((await news(['feeds', 'list'])).stdout.split('\n').map((l) => l.split('\t').slice(0, 5).join(' | '))).toEqual([
      `Alpha | ${server.url('/alpha.rss')} |  | just now | 3`,
      `Beta Weather | ${server.url('/beta.atom')} |  | just now | 2`,
      '',
    ]);
    expect(await news(['feeds', 'rename', 'Alpha', 'beta weather'])).toEqual({
      stdout: '',
      stderr: 'news: another subscription is already called "Beta Weather"\n',
      code: 2,
    });
    expect((await news(['feeds', 'rename', 'Gamma', 'Delta'])).code).toBe(3);
    expect(configFeeds().map((f: { name: string }) => f.name)).toEqual(['Alpha', 'Beta Weather']);
  });

  // Regression (was a bug in src/commands/feeds.ts remove): the subscription is removed from the config
  // before the store is opened; when the store cannot be changed the command fails
  // (exit 4) yet the subscription is gone, and its articles can no longer be removed.
  it('leaves the subscription in place when the store cannot be changed', async () => {
    const corrupt = '{"version":1,\n"feeds":{,}';
    writeFileSync(join(dataDir(home), 'store.json'), corrupt);
    const r = await news(['feeds', 'remove', 'Alpha Daily']);
    expect(r.code).toBe(4);
    expect(readFileSync(join(dataDir(home), 'store.json'), 'utf8')).toBe(corrupt);
    expect(configFeeds().map((f: { name: string }) => f.name)).toEqual(['Alpha Daily', 'Beta Weather']);
  });
});

describe('news feeds import and export', () => {
  const opml = (name: string) => join('fixtures', 'opml', `${name}.opml`);
  const expected = (name: string) => JSON.parse(readFileSync(fixture('opml', `${name}.expected.json`), 'utf8'));
  const inRoot = (args: string[], h = home) => runNews(args, { home: h, cwd: ROOT });
  const subscriptions = async (h: string) =>
    JSON.parse((await runNews(['feeds', 'list', '--json'], { home: h })).stdout).map(({ url, name, category }: Record<string, unknown>) => ({ url, name, category }));

  it('imports an OPML file, warning about the outlines it skips', async () => {
    expect(await inRoot(['feeds', 'import', opml('feedly-nested')])).toEqual({
      stdout: '',
      stderr:
        'news: warning: fixtures/opml/feedly-nested.opml: line 16 skipped: duplicate of line 9\n' +
        'news: imported 7 feeds from fixtures/opml/feedly-nested.opml; 1 skipped\n',
      code: 0,
    });
    expect(await subscriptions(home)).toEqual(expected('feedly-nested').subscriptions);
    expect(server.requests).toEqual([]);
  });

  it('skips feeds already subscribed when importing again', async () => {
    await inRoot(['feeds', 'import', opml('newsboat-flat')]);
    const again = await inRoot(['feeds', 'import', opml('newsboat-flat')]);
    expect(again).toEqual({
      stdout: '',
      stderr:
        'news: already subscribed: LWN.net (https://lwn.example.net/headlines/rss)\n' +
        'news: already subscribed: Ye Olde Blog & Musings (https://blog.example.org/feed.atom)\n' +
        'news: already subscribed: http://planet.example.com/rss20.xml (http://planet.example.com/rss20.xml)\n' +
        'news: already subscribed: World News (English) (https://news.example.com/rss?section=world&lang=en)\n' +
        'news: imported 0 feeds from fixtures/opml/newsboat-flat.opml; 4 skipped\n',
      code: 0,
    });
    expect(await subscriptions(home)).toEqual(expected('newsboat-flat').subscriptions);
  });

  it('names a missing file (exit 3) and a file that is not OPML (exit 4)', async () => {
    expect(await inRoot(['feeds', 'import', 'no/such.opml'])).toEqual({ stdout: '', stderr: 'news: no/such.opml: no such file\n', code: 3 });
    expect(await inRoot(['feeds', 'import', 'fixtures/sync/alpha.rss'])).toEqual({
      stdout: '',
      stderr: 'news: fixtures/sync/alpha.rss: not an OPML file\n',
      code: 4,
    });
    expect(existsSync(join(home, 'config', 'news', 'config.json'))).toBe(false);
  });

  it('exports OPML 2.0 with categories as folders', async () => {
    writeSubscriptions(home, [
      { name: 'Alpha & Sons', url: 'https://alpha.example/feed?a=1&b=2' },
      { name: 'Linux Weekly', url: 'https://lwn.example/rss', category: 'Tech/Linux' },
      { name: 'Beta "Weather"', url: 'https://beta.example/atom', category: 'Home' },
      { name: 'Kernel', url: 'https://kernel.example/feed', category: 'Tech/Linux' },
    ]);
    expect(await news(['feeds', 'export'])).toEqual({
      stdout: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>news subscriptions</title>',
        '    <dateCreated>Mon, 09 Jun 2025 11:00:00 GMT</dateCreated>',
        '  </head>',
        '  <body>',
        '    <outline type="rss" text="Alpha &amp; Sons" title="Alpha &amp; Sons" xmlUrl="https://alpha.example/feed?a=1&amp;b=2"/>',
        '    <outline text="Tech" title="Tech">',
        '      <outline text="Linux" title="Linux">',
        '        <outline type="rss" text="Linux Weekly" title="Linux Weekly" xmlUrl="https://lwn.example/rss"/>',
        '        <outline type="rss" text="Kernel" title="Kernel" xmlUrl="https://kernel.example/feed"/>',
        '      </outline>',
        '    </outline>',
        '    <outline text="Home" title="Home">',
        '      <outline type="rss" text="Beta &quot;Weather&quot;" title="Beta &quot;Weather&quot;" xmlUrl="https://beta.example/atom"/>',
        '    </outline>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('loses nothing in an import → export → import round trip', async () => {
    const names = readdirSync(fixture('opml')).filter((f) => f.endsWith('.opml')).map((f) => f.replace(/\.opml$/, ''));
    expect(names.length).toBeGreaterThanOrEqual(6);
    await Promise.all(
      names.map(async (name) => {
        const first = tempHome();
        expect((await inRoot(['feeds', 'import', opml(name)], first)).code).toBe(0);
        const exported = await runNews(['feeds', 'export'], { home: first });
        const second = tempHome();
        writeFileSync(join(second, 'exported.opml'), exported.stdout);
        expect(await runNews(['feeds', 'import', 'exported.opml'], { home: second })).toEqual({
          stdout: '',
          stderr: `news: imported ${expected(name).subscriptions.length} ${expected(name).subscriptions.length === 1 ? 'feed' : 'feeds'} from exported.opml; 0 skipped\n`,
          code: 0,
        });
        const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);
        expect((await subscriptions(second)).sort(byUrl), name).toEqual(expected(name).subscriptions.sort(byUrl));
        expect((await runNews(['feeds', 'export'], { home: second })).stdout, name).toBe(exported.stdout);
      }),
    );
  });
});
