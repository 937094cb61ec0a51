// Read state in the local store (`news read`, `mark`, `list --unread`, `count`),
// and a local store that cannot be read: reported, explained, never rewritten.
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FeedServer, dataDir, startFeedServer, writeSubscriptions } from './feed-server.js';
import { ROOT, fixture, runNews, tempHome } from './run-news.js';

const ALPHA_BETA_TSV = readFileSync(fixture('sync', 'alpha-beta.expected.tsv'), 'utf8');
const tsvRows = (...slugs: string[]) =>
  ALPHA_BETA_TSV.split('\n')
    .filter((l) => slugs.includes(l.split('\t')[0]!))
    .map((l) => `${l}\n`)
    .join('');

let server: FeedServer;
// A HOME whose local store holds Alpha's 3 and Beta's 2 articles, all unread;
// each test works on a copy.
let template: string;
let home: string;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/alpha.rss', { body: readFileSync(fixture('sync', 'alpha.rss')) });
  server.route('/beta.atom', { body: readFileSync(fixture('sync', 'beta.atom')) });
  template = tempHome();
  writeSubscriptions(template, [
    { name: 'Alpha Daily', url: server.url('/alpha.rss') },
    { name: 'Beta Weather', url: server.url('/beta.atom') },
  ]);
  expect((await runNews(['fetch'], { home: template })).code).toBe(0);
});

afterAll(() => server.close());

beforeEach(() => {
  home = tempHome();
  cpSync(template, home, { recursive: true });
  server.requests.length = 0;
});

const news = (args: string[], env: Record<string, string> = {}) => runNews(args, { home, env });
const storePath = () => join(dataDir(home), 'store.json');
const unread = async () => (await news(['count', '--unread'])).stdout;

