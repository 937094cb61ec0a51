#!/usr/bin/env node
// The shim: `news --version` answers without loading the bundle; everything else
// runs the built CLI in dist/ (made by `npm install`'s prepare step). It is
// CommonJS (bin/package.json) because an ES module entry costs node's ESM loader
// start-up, about a fifth of `node -e 0`, which `--version` need not pay.
'use strict';

// dist/cli.js is a CommonJS bundle, compiled here rather than by require() so
// that V8 can take the code cache the build wrote beside it (dist/cli.js.cache):
// compiling the bundle and its functions is the largest part of `news list`
// once node is up. The cache must be made from this very wrapper.
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) {', '\n})'];

// Which code cache a command line loads (all are V8's caches of the same
// dist/cli.js, each made by the build after running other commands): a cache
// holds the functions its commands ran, and each one a command loads but does
// not need costs it time. `news read` renders HTML, which listing never does.
const DEFAULT_CACHE = 'cli.js.cache';
const cacheFor = (args) => (args[0] === 'read' ? 'cli.js.read.cache' : DEFAULT_CACHE);

/**
 * Compiles dist/cli.js (with the code cache `cache` beside it, none when false),
 * or returns null when there is no build. V8 refuses a cache from another V8 or
 * with other flags (script.cachedDataRejected) and compiles the source itself;
 * the build id in the cache's first line must match cli.js's, as V8 checks only
 * the length.
 */
function compileCli({ cache = DEFAULT_CACHE } = {}) {
  const fs = require('node:fs');
  const path = require('node:path');
  const dir = path.join(__dirname, '..', 'dist');
  const file = path.join(dir, 'cli.js');
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
  // Not a regular expression: the first one a process runs costs it 50 µs to compile.
  const header = source.startsWith('//news-build:') ? source.slice(0, source.indexOf('\n') + 1) || undefined : undefined;
  let cachedData;
  if (cache && header) {
    try {
      const data = fs.readFileSync(path.join(dir, cache));
      if (data.toString('latin1', 0, header.length) === header) cachedData = data.subarray(header.length);
    } catch {
      // no cache: compile
    }
  }
  const { Script } = require('node:vm');
  const script = new Script(WRAPPER[0] + source + WRAPPER[1], { filename: file, cachedData });
  // The bundle requires node's own modules and its ./vendor/*.cjs files, nothing
  // else: resolved here rather than by module.createRequire(), which costs half
  // a millisecond of every start-up.
  const requireFromDist = (id) => require(id.startsWith('./') ? path.join(dir, id) : id);
  /** Runs the bundle's top level; its exports: runLine(argv) and exitWith(code) (src/cli.ts). */
  const load = () => {
    const module = { exports: {} };
    script.runInThisContext()(module.exports, requireFromDist, module, file, dir);
    return module.exports;
  };
  /** The cache to write after a run: the build id, then V8's data. */
  const cacheData = () => Buffer.concat([Buffer.from(header ?? '', 'latin1'), script.createCachedData()]);
  return { file, dir, script, load, cacheData };
}

/** Runs the command line in process.argv. */
function runCli() {
  const cli = compileCli({ cache: cacheFor(process.argv.slice(2)) });
  if (cli == null) {
    process.stderr.write('news: the build is missing; run `npm install` (or `npm run build`) in the news folder\n');
    process.exitCode = 1;
    return;
  }
  const { runLine, exitWith } = cli.load();
  void runLine(process.argv.slice(2)).then(exitWith);
}

/**
 * For scripts/build.mjs: runs these command lines one after another in this
 * process, compiled without a cache, then writes V8's code cache of dist/cli.js
 * (the one cacheFor() gives the first line).
 * The cache then holds the functions those commands ran, not only the top level:
 * what is not in it is compiled when first called, on every run. A line is an
 * argv, or { argv, env } to set those environment variables first (another
 * home, so that one cache can hold listing the sample and a local store).
 */
async function writeCodeCache(lines) {
  const cli = compileCli({ cache: false });
  if (cli == null) throw new Error('no dist/cli.js to make a code cache for');
  const { runLine } = cli.load();
  const runs = lines.map((line) => (Array.isArray(line) ? { argv: line, env: {} } : line));
  for (const { argv, env } of runs) {
    Object.assign(process.env, env);
    const code = await runLine(argv);
    if (code !== 0) throw new Error(`news ${argv.join(' ')} exited ${code}`);
  }
  require('node:fs').writeFileSync(require('node:path').join(cli.dir, cacheFor(runs[0].argv)), cli.cacheData());
}

module.exports = { compileCli, runCli, writeCodeCache, cacheFor };

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    // By write(2) itself, not process.stdout: for a pipe, node makes that stream
    // from its net and stream modules, which would double the cost of --version.
    const text = `${require('../package.json').version}\n`;
    try {
      require('node:fs').writeSync(1, text);
    } catch (err) {
      // A reader that has gone (`news --version | head -c0`) is not an error;
      // EAGAIN and the like go the stream's way.
      if (!(err && err.code === 'EPIPE')) {
        process.stdout.on('error', () => {});
        process.stdout.write(text);
      }
    }
  } else {
    runCli();
  }
}
