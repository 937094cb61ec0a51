// The local store's listing index (headlines.idx): written by every commit, used
// by `news list` (newest first) and `news read <slug>`, and never a reason for
// output to differ from reading store.json itself.
import { copyFileSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FeedServer, type Item, dataDir, rss, startFeedServer, writeSubscriptions } from './feed-server.js';
import { fixture, runNews, tempHome } from './run-news.js';

let server: FeedServer;
let home: string;

// Dates shared by several items, undated items, non-ASCII and a tab in titles;
// enough of them (a listing over 64 KiB) that `--limit` reads only part of it.
const items: Item[] = Array.from({ length: 600 }, (_, i) => ({
  guid: `g${i}`,
  title: `${['Zürich council', 'Rain in 東京', 'Budget	vote', 'Ferry “news”'][i % 4]} ${i}`,
  link: `https://many.example/${i}`,
  pubDate: i % 7 === 3 ? undefined : `Mon, 0${1 + (i % 9)} Jun 2025 ${String(10 + (i % 5)).padStart(2, '0')}:00:00 GMT`,
  description: `Item ${i} of many.`,
}));

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/alpha.rss', { body: readFileSync(fixture('sync', 'alpha.rss')) });
  server.route('/beta.atom', { body: readFileSync(fixture('sync', 'beta.atom')) });
  server.route('/hostile.xml', { body: readFileSync(fixture('hostile', 'control-chars.xml')) });
  server.route('/many.rss', { body: rss('Many Items', items) });
});

afterAll(() => server.close());

// A fresh fetch for each test, not a copy of one: a copied store.json is another
// file, which the index (rightly) does not apply to.
beforeEach(async () => {
  home = tempHome();
  writeSubscriptions(home, [
    { name: 'Alpha Daily', url: server.url('/alpha.rss') },
    { name: 'Beta Weather', url: server.url('/beta.atom') },
    { name: 'Hostile', url: server.url('/hostile.xml') },
    { name: 'Many', url: server.url('/many.rss') },
  ]);
  expect((await runNews(['fetch'], { home })).code).toBe(0);
});

const news = (args: string[]) => runNews(args, { home });
const indexPath = () => join(dataDir(home), 'headlines.idx');

