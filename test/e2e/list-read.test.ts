import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, fixture, newsEnv, runNews, tempHome } from './run-news.js';

const SAMPLE_NOTICE =
  'news: showing the bundled sample store; subscribe with "news feeds add <url>" then "news fetch", or read any feed with --source <file|url>\n';
const inRoot = { cwd: ROOT };

describe('news list on the bundled sample store', () => {
  it('prints the hand-written expected TSV when piped, and says it is the sample', async () => {
    const r = await runNews(['list']);
    expect(r.stdout).toBe(readFileSync(fixture('sample-store.expected.tsv'), 'utf8'));
    expect(r.stderr).toBe(SAMPLE_NOTICE);
    expect(r.code).toBe(0);
  });

  it('shows the seed page\'s Recent Posts ages exactly', async () => {
    const r = await runNews(['list', '--since', '3h']);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    // The two newest articles are invented ones; the seed's six follow.
    expect(rows.slice(2).map((f) => f[1])).toEqual([
      'Hina Khan Hails 11 Years Of PM Modi’s Leadership; Highlights National Progress',
      'Subhash Ghai Hails PM Modi’s Transformative Vision For India',
      'India & Central Asia Boost Rare Earth Cooperation At Delhi Meet',
      'PM Modi’s Beej Se Bazaar Tak Vision Reshapes Indian Agriculture',
      'EV Sales Cross 4% Mark In May; Signalling Steady Shift To Green Mobility',
      'Self-Reliant Defence Industry Marks India’s Strategic Security Ascent',
    ]);
    expect(rows.slice(2).map((f) => f[4])).toEqual(['16 mins ago', '41 mins ago', '1 hour ago', '2 hours ago', '2 hours ago', '2 hours ago']);
  });

  it('prints a bare JSON array with the stable schema', async () => {
    const r = await runNews(['list', '--json', '--limit', '2']);
    const data = JSON.parse(r.stdout);
    expect(Array.isArray(data)).toBe(true);
    expect(Object.keys(data[0])).toEqual([
      'slug', 'id', 'title', 'url', 'source', 'category', 'categories', 'author',
      'publishedAt', 'updatedAt', 'summary', 'body', 'html', 'enclosures', 'image', 'read',
    ]);
    expect(data[0].publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('keeps only --fields, in NDJSON one object per line', async () => {
    const r = await runNews(['list', '--ndjson', '--fields', 'title,url', '--category', 'world', '--since', '2h']);
    expect(r.stdout).toBe(
      '{"title":"India & Central Asia Boost Rare Earth Cooperation At Delhi Meet","url":"https://www.meridianherald.example/world/india-central-asia-boost-rare-earth-cooperation"}\n',
    );
  });

  it('rejects an unknown field as a usage error', async () => {
    const r = await runNews(['list', '--json', '--fields', 'title,nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('news: --fields: unknown field "nope"; fields are slug, id, title, url, source, category, categories, author, publishedAt, updatedAt, summary, body, html, enclosures, image, read\n');
    expect(r.stdout).toBe('');
  });

  it('rejects a bad flag with exit 2 and one line', async () => {
    const r = await runNews(['list', '--limt', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("news: unknown option '--limt'\n(Did you mean --limit?)\n");
  });
});

describe('news list on fixture stores', () => {
  it('skips invalid records with one warning each and shows the rest', async () => {
    const r = await runNews(['list', '--source', 'fixtures/stores/messy.json'], inRoot);
    expect(r.stdout).toBe(readFileSync(fixture('stores', 'messy.expected.tsv'), 'utf8'));
    expect(r.stderr).toBe(readFileSync(fixture('stores', 'messy.expected.stderr'), 'utf8'));
    expect(r.code).toBe(0);
  });

  it('numbers duplicate slugs deterministically', async () => {
    const r = await runNews(['list', '--source', 'fixtures/stores/duplicates.json'], inRoot);
    expect(r.stdout).toBe(readFileSync(fixture('stores', 'duplicates.expected.tsv'), 'utf8'));
  });

  it('names path, line and column of a file that is not JSON', async () => {
    const r = await runNews(['list', '--source', 'fixtures/stores/not-json.json'], inRoot);
    expect(r).toEqual({ stdout: '', stderr: 'news: fixtures/stores/not-json.json: not valid JSON at line 4, column 15\n', code: 4 });
  });

  it('names a missing file', async () => {
    const r = await runNews(['list', '--source', 'no/such/store.json'], inRoot);
    expect(r).toEqual({ stdout: '', stderr: 'news: no/such/store.json: no such file\n', code: 3 });
  });

  it('reads NEWS_SOURCE and standard input', async () => {
    const viaEnv = await runNews(['list'], { ...inRoot, env: { NEWS_SOURCE: 'fixtures/stores/duplicates.json' } });
    expect(viaEnv.stdout).toBe(readFileSync(fixture('stores', 'duplicates.expected.tsv'), 'utf8'));
    const viaStdin = await runNews(['list', '--source', '-'], { input: readFileSync(fixture('stores', 'duplicates.json')) });
    expect(viaStdin.stdout).toBe(viaEnv.stdout);
    expect(viaStdin.stderr).toBe('');
  });

  it('reads a big store from its file (a window at a time) as from standard input (whole)', async () => {
    // Past 1 MiB a bare array is scanned from the file and records are read
    // again from it when shown; standard input is one buffer.
    const records = Array.from({ length: 3000 }, (_, i) => ({
      title: `Story ${i % 50}`, author: `Author ${i}`, publishedAt: `2025-06-0${1 + (i % 9)}T10:00:00Z`, body: `<p>${'words '.repeat(70)}${i}</p>`,
    }));
    const dir = mkdtempSync(join(tmpdir(), 'news-big-'));
    const path = join(dir, 'big.json');
    writeFileSync(path, JSON.stringify([...records, { body: 'no title' }]));
    expect(readFileSync(path).length).toBeGreaterThan(1 << 20);
    for (const args of [['-n', '30'], ['--json', '-n', '5'], ['--sort', 'title', '-n', '5']]) {
      const fromFile = await runNews(['list', '--source', path, ...args]);
      const fromStdin = await runNews(['list', '--source', '-', ...args], { input: readFileSync(path) });
      expect(fromFile.stdout).toBe(fromStdin.stdout);
      expect(fromFile.stderr).toBe(fromStdin.stderr.replace('standard input', path));
      expect(fromFile.code).toBe(0);
    }
  });
});

describe('hostile text never reaches the terminal raw', () => {
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const src = ['--source', 'fixtures/stores/control-chars.json'];

  it('strips controls from every TSV field', async () => {
    const r = await runNews(['list', ...src], inRoot);
    expect(r.stdout).toBe('evil\tEvil [31mred[0m title]0;pwned\tCat31m\tAuthor]52;c;ZXZpbA==\t1 hour ago\t2025-06-09T10:00:00Z\thttps://evil.example/a\n');
  });

  it('strips controls from the article view', async () => {
    const r = await runNews(['read', 'evil', ...src], inRoot);
    expect(r.code).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line).not.toMatch(CONTROL);
    expect(r.stdout).toContain('Line one [2J cleared');
    expect(r.stdout).toContain('Src]8;;https://x\\link]8;;\\ · https://evil.example/a');
  });

  it('escapes controls in JSON instead of dropping them', async () => {
    const r = await runNews(['read', 'evil', '--json', ...src], inRoot);
    expect(r.stdout).not.toMatch(CONTROL);
    const a = JSON.parse(r.stdout);
    expect(a.title).toBe('Evil \x1b[31mred\x1b[0m title\x1b]0;pwned\x07');
    expect(a.author).toBe('Au\u202ethor\x1b]52;c;ZXZpbA==\x07');
    expect(r.stdout).toContain('\\u202e');
  });
});

describe('news read', () => {
  it('shows the seed article like the seed page', async () => {
    const r = await runNews(['read', 'russia-anticipates-jinping-visit-in-the-days-to-come']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'World',
      'Russia anticipates Jinping visit in the days to come',
      'By Parijat Tripathi · 2 years ago (Tue 14 Mar 2023 09:30 UTC) · 1 min read',
      'Meridian Herald',
      'https://www.meridianherald.example/world/russia-anticipates-jinping-visit-in-the-days-to-come',
    ]);
    expect(lines[6]).toBe('On the sidelines of the Russia-Ukrain war, the Russian government anticipates a');
    expect(lines.filter((l) => !l.startsWith('https://')).every((l) => [...l].length <= 80)).toBe(true);
    expect(lines.every((l) => !l.endsWith(' '))).toBe(true);
    // a line broken exactly at the width must not push its space onto the next line
    expect(lines.some((l) => l.startsWith(' '))).toBe(false);
    const recent = r.stdout.slice(r.stdout.indexOf('Recent posts'));
    expect(recent).toContain('Hina Khan Hails 11 Years Of PM Modi’s Leadership; Highlights National Progress\nAs the nation marks 11 years under PM Modi\'s leadership, actress Hina Khan\nshares her…\n16 mins ago\nhina-khan-hails-11-years-of-pm-modi-s-leadership-highlights-national-progress\n');
    expect(recent).toContain('41 mins ago · subhash-ghai-hails-pm-modi-s-transformative-vision-for-india\n');
    expect(r.code).toBe(0);
  });

  it('takes a row number of the same filtered list, or a unique prefix', async () => {
    const byRow = await runNews(['read', '2', '--category', 'world', '--json']);
    const list = (await runNews(['list', '--category', 'world'])).stdout.split('\n')[1]!.split('\t')[0];
    expect(JSON.parse(byRow.stdout).slug).toBe(list);
    const byPrefix = await runNews(['read', 'russia-anti', '--json']);
    expect(JSON.parse(byPrefix.stdout).author).toBe('Parijat Tripathi');
  });

  it('lists candidates for an ambiguous prefix and suggests for a typo (exit 3)', async () => {
    const amb = await runNews(['read', 'c']);
    expect(amb.code).toBe(3);
    expect(amb.stderr).toMatch(/^news: showing the bundled sample store.*\nnews: "c" matches \d+ articles: /);
    const typo = await runNews(['read', 'russia-anticipates-jinpin-visit']);
    expect(typo.code).toBe(3);
    expect(typo.stderr.split('\n')[1]).toBe('news: no article "russia-anticipates-jinpin-visit"; did you mean russia-anticipates-jinping-visit-in-the-days-to-come?');
  });

  it('renders HTML bodies with link footnotes', async () => {
    const r = await runNews(['read', 'categories-only', '--source', 'fixtures/stores/messy.json'], inRoot);
    expect(r.stdout).toContain('Para one.\n\nPara two with a link [1].\n\n[1] https://ref.example/x\n');
  });
});

describe('pipes and exits', () => {
  it('exits quietly when the reader closes the pipe (20,000 articles | head -1)', () => {
    const home = tempHome();
    const big = join(home, 'big.json');
    writeFileSync(big, JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ title: `Article ${i}`, body: 'x '.repeat(200) }))));
    const out = execFileSync('bash', ['-c', `node "${BIN}" list --ndjson --source "${big}" | head -1; echo "status=\${PIPESTATUS[0]}"`], {
      env: newsEnv(home),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toMatch(/^\{"slug":"article-0",.*\}\nstatus=0\n$/);
  });

  it('shows an overview with no command', async () => {
    const r = await runNews([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: news [options] [command]');
    expect(r.stdout).toContain('Examples:');
  });

  it('prints the version without loading the bundle', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect((await runNews(['--version'])).stdout).toBe(`${pkg.version}\n`);
    // A checkout without dist/: --version still answers, anything else says how to build.
    const bare = mkdtempSync(join(tmpdir(), 'news-nobuild-'));
    cpSync(join(ROOT, 'bin'), join(bare, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(bare, 'package.json'));
    const run = (args: string[]) => spawnSync(process.execPath, [join(bare, 'bin', 'news.js'), ...args], { encoding: 'utf8' });
    expect(run(['--version']).stdout).toBe(`${pkg.version}\n`);
    const list = run(['list']);
    expect([list.stdout, list.stderr, list.status]).toEqual(['', 'news: the build is missing; run `npm install` (or `npm run build`) in the news folder\n', 1]);
  });

  it('finds the bundled sample store from a folder whose path has a space', () => {
    const spaced = join(mkdtempSync(join(tmpdir(), 'news-')), 'My Files');
    for (const p of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, p), join(spaced, p), { recursive: true });
    const home = tempHome();
    const r = spawnSync(process.execPath, [join(spaced, 'bin', 'news.js'), 'list', '--limit', '1'], { encoding: 'utf8', env: newsEnv(home) });
    expect(r.stderr).toMatch(/^news: showing the bundled sample store/);
    expect(r.stdout.split('\t')[0]).toBe('open-source-mapping-project-adds-offline-routing-for-cyclists');
    expect(r.status).toBe(0);
  });

  // The build's normalized copy of the sample (src/sources/sample.ts) must say
  // exactly what the store it was made from says.
  it('lists and reads the build\'s copy of the sample as the store itself', async () => {
    const store = join(ROOT, 'dist', 'sample-store.json');
    for (const args of [['list', '--json'], ['list', '--ndjson', '--sort', 'title', '--limit', '5'], ['read', '2'], ['read', 'library-network-launches-free-evening-coding-classes', '--json']]) {
      const [copy, parsed] = await Promise.all([runNews(args), runNews([...args, '--source', store])]);
      expect(copy.stderr).toBe(SAMPLE_NOTICE);
      expect([copy.stdout, copy.code]).toEqual([parsed.stdout, parsed.code]);
      expect(copy.stdout.length).toBeGreaterThan(500);
    }
  });

  it('reads the sample store itself when the build\'s copy of it is missing or damaged', async () => {
    const expected = (await runNews(['list', '--json'])).stdout;
    for (const damage of [null, '{"articles": [', '{"not": "an array"}', '[1, 2]']) {
      const dir = mkdtempSync(join(tmpdir(), 'news-'));
      for (const p of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
      const copy = join(dir, 'dist', 'sample-articles.json');
      if (damage === null) rmSync(copy);
      else writeFileSync(copy, damage);
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'news.js'), 'list', '--json'], { encoding: 'utf8', env: newsEnv(tempHome()) });
      expect([r.stdout, r.stderr, r.status]).toEqual([expected, SAMPLE_NOTICE, 0]);
    }
  });

  it('says nothing when the reader of --version has gone', () => {
    // `news --version | head -c0`: the pipe is closed before news writes.
    const r = spawnSync('sh', ['-c', `exec 3>&1; ("${process.execPath}" "${BIN}" --version; echo "status $?" >&3) | true`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status 0\n');
  });

  it('rejects a bad NEWS_NOW as a usage error', async () => {
    const r = await runNews(['list'], { env: { NEWS_NOW: 'someday' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('news: NEWS_NOW is not a date: "someday" (use ISO 8601, e.g. 2025-06-09T11:00:00Z)\n');
  });
});

describe('news list --sort feed on a JSON store file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'news-stream-'));
  // The sample store as a bare array (which is what streams), with 25 records that
  // are no objects: 20 warnings are shown, then a count.
  const sample = (JSON.parse(readFileSync(fixture('sample-store.json'), 'utf8')) as { articles: unknown[] }).articles;
  const array = join(dir, 'array.json');
  writeFileSync(array, JSON.stringify([...sample, ...Array.from({ length: 25 }, (_, i) => i)], null, 1));

  it.each([[['--ndjson']], [['--json', '--fields', 'slug,title']], [[]], [['--ndjson', '--category', 'world']]])(
    'prints what the whole-store path prints (%j)',
    async (args) => {
      const streamed = await runNews(['list', '--source', array, '--sort', 'feed', ...args]);
      // --reverse takes the whole-store path; reversed twice it is store order again.
      const whole = await runNews(['list', '--source', array, '--sort', 'feed', '--reverse', ...args]);
      expect(streamed.code).toBe(0);
      expect(streamed.stderr).toBe(whole.stderr);
      expect(streamed.stderr).toMatch(/record 50 skipped: not an object\nnews: warning: 5 more warnings not shown\n$/);
      const lines = (r: { stdout: string }) => (args.includes('--json') ? (JSON.parse(r.stdout) as unknown[]).map((x) => JSON.stringify(x)) : r.stdout.trim().split('\n'));
      expect(lines(streamed)).toEqual(lines(whole).reverse());
    },
  );

  it('stops reading at --limit: records further on are neither read nor warned about', async () => {
    const r = await runNews(['list', '--source', array, '--sort', 'feed', '--ndjson', '--limit', '2']);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r).toMatchObject({ stderr: '', code: 0 });
  });

  it('prints the records before a broken end, then says where it is broken (exit 4)', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(sample.slice(0, 3), null, 1).replace(/\]$/, ',\n {"title": "cut'));
    const r = await runNews(['list', '--source', broken, '--sort', 'feed', '--ndjson']);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(new RegExp(`^news: ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON at line \\d+, column \\d+\\n$`));
    expect(r.code).toBe(4);
  });

  it('refuses --unread before printing anything, as for any other source', async () => {
    const r = await runNews(['list', '--source', array, '--sort', 'feed', '--unread']);
    expect(r).toEqual({ stdout: '', stderr: expect.stringContaining('--unread needs the local store') as string, code: 2 });
  });
});
