// Builds dist/ for bin/news.js:
// - dist/cli.js: our code and the small dependencies in one minified CommonJS
//   bundle. Modules behind an import() (other commands, the table, feed parsers)
//   sit in it as closures that run only when imported. One CommonJS file, rather
//   than ES module chunks, because the ESM loader's start-up and per-file linking
//   cost `news list` about as much as node's own start-up; and because only a
//   script can use a V8 code cache (below).
// - dist/vendor/*.cjs: the dependencies that piped `news list` never runs (the
//   reader view's linkedom and Readability, iconv-lite for legacy charsets, conf
//   for `news config set`, the terminal table, color...), each bundled alone and
//   required on first use: node reads and V8 loads cli.js in time that grows with
//   its size. They share no module with cli.js, so nothing is loaded twice.
// - dist/cli.js.cache, dist/cli.js.read.cache: V8's code caches of cli.js, made
//   by running `news list` and `news read` on the sample store; bin/news.js hands
//   one to V8, which checks it and falls back to compiling when it does not fit
//   (another node version, say).
import { build } from 'esbuild';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'vendor'), { recursive: true });
// dist/*.js are CommonJS, whatever the package's "type" says.
writeFileSync(join(dist, 'package.json'), '{\n  "type": "commonjs"\n}\n');
// Beside cli.js: choose.ts finds the sample store relative to itself, and
// src/sources/sample.ts the Articles made of it (written below).
const sampleStore = join(dist, 'sample-store.json');
copyFileSync(join(root, 'fixtures', 'sample-store.json'), sampleStore);

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // The ES module sources are strict code; keep them so as CommonJS.
  banner: { js: '"use strict";' },
};

// What a vendor bundle exports: the package as `require()` sees it, except for
// ES modules whose default export is all we import (`import x from`, which in
// cli.js takes module.exports whole).
const VENDORS = {
  linkedom: "module.exports = require('linkedom');",
  '@mozilla/readability': "module.exports = require('@mozilla/readability');",
  'iconv-lite': "module.exports = require('iconv-lite');",
  conf: "module.exports = require('conf').default;",
  // and the rest that news list, piped, does not run: the terminal table, the
  // reader view's wrapping, color, and HTML character references.
  'cli-table3': "module.exports = require('cli-table3');",
  'cli-truncate': "module.exports = require('cli-truncate').default;",
  'wrap-ansi': "module.exports = require('wrap-ansi');", // width.ts: require('wrap-ansi').default
  chalk: "module.exports = require('chalk');",
  'entities/decode': "module.exports = require('entities/decode');",
  // commander reads only the lines src/argv.ts leaves to it: help, errors, rare forms.
  commander: "module.exports = require('commander');",
};
const vendorFile = (name) => `vendor/${name.replace(/^@/, '').replace(/\W/g, '-')}.cjs`;

// commander requires node:child_process when it loads, for executable
// subcommands (news has none), and node:child_process loads node's net and
// stream modules: a tenth of `node -e 0` for every command that needs commander.
// Required on use here.
const commanderLazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (a) => {
      const code = readFileSync(a.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!code.includes(eager)) throw new Error(`${a.path} no longer says ${eager}: update scripts/build.mjs`);
      const lazy = "const childProcess = { get spawn() { return require('node:child_process').spawn; } };";
      return { contents: code.replace(eager, lazy), loader: 'js' };
    });
  },
};

await Promise.all(Object.entries(VENDORS).map(([name, contents]) => build({
  ...common,
  stdin: { contents, resolveDir: root, sourcefile: `vendor-${name}.cjs`, loader: 'js' },
  outfile: join(dist, vendorFile(name)),
  plugins: name === 'commander' ? [commanderLazyChildProcess] : [],
})));