describe('read state', () => {
  it('`news read` marks the article read; --no-mark does not and writes nothing', async () => {
    expect(await unread()).toBe('5\n');
    const before = readFileSync(storePath(), 'utf8');
    const peek = await news(['read', 'rain-expected-through-thursday', '--no-mark']);
    expect(peek.code).toBe(0);
    expect(peek.stdout.split('\n').slice(0, 2)).toEqual(['Rain expected through Thursday', 'By Dana Reyes · 2 hours ago (Mon 9 Jun 2025 09:00 UTC) · 1 min read']);
    expect(readFileSync(storePath(), 'utf8')).toBe(before);
    expect(await unread()).toBe('5\n');

    expect((await news(['read', 'rain-expected-through-thursday'])).stdout).toBe(peek.stdout);
    expect(await unread()).toBe('4\n');
    expect((await news(['count'])).stdout).toBe('5\n');

    // Reading an article already read changes nothing on disk.
    const after = statSync(storePath()).mtimeMs;
    await news(['read', 'rain-expected-through-thursday']);
    expect(statSync(storePath()).mtimeMs).toBe(after);
  });

  it('`news list --unread` shows only unread articles', async () => {
    await news(['read', '1']);
    await news(['read', '3']);
    expect(await news(['list', '--unread'])).toEqual({
      stdout: tsvRows('rain-expected-through-thursday', 'library-extends-weekend-hours', 'heatwave-warnings-lifted'),
      stderr: '',
      code: 0,
    });
    expect((await news(['list'])).stdout).toBe(ALPHA_BETA_TSV);
  });

  it('`news mark` takes slugs, row numbers and prefixes, and --unread', async () => {
    expect(await news(['mark', '1', 'rain-exp', 'heatwave-warnings-lifted'])).toEqual({ stdout: '', stderr: 'news: marked 3 articles read\n', code: 0 });
    expect((await news(['list', '--unread'])).stdout).toBe(tsvRows('council-approves-new-cycle-lanes', 'library-extends-weekend-hours'));
    expect((await news(['mark', 'heatwave-warnings-lifted'])).stderr).toBe('news: marked 0 articles read\n');
    // Row 1 of the list with the same filters.
    expect((await news(['mark', '1', '--category', 'politics'])).stderr).toBe('news: marked 1 article read\n');
    expect(await news(['mark', 'rain', '--unread'])).toEqual({ stdout: '', stderr: 'news: marked 1 article unread\n', code: 0 });
    expect((await news(['list', '--unread'])).stdout).toBe(tsvRows('rain-expected-through-thursday', 'library-extends-weekend-hours'));
  });

  it('`news mark --all` marks every article of the (filtered) list', async () => {
    expect(await news(['mark', '--all'])).toEqual({ stdout: '', stderr: 'news: marked 5 articles read\n', code: 0 });
    expect(await unread()).toBe('0\n');
    expect((await news(['mark', '--all', '--unread', '--author', 'dana'])).stderr).toBe('news: marked 2 articles unread\n');
    expect((await news(['list', '--unread'])).stdout).toBe(tsvRows('rain-expected-through-thursday', 'heatwave-warnings-lifted'));
  });

  it('`news mark` needs references or --all, not both, and known references', async () => {
    expect(await news(['mark'])).toEqual({ stdout: '', stderr: 'news: name the articles to mark (slug, row number or prefix), or use --all\n', code: 2 });
    expect(await news(['mark', '1', '--all'])).toEqual({ stdout: '', stderr: 'news: give article references or --all, not both\n', code: 2 });
    const unknown = await news(['mark', 'no-such-article']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/^news: no article "no-such-article"/);
    expect(await unread()).toBe('5\n');
  });

  it('marking appends to read.log, rewriting neither store.json nor a bodies file; the next fetch folds it in', async () => {
    const dir = join(dataDir(home), 'bodies');
    const snapshot = () => readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8'), statSync(join(dir, n)).mtimeMs]);
    const before = snapshot();
    const store = readFileSync(storePath(), 'utf8');
    await news(['mark', '--all']);
    await news(['mark', 'council', '--unread']);
    expect(snapshot()).toEqual(before);
    expect(readFileSync(storePath(), 'utf8')).toBe(store);
    const log = join(dataDir(home), 'read.log');
    expect(readFileSync(log, 'utf8').split('\n')).toHaveLength(5 + 1 + 1);
    expect(await unread()).toBe('1\n');

    expect((await news(['fetch', '--force'])).code).toBe(0);
    expect(existsSync(log)).toBe(false);
    const folded = JSON.parse(readFileSync(storePath(), 'utf8')).articles.map((h: { slug: string; read: boolean }) => [h.slug, h.read]);
    expect(folded.filter(([, read]: [string, boolean]) => !read)).toEqual([['council-approves-new-cycle-lanes', false]]);
    expect(await unread()).toBe('1\n');
  });

  it('a damaged read.log is reported with its path (exit 4), left as it is, and explained by `news doctor`', async () => {
    const log = join(dataDir(home), 'read.log');
    writeFileSync(log, 'garbage\n');
    const store = readFileSync(storePath(), 'utf8');
    for (const args of [['list'], ['mark', '1'], ['fetch', '--force']]) {
      expect(await news(args), args.join(' ')).toEqual({
        stdout: '',
        stderr: 'news: the read-state log ~/data/news/read.log is corrupt at line 1; it was left untouched: run "news doctor" to recover\n',
        code: 4,
      });
    }
    expect(readFileSync(log, 'utf8')).toBe('garbage\n');
    expect(readFileSync(storePath(), 'utf8')).toBe(store);
    const doctor = await news(['doctor']);
    expect(doctor.code).toBe(4);
    expect(doctor.stdout).toContain(
      'PROBLEM  the read-state log ~/data/news/read.log is corrupt at line 1\n' +
        '         Move it aside (mv ~/data/news/read.log ~/data/news/read.log.broken); store.json is unaffected, only articles marked read or unread since the last fetch lose that mark.\n',
    );
  });

  it('`news list --json` has "read": true|false for the local store and null for a file source', async () => {
    await news(['mark', 'council']);
    expect(JSON.parse((await news(['list', '--json', '--fields', 'slug,read'])).stdout)).toEqual([
      { slug: 'harbour-bridge-reopens-after-repairs', read: false },
      { slug: 'rain-expected-through-thursday', read: false },
      { slug: 'council-approves-new-cycle-lanes', read: true },
      { slug: 'library-extends-weekend-hours', read: false },
      { slug: 'heatwave-warnings-lifted', read: false },
    ]);
    const file = await runNews(['list', '--ndjson', '--fields', 'slug,read', '--source', 'fixtures/sync/alpha.rss'], { home, cwd: ROOT });
    expect(file).toEqual({
      stdout:
        '{"slug":"harbour-bridge-reopens-after-repairs","read":null}\n' +
        '{"slug":"council-approves-new-cycle-lanes","read":null}\n' +
        '{"slug":"library-extends-weekend-hours","read":null}\n',
      stderr: '',
      code: 0,
    });
  });

  it('--unread on a file source is a usage error (exit 2)', async () => {
    const message = 'news: --unread needs the local store (read state is kept there): subscribe and run "news fetch"\n';
    const src = ['--source', 'fixtures/sync/alpha.rss'];
    expect(await runNews(['list', '--unread', ...src], { home, cwd: ROOT })).toEqual({ stdout: '', stderr: message, code: 2 });
    expect(await runNews(['count', '--unread', ...src], { home, cwd: ROOT })).toEqual({ stdout: '', stderr: message, code: 2 });
    expect(await runNews(['mark', '1'], { home, cwd: ROOT, env: { NEWS_SOURCE: 'fixtures/sync/alpha.rss' } })).toEqual({
      stdout: '',
      stderr: 'news: read state is kept only in the local store: subscribe with "news feeds add <url>" and run "news fetch"\n',
      code: 2,
    });
  });

  it('`news count` prints just a number, with the list filters', async () => {
    expect(await news(['count'])).toEqual({ stdout: '5\n', stderr: '', code: 0 });
    expect(await news(['count', '--category', 'LOCAL'])).toEqual({ stdout: '1\n', stderr: '', code: 0 });
    expect(await news(['count', '--since', '3h'])).toEqual({ stdout: '3\n', stderr: '', code: 0 });
    expect(await runNews(['count', '--source', 'fixtures/sync/five.rss'], { home, cwd: ROOT })).toEqual({ stdout: '5\n', stderr: '', code: 0 });
  });
});