/** Whether the index names the current store.json (device, inode, size, mtime), so that commands use it. */
function indexApplies(): boolean {
  const st = statSync(join(dataDir(home), 'store.json'));
  const header = JSON.parse(readFileSync(indexPath(), 'utf8').split('\n')[0]!) as { store: string };
  return header.store === `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

/** The same command with the index and with store.json alone. */
async function bothWays(args: string[]) {
  expect(indexApplies()).toBe(true);
  const indexed = await news(args);
  renameSync(indexPath(), `${indexPath()}.away`);
  const whole = await news(args);
  renameSync(`${indexPath()}.away`, indexPath());
  return { indexed, whole };
}

const LISTINGS = [
  ['list'],
  ['list', '--limit', '7'],
  ['list', '--limit', '550'],
  ['list', '--since', '2025-06-04', '--limit', '4'],
  ['list', '--category', 'politics', '--limit', '1'],
  ['list', '--reverse'],
  ['list', '--unread'],
  ['list', '--since', '2025-06-04', '--until', '2025-06-08T12:00:00Z'],
  ['list', '--category', 'politics'],
  ['list', '--author', 'many'],
  ['list', '--json', '--limit', '5'],
  ['list', '--ndjson', '--unread', '--fields', 'slug,title,read,summary'],
  ['list', '--json', '--reverse', '--fields', 'slug,read,publishedAt'],
];

describe('the listing index', () => {
  it('is written by the fetch, and every listing reads the same with it as without it', async () => {
    expect(existsSync(indexPath())).toBe(true);
    expect((await news(['doctor'])).stdout).toContain('ok       listing index ~/data/news/headlines.idx is current\n');
    const header = JSON.parse(readFileSync(indexPath(), 'utf8').split('\n')[0]!) as { listing: number };
    expect(header.listing).toBeGreaterThan(1 << 16); // so that --limit reads a part
    for (const args of LISTINGS) {
      const { indexed, whole } = await bothWays(args);
      expect(indexed.code, args.join(' ')).toBe(0);
      expect(indexed, args.join(' ')).toEqual(whole);
      expect(indexed.stdout.length, args.join(' ')).toBeGreaterThan(2);
    }
  });

  it('counts what store.json counts', async () => {
    for (const args of [['count'], ['count', '--unread'], ['count', '--category', 'politics'], ['count', '--since', '2025-06-05', '--author', 'many']]) {
      const { indexed, whole } = await bothWays(args);
      expect(indexed, args.join(' ')).toEqual(whole);
      expect(indexed.stdout, args.join(' ')).toMatch(/^[1-9]\d*\n$/);
    }
  });

  it('applies read.log on top: marks made since the commit show in --unread and JSON', async () => {
    const slugs = (await news(['list'])).stdout.split('\n').slice(0, 3).map((l) => l.split('\t')[0]!);
    expect((await news(['mark', ...slugs])).code).toBe(0);
    expect(existsSync(join(dataDir(home), 'read.log'))).toBe(true);
    for (const args of [['list', '--unread'], ['list', '--unread', '--limit', '2'], ['list', '--json', '--fields', 'slug,read'], ['count', '--unread']]) {
      const { indexed, whole } = await bothWays(args);
      expect(indexed).toEqual(whole);
    }
    expect((await news(['list', '--unread'])).stdout).not.toContain(`${slugs[0]}\t`);
  });

  it('`news read <slug>` shows the same article and recent posts, and still marks it read', async () => {
    const slug = (await news(['list', '--author', 'many'])).stdout.split('\t')[0]!;
    const { indexed, whole } = await bothWays(['read', slug, '--no-mark']);
    expect(indexed.code).toBe(0);
    expect(indexed).toEqual(whole);
    expect(indexed.stdout).toContain('Recent posts');
    expect((await news(['read', slug])).code).toBe(0);
    expect((await news(['list', '--unread'])).stdout).not.toContain(`${slug}\t`);
  });

  it('answers a row number as the whole list does, filters and --reverse included', async () => {
    const refs = [
      ['read', '3', '--no-mark'],
      ['read', '1', '--reverse', '--no-mark'],
      ['read', '2', '--author', 'many', '--since', '2025-06-05', '--json', '--no-mark'],
      ['open', '7', '--print'],
      ['read', '99999'],
      ['read', '0'],
      ['read', '2', '--category', 'politics'],
    ];
    for (const args of refs) {
      const { indexed, whole } = await bothWays(args);
      expect(indexed, args.join(' ')).toEqual(whole);
    }
    expect((await news(['read', '99999'])).stderr).toMatch(/^news: no article at row 99999: the list has \d+ rows\n$/);
    // `news mark 4` marks row 4, as listed.
    const fourth = (await news(['list'])).stdout.split('\n')[3]!.split('\t')[0]!;
    expect(await news(['mark', '4'])).toMatchObject({ stderr: 'news: marked 1 article read\n', code: 0 });
    expect((await news(['list', '--unread'])).stdout).not.toContain(`${fourth}\t`);
  });

  it('is what listing reads (a change in it shows), and is ignored once store.json is another file', async () => {
    const bytes = readFileSync(indexPath());
    const at = bytes.indexOf('Zürich council 0\t', bytes.indexOf('\n'));
    bytes.write('Zürich counsel 0\t', at); // same length: the index stays well-formed
    writeFileSync(indexPath(), bytes);
    expect((await news(['list'])).stdout).toContain('Zürich counsel 0\t');
    // A backup restored by hand: another store.json, so the index no longer applies.
    const store = join(dataDir(home), 'store.json');
    copyFileSync(store, `${store}.copy`);
    renameSync(`${store}.copy`, store);
    expect(indexApplies()).toBe(false);
    expect((await news(['doctor'])).stdout).toContain('ok       listing index ~/data/news/headlines.idx is missing or out of date');
    const after = await news(['list']);
    expect(after.stdout).not.toContain('counsel');
    expect(after.stdout).toContain('Zürich council 0\t');
  });

  it('sanitizes text that reached the index file by other means', async () => {
    const bytes = readFileSync(indexPath());
    const at = bytes.indexOf('Zürich council 0\t', bytes.indexOf('\n'));
    bytes.write('Z\u001b[1mch council 0\t', at); // as many bytes as "Zürich": the sizes still add up
    writeFileSync(indexPath(), bytes);
    const r = await news(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain('Z[1mch council 0\t');
  });
});
