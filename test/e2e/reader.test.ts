// The reader view end to end: the built binary against fixtures/pages/ served by a
// local node:http server, and saved to disk. `news read <url|file.html>`, --json,
// pages that are not articles, and `--full` with its cache in the local store.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, dataDir, rss, startFeedServer, writeSubscriptions } from './feed-server.js';
import { BIN, ROOT, fixture, newsEnv, runNews, tempHome } from './run-news.js';

const page = (name: string) => readFileSync(fixture('pages', `${name}.html`));
const HTML = { 'Content-Type': 'text/html; charset=utf-8' };
const SEED_URL = 'https://www.meridianherald.example/world/russia-anticipates-jinping-visit-in-the-days-to-come';
const WIDGET_HEADLINES = [
  'Hina Khan Hails 11 Years Of PM Modi’s Leadership; Highlights National Progress',
  'Subhash Ghai Hails PM Modi’s Transformative Vision For India',
  'India & Central Asia Boost Rare Earth Cooperation At Delhi Meet',
  'PM Modi’s Beej Se Bazaar Tak Vision Reshapes Indian Agriculture',
  'EV Sales Cross 4% Mark In May; Signalling Steady Shift To Green Mobility',
  'Self-Reliant Defence Industry Marks India’s Strategic Security Ascent',
];

// The seed page as `news read` shows it at 80 columns; the body is wrapped, so the
// paragraphs are checked by their first lines and the footnote.
const SEED_HEAD = [
  'World',
  'Russia anticipates Jinping visit in the days to come',
  'By Parijat Tripathi · 2 years ago (Tue 14 Mar 2023 09:30 UTC) · 1 min read',
  'Meridian Herald',
  SEED_URL,
  '',
  '[image]',
  '',
  'On the sidelines of the Russia-Ukrain war, the Russian government anticipates a',
  'visit from Chinese premier Xi Jinping in the days to come.',
  '',
  'As per the Russian Ministry of Foreign Affairs [1] lately, advance bilateral',
];

function expectSeedArticle(stdout: string): void {
  const lines = stdout.split('\n');
  expect(lines.slice(0, SEED_HEAD.length)).toEqual(SEED_HEAD);
  for (const start of ['If happened this would be the second in-person meeting', 'This significant visit has not yet been confirmed by Chinese']) {
    expect(lines.some((l) => l.startsWith(start))).toBe(true);
  }
  expect(stdout.endsWith('support of development and peace\naround the world.\n\n[1] https://mid.ru/en/\n')).toBe(true);
  for (const headline of WIDGET_HEADLINES) expect(stdout).not.toContain(headline.slice(0, 20));
  for (const junk of ['Recent', 'mins ago', 'Share this', 'Leave a Reply', 'All rights reserved', 'Contact Us']) expect(stdout).not.toContain(junk);
  // URLs are never broken, so only they may be longer than the width.
  expect(lines.filter((l) => !l.startsWith('https://')).every((l) => [...l].length <= 80)).toBe(true);
}

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/world/russia', { body: page('wordpress-world'), headers: HTML });
  server.route('/news/ferry?utm_source=rss', { body: page('news-jsonld-cookie-banner'), headers: HTML });
  server.route('/blog/2024/11/why-my-dns/', { body: page('blog-time-datetime'), headers: HTML });
  server.route('/category/world/', { body: page('category-index'), headers: HTML });
  server.route('/moved', { status: 301, headers: { Location: '/category/world/' } });
  // The news page as a legacy site would send it: windows-1252 bytes, the charset only in HTTP.
  const legacy = page('news-jsonld-cookie-banner').toString('utf8').replace('<meta charset="utf-8">', '');
  server.route('/legacy', { body: iconv.encode(legacy, 'windows-1252'), headers: { 'Content-Type': 'text/html; charset=windows-1252' } });
  server.route('/feed.xml', { body: rss('Meridian Herald', [{ title: 'Feed item', link: server.url('/world/russia'), description: 'Short.' }]) });
});

afterAll(() => server.close());