describe('news read <slug> on the local store', () => {
  // An exact slug is found without parsing the whole store; a store laid out any
  // other way (here pretty-printed by hand) is read whole. Both must agree.
  it('shows the same article, recent posts and JSON by either path', async () => {
    await news(['mark', 'council']);
    const slugs = (await news(['list'])).stdout.trim().split('\n').map((l) => l.split('\t')[0]!);
    const show = async () => {
      const out: string[] = [];
      for (const slug of slugs) {
        for (const extra of [[], ['--json'], ['--width', '40']]) {
          const r = await news(['read', slug, '--no-mark', ...extra]);
          expect(r.code, r.stderr).toBe(0);
          out.push(r.stdout);
        }
      }
      return out;
    };
    const fast = await show();
    expect(fast.join('')).toContain('Recent posts');
    writeFileSync(storePath(), JSON.stringify(JSON.parse(readFileSync(storePath(), 'utf8')), null, 2));
    expect(await show()).toEqual(fast);
  });

  it('`news open --print` and `news mark` by exact slug agree by either path', async () => {
    const slugs = (await news(['list'])).stdout.trim().split('\n').map((l) => l.split('\t')[0]!);
    const urls = async () => Promise.all(slugs.map(async (slug) => (await news(['open', slug, '--print'])).stdout));
    const fast = await urls();
    expect(fast.every((u) => /^https:\/\//.test(u))).toBe(true);
    expect(await news(['mark', 'library-extends-weekend-hours'])).toEqual({ stdout: '', stderr: 'news: marked 1 article read\n', code: 0 });
    expect(await news(['mark', 'library-extends-weekend-hours'])).toEqual({ stdout: '', stderr: 'news: marked 0 articles read\n', code: 0 });
    writeFileSync(storePath(), JSON.stringify(JSON.parse(readFileSync(storePath(), 'utf8')), null, 2));
    expect(await urls()).toEqual(fast);
    expect(await news(['mark', 'library-extends-weekend-hours'])).toEqual({ stdout: '', stderr: 'news: marked 0 articles read\n', code: 0 });
    expect(await news(['mark', 'heatwave-warnings-lifted'])).toEqual({ stdout: '', stderr: 'news: marked 1 article read\n', code: 0 });
    expect(await unread()).toBe('3\n');
  });

  it('marks the article read through either path', async () => {
    expect((await news(['read', 'heatwave-warnings-lifted'])).code).toBe(0);
    writeFileSync(storePath(), JSON.stringify(JSON.parse(readFileSync(storePath(), 'utf8')), null, 2));
    expect((await news(['read', 'library-extends-weekend-hours'])).code).toBe(0);
    expect((await news(['list', '--unread'])).stdout.split('\n').map((l) => l.split('\t')[0])).toEqual([
      'harbour-bridge-reopens-after-repairs',
      'rain-expected-through-thursday',
      'council-approves-new-cycle-lanes',
      '',
    ]);
  });
});

describe('news list --sort feed on the local store', () => {
  // Store order is streamed from store.json a line at a time; a store laid out
  // any other way (here pretty-printed by hand) is read whole. Both must agree.
  const cases = [
    ['--sort', 'feed'],
    ['--sort', 'feed', '--json'],
    ['--sort', 'feed', '--ndjson'],
    ['--sort', 'feed', '--json', '--fields', 'slug,read', '--limit', '2'],
    ['--sort', 'feed', '--ndjson', '--unread'],
    ['--sort', 'feed', '--search', 'cycle'],
    ['--sort', 'feed', '--category', 'local', '--json'],
    ['--sort', 'feed', '--since', '2h', '--ndjson', '--fields', 'slug'],
    ['--sort', 'feed', '--category', 'nothing', '--json'],
  ];

  it('prints the same by either path', async () => {
    await news(['mark', 'harbour']);
    const run = async () => Promise.all(cases.map(async (args) => {
      const r = await news(['list', ...args]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    }));
    const streamed = await run();
    expect(streamed[8]).toBe('[]\n');
    expect(JSON.parse(streamed[3]!)).toEqual([
      { slug: 'harbour-bridge-reopens-after-repairs', read: true },
      { slug: 'council-approves-new-cycle-lanes', read: false },
    ]);
    writeFileSync(storePath(), JSON.stringify(JSON.parse(readFileSync(storePath(), 'utf8')), null, 2));
    expect(await run()).toEqual(streamed);
  });

  it('reports a damaged line when it reaches it, with its place (exit 4)', async () => {
    const lines = readFileSync(storePath(), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"slug":')) + 1; // the second article
    lines[at] = lines[at]!.replace('"title":', '"title":,');
    writeFileSync(storePath(), lines.join('\n'));
    const r = await news(['list', '--sort', 'feed', '--ndjson', '--fields', 'slug']);
    expect(r.stdout).toBe('{"slug":"harbour-bridge-reopens-after-repairs"}\n');
    expect(r.stderr).toMatch(new RegExp(`^news: the local store ~/data/news/store.json is corrupt \\(not valid JSON at line ${at + 1}, column \\d+\\); it was left untouched: run "news doctor" to recover\n$`));
    expect(r.code).toBe(4);
  });
});

describe('a local store that cannot be read', () => {
  const CORRUPT = '{"version":1,\n"feeds":{,}';
  const corruptMessage =
    'news: the local store ~/data/news/store.json is corrupt (not valid JSON at line 2, column 10); it was left untouched: run "news doctor" to recover\n';

  it('is reported with its path (exit 4) and left byte for byte by fetch, mark and read', async () => {
    writeFileSync(storePath(), CORRUPT);
    const commands = [['list'], ['fetch'], ['fetch', '--force'], ['mark', '--all'], ['mark', '1'], ['read', '1'], ['count', '--unread']];
    // One after another: two fetches at once would make one of them wait on the other's lock.
    for (const args of commands) {
      expect(await news(args, { NEWS_NOW: '2025-06-10T11:00:00Z' }), args.join(' ')).toEqual({ stdout: '', stderr: corruptMessage, code: 4 });
    }
    expect(readFileSync(storePath(), 'utf8')).toBe(CORRUPT);
    expect(existsSync(`${storePath()}.bak`)).toBe(false);
    expect(server.requests).toEqual([]);
  });

  it('is explained by `news doctor`, which says how to rebuild it', async () => {
    writeFileSync(storePath(), CORRUPT);
    expect(await news(['doctor'])).toEqual({
      stdout:
        'ok       config ~/config/news/config.json; 2 subscriptions\n' +
        'PROBLEM  the local store ~/data/news/store.json is corrupt (not valid JSON at line 2, column 10)\n' +
        '         Move it aside (mv ~/data/news/store.json ~/data/news/store.json.broken) and run "news fetch" to rebuild it; read state is lost.\n',
      stderr: 'news: 1 problem found\n',
      code: 4,
    });
    expect(readFileSync(storePath(), 'utf8')).toBe(CORRUPT);
  });

  it('is explained by `news doctor` with the backup to restore, when there is one', async () => {
    await news(['fetch', '--force']); // the second commit: store.json.bak now exists
    writeFileSync(storePath(), CORRUPT);
    const r = await news(['doctor']);
    expect(r).toEqual({
      stdout:
        'ok       config ~/config/news/config.json; 2 subscriptions\n' +
        'PROBLEM  the local store ~/data/news/store.json is corrupt (not valid JSON at line 2, column 10)\n' +
        '         Restore the previous version with: cp ~/data/news/store.json.bak ~/data/news/store.json (articles since the last fetch are fetched again).\n' +
        'ok       backup ~/data/news/store.json.bak is readable\n',
      stderr: 'news: 1 problem found\n',
      code: 4,
    });
    // Following the advice works.
    cpSync(`${storePath()}.bak`, storePath());
    expect((await news(['list'])).stdout).toBe(ALPHA_BETA_TSV);
    expect((await news(['doctor'])).code).toBe(0);
  });

  // Regression (was a bug in src/commands/doctor.ts, `restore`): the advice to copy the backup back is
  // chosen by existsSync(bak) alone, so doctor recommends restoring a backup it
  // reports in the same run as not readable.
  it('does not recommend restoring a backup that is itself unreadable', async () => {
    await news(['mark', 'council']);
    writeFileSync(storePath(), CORRUPT);
    writeFileSync(`${storePath()}.bak`, CORRUPT);
    const r = await news(['doctor']);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('ok       backup ~/data/news/store.json.bak is not readable');
    expect(r.stdout).not.toContain('cp ~/data/news/store.json.bak');
  });

  const NEWER = '{"version":99,"feeds":{},"articles":[],"shinyNewThing":true}\n';
  const newerMessage = 'news: ~/data/news/store.json: written by a newer news (store version 99, this one reads 1); upgrade news\n';

  it('written by a newer version is refused (exit 4), not rewritten', async () => {
    writeFileSync(storePath(), NEWER);
    const commands = [['list'], ['fetch', '--force'], ['mark', '--all'], ['read', '1'], ['feeds', 'list']];
    const results = await Promise.all(commands.map((args) => news(args)));
    commands.forEach((args, i) => expect(results[i], args.join(' ')).toEqual({ stdout: '', stderr: newerMessage, code: 4 }));
    expect(readFileSync(storePath(), 'utf8')).toBe(NEWER);
    expect(server.requests).toEqual([]);
  });

  // Regression (was a bug in src/commands/doctor.ts): for a store written by a newer news, doctor says
  // "upgrade news" and then advises copying store.json.bak over it, which throws
  // away whatever the newer version wrote.
  it('written by a newer version is explained by doctor without advice to overwrite it', async () => {
    await news(['mark', 'council']);
    writeFileSync(storePath(), NEWER);
    const r = await news(['doctor']);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('PROBLEM  ~/data/news/store.json: written by a newer news (store version 99, this one reads 1); upgrade news\n');
    expect(r.stdout).not.toContain('cp ~/data/news/store.json.bak');
    expect(readFileSync(storePath(), 'utf8')).toBe(NEWER);
  });
});