const main = await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli.ts')],
  write: false,
  outfile: join(dist, 'cli.js'),
  define: {
    __NEWS_VERSION__: JSON.stringify(version),
    // The file's folder, as an ES module would see it (choose.ts: the sample
    // store). Not import.meta.url: node:url's pathToFileURL would cost `news
    // list` half a millisecond at start-up, and nothing needs the URL.
    'import.meta.dirname': '__dirname',
  },
  // import() of a vendor bundle becomes a require(): bin/news.js runs cli.js as
  // a script, where import() would need a module loader of its own.
  supported: { 'dynamic-import': false },
  plugins: [{
    name: 'vendors',
    setup(b) {
      const names = new RegExp(`^(${Object.keys(VENDORS).map((n) => n.replace(/[/.-]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter: names }, (a) => ({ path: `./${vendorFile(a.path)}`, external: true }));
    },
  }],
});
const code = main.outputFiles[0].text;
// esbuild escapes non-ASCII characters except in regex literals. Node decodes an
// all-ASCII bundle faster, and V8 holds one with a character beyond Latin-1 as
// two-byte text: such characters belong in \u escapes (a test checks).
const nonAscii = /[^\x00-\x7f]/.exec(code);
if (nonAscii) console.warn(`build: dist/cli.js is not all ASCII, which slows start-up: ${JSON.stringify(code.slice(nonAscii.index - 40, nonAscii.index + 20))}`);
// A build id ties the code cache to this very cli.js: V8 itself checks only the
// source's length.
const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
writeFileSync(join(dist, 'cli.js'), `//news-build:${id}\n${code}`);
// The sample store's Articles, by the very code that would load it at run time
// (src/sources/sample.ts), bundled alone for this and run here.
{
  const tmp = mkdtempSync(join(tmpdir(), 'news-build-sample-'));
  try {
    const outfile = join(tmp, 'sample.cjs');
    await build({ ...common, minify: false, entryPoints: [join(root, 'src', 'sources', 'sample.ts')], outfile, define: { 'import.meta.dirname': '__dirname' } });
    const { sampleArticlesJson } = createRequire(import.meta.url)(outfile);
    writeFileSync(join(dist, 'sample-articles.json'), await sampleArticlesJson(sampleStore));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// The code caches of cli.js and the command lines each is made from, run (output
// discarded) in one process per cache by bin/news.js, which picks a cache by the
// command (cacheFor). Code that is not in the cache is compiled when first
// called, on every run; code that is in it but not run is loaded for nothing. A
// cache of `news list` alone is 188 KB; adding the reading of an article with
// HTML made it 231 KB, `news read` of the 100k local store 3 ms faster and `news
// list` 0.5 ms slower (A/B, 60 runs each): so `news read` has a cache of its own.
// Both are made on a local store too, where news is run every day (A/B, 60-100
// runs; BENCHMARKS.md, "Eighth session"): `news list` on the sample store, then
// on a local store, took 1–1.5 ms less on a local store than a cache of the
// sample alone, and 0–0.3 ms more on the sample; `news read` made on a local
// store took 2–3 ms less on the 100k local store than made on the sample store.
// Its article is the sample's one with HTML (links, a list), unread, so the cache
// holds marking it read too; test/e2e/startup.test.ts checks that both caches
// are made.
const READ_SLUG = 'library-network-launches-free-evening-coding-classes';
{
  const empty = buildHome();
  const local = buildHome();
  try {
    let localDirs = null;
    try {
      await fetchSampleInto(local.env, local.home);
      localDirs = { HOME: local.home, XDG_CONFIG_HOME: local.env.XDG_CONFIG_HOME, XDG_DATA_HOME: local.env.XDG_DATA_HOME };
    } catch (err) {
      console.warn(`build: no local store to make the code caches on (they are made on the sample store alone): ${err.message}`);
    }
    writeCodeCache(empty, [['list'], ...(localDirs ? [{ argv: ['list'], env: localDirs }] : [])]);
    writeCodeCache(localDirs ? local : empty, [['read', READ_SLUG]]);
  } finally {
    for (const h of [empty, local]) rmSync(h.home, { recursive: true, force: true });
  }
}

/** A temporary home for news to run in: no config, no store, fixed clock. */
function buildHome() {
  const home = mkdtempSync(join(tmpdir(), 'news-build-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    NEWS_NOW: '2025-06-09T11:00:00Z',
    NO_COLOR: '1',
    TZ: 'UTC',
  };
  return { home, env };
}

// Without a cache news works the same, only slower to start, so a failure here is
// a warning.
function writeCodeCache({ home, env }, lines) {
  const bin = JSON.stringify(join(root, 'bin', 'news.js'));
  const script = `require(${bin}).writeCodeCache(${JSON.stringify(lines)}).catch((err) => { console.error(err.message); process.exitCode = 1; });`;
  const res = spawnSync(process.execPath, ['-e', script], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const first = Array.isArray(lines[0]) ? lines[0] : lines[0].argv;
  if (res.status !== 0) console.warn(`build: no code cache of \`news ${first.join(' ')}\` for dist/cli.js: exited ${res.status}\n${res.stderr}`);
}

// A local store made the way a user makes one: the sample store served once
// on 127.0.0.1 (node:http), subscribed to and fetched with `news feeds add`
// and `news fetch` in the home of `env`.
async function fetchSampleInto(env, cwd) {
  const body = readFileSync(sampleStore);
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/sample-store.json`;
    for (const args of [['feeds', 'add', url], ['fetch']]) {
      // Not spawnSync: this process must answer the request meanwhile.
      await execFileAsync(process.execPath, [join(root, 'bin', 'news.js'), ...args], { cwd, env }).catch((err) => {
        throw new Error(`news ${args.join(' ')} exited ${err.code}: ${err.stderr}`);
      });
    }
  } finally {
    server.close();
  }
}