describe('news read <url>', () => {
  it('shows the article of the seed page without menu, widgets, share buttons, comments or footer', async () => {
    const r = await runNews(['read', server.url('/world/russia')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectSeedArticle(r.stdout);
    expect(server.requestsTo('/world/russia').at(-1)!.headers['user-agent']).toMatch(/^news\/\S+ \(\+https:\/\/github\.com\/news-cli\/news\)$/);
  });

  it('reads a saved page from a local .html file the same way', async () => {
    const home = tempHome();
    copyFileSync(fixture('pages', 'wordpress-world.html'), join(home, 'page.html'));
    const fromFile = await runNews(['read', './page.html'], { home });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(0);
    // The canonical URL names the article either way, so the two views are identical.
    expect(fromFile.stdout).toBe((await runNews(['read', server.url('/world/russia')])).stdout);
  });

  it('prints the article schema with --json', async () => {
    const r = await runNews(['read', server.url('/world/russia'), '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a)).toEqual([
      'slug', 'id', 'title', 'url', 'source', 'category', 'categories', 'author',
      'publishedAt', 'updatedAt', 'summary', 'body', 'html', 'enclosures', 'image', 'read',
    ]);
    const expected = JSON.parse(readFileSync(fixture('pages', 'wordpress-world.expected.json'), 'utf8')).article;
    expect({ ...a, html: undefined }).toEqual({ ...expected, html: undefined });
    expect(a.html).toContain('<a href="https://mid.ru/en/">Russian Ministry of Foreign Affairs</a>');
    expect(a.html).not.toMatch(/<script|sharedaddy|Recent Posts/);
  });

  it('takes JSON-LD dates and the canonical URL from a news page', async () => {
    const r = await runNews(['read', server.url('/news/ferry?utm_source=rss')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      'Business',
      'Ferry operators add winter sailings as island tourism grows',
      'By Marta Nowak · 20 hours ago (Sun 8 Jun 2025 14:45 UTC) · 1 min read',
      'The Lakeside Courier',
      'https://www.lakesidecourier.example/news/business/2025/06/08/ferry-operators-add-winter-sailings',
    ]);
    expect(r.stdout).not.toMatch(/cookies|Accept all|Most read|morning briefing/);
  });

  it('resolves a blog\'s relative links against the page\'s own URL', async () => {
    const url = server.url('/blog/2024/11/why-my-dns/');
    const r = await runNews(['read', url]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'Why my DNS lookups took five seconds',
      'By Ada Lindgren · 7 months ago (Sat 2 Nov 2024 08:15 UTC) · 1 min read',
      url,
    ]);
    expect(r.stdout.endsWith(`[1] ${server.url('/blog/2024/11/dns-capture-notes/')}\n`)).toBe(true);
  });

  it('decodes a page by its HTTP charset', async () => {
    const r = await runNews(['read', server.url('/legacy'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).body).toContain('“We used to close in October and open again at Easter.');
  });
});

describe('pages that cannot be read', () => {
  it('names the title and URL of a page that is not an article (exit 4)', async () => {
    const r = await runNews(['read', server.url('/category/world/')]);
    expect(r).toEqual({
      stdout: '',
      stderr: `news: ${server.url('/category/world/')}: "World Archives – Meridian Herald" is not an article (no article text found)\n`,
      code: 4,
    });
  });

  it('names the URL redirects led to', async () => {
    const r = await runNews(['read', server.url('/moved')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`news: ${server.url('/category/world/')}: "World Archives – Meridian Herald" is not an article (no article text found)\n`);
  });

  it('says so for a local file too', async () => {
    const r = await runNews(['read', 'fixtures/pages/category-index.html'], { cwd: ROOT });
    expect(r.stderr).toBe('news: fixtures/pages/category-index.html: "World Archives – Meridian Herald" is not an article (no article text found)\n');
    expect(r.code).toBe(4);
  });

  it('points a feed to news list', async () => {
    const r = await runNews(['read', server.url('/feed.xml')]);
    expect(r.stderr).toBe(`news: ${server.url('/feed.xml')}: a feed or store, not a web page; list its articles with "news list --source ${server.url('/feed.xml')}"\n`);
    expect(r.code).toBe(4);
  });

  it('reports a missing file (exit 3) and an HTTP error (exit 5)', async () => {
    expect(await runNews(['read', './missing.html'])).toEqual({ stdout: '', stderr: 'news: ./missing.html: no such file\n', code: 3 });
    const gone = await runNews(['read', server.url('/no-such-page')]);
    expect(gone.code).toBe(5);
    expect(gone.stderr).toMatch(/^news: .*HTTP 404.*\n$/);
  });
});

describe('news read --full', () => {
  // A feed that publishes one-sentence summaries of pages on its own server.
  async function feedSetup() {
    const site = await startFeedServer();
    site.route('/world/russia', { body: page('wordpress-world'), headers: HTML });
    site.route('/category/world/', { body: page('category-index'), headers: HTML });
    site.route('/feed.xml', {
      body: rss('Meridian Herald', [
        {
          guid: 'russia',
          title: 'Russia anticipates Jinping visit in the days to come',
          link: site.url('/world/russia'),
          pubDate: 'Tue, 14 Mar 2023 09:30:00 GMT',
          description: 'On the sidelines of the Russia-Ukrain war, the Russian government anticipates a visit from Chinese premier Xi Jinping in the days to come.',
        },
        { guid: 'index', title: 'All the world news', link: site.url('/category/world/'), pubDate: 'Mon, 09 Jun 2025 08:00:00 GMT', description: 'An index.' },
        { guid: 'nolink', title: 'A note without a page', pubDate: 'Mon, 09 Jun 2025 07:00:00 GMT', description: 'Just this.' },
      ]),
    });
    const home = tempHome();
    writeSubscriptions(home, [{ name: 'Meridian Herald', url: site.url('/feed.xml') }]);
    expect((await runNews(['fetch'], { home })).code).toBe(0);
    return { site, home };
  }
  const slug = 'russia-anticipates-jinping-visit-in-the-days-to-come';
  const bodiesText = (home: string) =>
    readdirSync(join(dataDir(home), 'bodies')).map((f) => readFileSync(join(dataDir(home), 'bodies', f), 'utf8')).join('');

  it('shows the whole text, keeps it in the local store, and reads it offline the next time', async () => {
    const { site, home } = await feedSetup();
    try {
      const short = await runNews(['read', slug, '--no-mark'], { home });
      expect(short.stdout).not.toContain('If happened this would be');

      const first = await runNews(['read', slug, '--full'], { home });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout.split('\n').slice(0, 3)).toEqual([
        'Russia anticipates Jinping visit in the days to come',
        '2 years ago (Tue 14 Mar 2023 09:30 UTC) · 1 min read',
        `Meridian Herald · ${site.url('/world/russia')}`,
      ]);
      expect(first.stdout).toContain('\nIf happened this would be the second in-person meeting between Putin and Xi\n');
      expect(first.stdout).toContain('[1] https://mid.ru/en/\n');
      for (const headline of WIDGET_HEADLINES) expect(first.stdout).not.toContain(headline.slice(0, 20));
      expect(site.requestsTo('/world/russia')).toHaveLength(1);
      expect(bodiesText(home)).toContain('"fetchedAt":"2025-06-09T11:00:00Z"');
      // Reading marks the article read, as without --full.
      expect((await runNews(['count', '--unread'], { home })).stdout).toBe('2\n');

      await site.close();
      const offline = await runNews(['read', slug, '--full'], { home });
      expect(offline).toEqual({ stdout: first.stdout, stderr: '', code: 0 });
      const json = JSON.parse((await runNews(['read', slug, '--full', '--json'], { home })).stdout);
      expect(json.body).toContain('Mao Ning, the spokesperson for China’s Ministry of Foreign Affairs');
      expect(json.summary).toBe('On the sidelines of the Russia-Ukrain war, the Russian government anticipates a visit from Chinese premier Xi Jinping in the days to come.');
      // Without --full the feed's own text is still what is shown.
      expect((await runNews(['read', slug], { home })).stdout).toBe(short.stdout);
    } finally {
      await site.close();
    }
  });

  it('fetches but does not cache for a source that is not the local store', async () => {
    const site = await startFeedServer();
    try {
      site.route('/world/russia', { body: page('wordpress-world'), headers: HTML });
      site.route('/feed.xml', { body: rss('Meridian Herald', [{ title: 'Russia anticipates Jinping visit in the days to come', link: site.url('/world/russia'), description: 'Short.' }]) });
      const home = tempHome();
      const args = ['read', slug, '--full', '--source', site.url('/feed.xml')];
      const first = await runNews(args, { home });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('\nIf happened this would be the second in-person meeting between Putin and Xi\n');
      expect((await runNews(args, { home })).stdout).toBe(first.stdout);
      expect(site.requestsTo('/world/russia')).toHaveLength(2);
      expect(existsSync(dataDir(home))).toBe(false);
    } finally {
      await site.close();
    }
  });

  it('reports a linked page that is not an article, and an article without a link', async () => {
    const { site, home } = await feedSetup();
    try {
      const before = bodiesText(home);
      expect(await runNews(['read', 'all-the-world-news', '--full'], { home })).toEqual({
        stdout: '',
        stderr: `news: ${site.url('/category/world/')}: "World Archives – Meridian Herald" is not an article (no article text found)\n`,
        code: 4,
      });
      expect(await runNews(['read', 'a-note-without-a-page', '--full'], { home })).toEqual({
        stdout: '',
        stderr: 'news: --full fetches the article\'s web page, but "a-note-without-a-page" has no URL\n',
        code: 2,
      });
      expect(bodiesText(home)).toBe(before);
    } finally {
      await site.close();
    }
  });
});

describe('start-up cost', () => {
  // dist/cli.js is one bundle; the large dependencies are files of their own under
  // dist/vendor, required on first use. Which of them does `news list` load?
  it('news list never loads linkedom or Readability', () => {
    const bin = JSON.stringify(BIN);
    const script = `process.argv = [process.execPath, ${bin}, 'list'];
      process.on('exit', () => require('node:fs').writeSync(2, '\\nloaded: ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));
      require(${bin}).runCli();`;
    const r = spawnSync(process.execPath, ['-e', script], { env: newsEnv(tempHome()), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('russia-anticipates-jinping-visit-in-the-days-to-come\t');
    const loaded: string[] = JSON.parse(/\nloaded: (.*)\n$/.exec(r.stderr)![1]!);
    expect(loaded).toContain(join(ROOT, 'bin', 'news.js'));
    const reader = readdirSync(join(ROOT, 'dist', 'vendor')).filter((f) => /readability-page|parseHTML/.test(readFileSync(join(ROOT, 'dist', 'vendor', f), 'utf8')));
    expect(reader.length).toBe(2);
    for (const file of reader) expect(loaded).not.toContain(join(ROOT, 'dist', 'vendor', file));
  });
});
