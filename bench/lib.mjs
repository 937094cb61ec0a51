// The bench harness: runs each command of a comparison in turn, round after round
// (the order rotates every round, so drift and a noisy neighbour hit all of them
// alike), after one untimed warm-up each, and reports median/min/max wall time,
// peak RSS and the ratio to the baseline.
//
// How it measures:
// - wall time: process.hrtime around spawn() until 'close' (the child exited and
//   its stdout/stderr were drained). Output that is "piped" is read by this process
//   and counted; time to first byte (TTFB) is when the first stdout chunk arrives.
// - peak RSS: every command runs under GNU time (`/usr/bin/time -f %M -o FILE`),
//   which reports ru_maxrss from wait4(): the peak resident set of the process
//   (for `sh -c 'a | b'`, the largest single process of the pipeline, not the sum).
//   GNU time adds one fork+exec (≈2 ms) to every command, ours and the baselines alike.
//
// Benchmarks are not tests: nothing here runs in CI.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH, '..');
export const DATA = join(BENCH, 'data');
mkdirSync(DATA, { recursive: true });

/**
 * The news under test. NEWS_BENCH_BIN when set (`bin/news.js` measures this
 * checkout's dist/ directly); otherwise ensureBuilt() makes a private build in
 * bench/data/build/ — other engineers rebuild dist/ in this checkout at any
 * moment, which would change the program (or remove its chunks) mid-benchmark.
 */
export let NEWS = process.env.NEWS_BENCH_BIN ? resolve(ROOT, process.env.NEWS_BENCH_BIN) : join(DATA, 'build', 'bin', 'news.js');
export const NODE = process.execPath;
export const TIME = '/usr/bin/time';

/** `node bin/news.js …` as an argv. */
export const news = (...args) => [NODE, NEWS, ...args];

/** Fails with a clear message when a tool the benchmark needs is missing. */
export function need(...tools) {
  const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length) {
    console.error(`bench: missing ${missing.join(', ')}; install with: apt-get update && apt-get install -y ${missing.map((t) => ({ sfeed_plain: 'sfeed', sfeed_update: 'sfeed', '/usr/bin/time': 'time' })[t] ?? t).join(' ')}`);
    process.exit(2);
  }
}

/**
 * Makes sure there is a news to measure. With NEWS_BENCH_BIN set: this checkout's
 * bin/news.js is rebuilt when src/ is newer than dist/ (NEWS_BENCH_BIN=bin/news.js),
 * any other path is taken as it is. Otherwise: a private build of the working
 * tree (or of git HEAD with BENCH_FROM=HEAD) in bench/data/build/, made once per
 * `run.mjs` and passed to the children through NEWS_BENCH_BIN.
 */
export function ensureBuilt() {
  need(TIME);
  if (process.env.NEWS_BENCH_BIN) {
    if (NEWS === join(ROOT, 'bin', 'news.js')) {
      const cli = join(ROOT, 'dist', 'cli.js');
      const built = existsSync(cli) ? statSync(cli).mtimeMs : 0;
      if (newestMtime(join(ROOT, 'src')) > built) {
        console.error('bench: dist/ is older than src/; running node scripts/build.mjs');
        const res = spawnSync(NODE, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
        if (res.status !== 0) throw new Error('build failed');
      }
    }
    if (!existsSync(NEWS)) throw new Error(`NEWS_BENCH_BIN ${NEWS} does not exist`);
    return;
  }
  NEWS = privateBuild(process.env.BENCH_FROM === 'HEAD' ? 'HEAD' : 'worktree');
  process.env.NEWS_BENCH_BIN = NEWS;
}

/** Copies src/, bin/, scripts/ and what the build reads into bench/data/build and builds there. */
export function privateBuild(from) {
  const dir = join(DATA, 'build');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'fixtures'), { recursive: true });
  const parts = ['src', 'bin', 'scripts', 'package.json', 'tsconfig.json', 'fixtures/sample-store.json'];
  if (from === 'HEAD') {
    const res = spawnSync('sh', ['-c', `git archive HEAD ${parts.join(' ')} | tar -x -C "${dir}"`], { cwd: ROOT, stdio: 'inherit' });
    if (res.status !== 0) throw new Error('git archive failed');
  } else {
    for (const p of parts) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const res = spawnSync(NODE, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`building the ${from} copy in ${dir} failed`);
  const status = spawnSync('git', ['status', '--short', '--', 'src', 'bin', 'scripts'], { cwd: ROOT, encoding: 'utf8' }).stdout.trimEnd();
  writeFileSync(join(dir, 'BUILD-INFO.json'), JSON.stringify({
    from,
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    uncommitted: from === 'HEAD' ? [] : status ? status.split('\n') : [],
    builtAt: new Date().toISOString(),
  }, null, 2));
  console.error(`bench: built news from the ${from === 'HEAD' ? 'git HEAD' : 'working tree'} into ${dir.replace(ROOT + '/', '')}`);
  return join(dir, 'bin', 'news.js');
}

function newestMtime(dir) {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return m;
}

/**
 * A private HOME and XDG folders under bench/data (never the real home), and an
 * environment without proxies, colors or a pager, with a fixed clock.
 */
export function sandbox(name, { fresh = true } = {}) {
  const home = join(DATA, 'homes', name);
  if (fresh) rmSync(home, { recursive: true, force: true });
  const dirs = { home, config: join(home, 'config'), data: join(home, 'data'), cache: join(home, 'cache') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    TERM: 'dumb',
    NEWS_NOW: '2025-06-09T11:00:00Z',
  };
  return { ...dirs, env };
}

export const tmpDir = (prefix) => mkdtempSync(join(os.tmpdir(), prefix));

/**
 * One run. `stdout`: 'pipe' (read and counted by us: "output piped"), 'null'
 * (/dev/null, as `> /dev/null`). `stdin`: a file path or undefined (/dev/null).
 */
export function runOnce(c) {
  const rssFile = join(DATA, `.rss-${process.pid}`);
  const argv = [TIME, '-f', '%M', '-o', rssFile, ...c.argv];
  const stdinFd = openSync(c.stdin ?? '/dev/null', 'r');
  const nullFd = c.stdout === 'null' ? openSync('/dev/null', 'w') : null;
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    let ttfb = null;
    let bytes = 0;
    let head = '';
    let stderr = ''; // the last 64 KiB
    const child = spawn(argv[0], argv.slice(1), { env: c.env, cwd: c.cwd ?? ROOT, stdio: [stdinFd, nullFd ?? 'pipe', 'pipe'] });
    closeSync(stdinFd);
    if (nullFd != null) closeSync(nullFd);
    child.stdout?.on('data', (chunk) => {
      if (ttfb == null) ttfb = Number(process.hrtime.bigint() - start) / 1e6;
      bytes += chunk.length;
      if (head.length < 400) head += chunk.toString('utf8', 0, Math.min(chunk.length, 400));
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > 1 << 17) stderr = stderr.slice(-(1 << 16));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      let rss = null;
      try {
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        rss = Number(lines.at(-1)); // KiB
        rmSync(rssFile, { force: true });
      } catch {
        // no report: the time binary failed
      }
      resolvePromise({ wall, rss, ttfb, bytes, head, code, stderr });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs every case `runs` times, interleaved (rotating order each round), after
 * one warm-up each. A case: { name, argv, env, stdout: 'pipe'|'null', stdin,
 * before(): untimed set-up before every run, expect(result): throws if the run is
 * not what we meant to measure (default: exit 0). The first case is the baseline
 * of the ratios unless `baseline` names another.
 */
export async function compare({ title, cases, runs = 5, warmup = 1, baseline }) {
  const base = baseline ?? cases[0].name;
  console.log(`\n== ${title} (${runs} runs each, alternating, after ${warmup} warm-up; load average ${os.loadavg()[0].toFixed(2)})`);
  const loadBefore = os.loadavg()[0];
  const samples = new Map(cases.map((c) => [c.name, []]));
  const once = async (c) => {
    await c.before?.();
    const res = await runOnce(c);
    const ok = c.expect ? c.expect(res) : res.code === 0;
    if (!ok) {
      throw new Error(`${c.name}: exit ${res.code}, not the run meant to be measured\n${res.stderr.slice(-2000)}`);
    }
    await c.after?.(res);
    return res;
  };
  for (let w = 0; w < warmup; w++) for (const c of cases) await once(c);
  for (let i = 0; i < runs; i++) {
    const k = i % cases.length;
    const order = [...cases.slice(k), ...cases.slice(0, k)];
    for (const c of order) samples.get(c.name).push(await once(c));
    if (process.stderr.isTTY) process.stderr.write(`\r  round ${i + 1}/${runs}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const stats = cases.map((c) => {
    const s = samples.get(c.name);
    const walls = s.map((x) => x.wall);
    const rss = s.map((x) => x.rss).filter((x) => x != null);
    const ttfbs = s.map((x) => x.ttfb).filter((x) => x != null);
    return {
      name: c.name,
      command: c.show ?? showArgv(c),
      median: median(walls),
      min: Math.min(...walls),
      max: Math.max(...walls),
      rss: rss.length ? median(rss) : null,
      rssMax: rss.length ? Math.max(...rss) : null,
      ttfb: ttfbs.length ? median(ttfbs) : null,
      bytes: s[0].bytes,
      runs: s.length,
      walls,
      load: [loadBefore, os.loadavg()[0]],
    };
  });
  stats.forEach((s, i) => Object.defineProperty(s, 'case', { value: cases[i], enumerable: false }));
  const b = stats.find((s) => s.name === base);
  for (const s of stats) {
    s.ratio = s.median / b.median;
    s.rssRatio = s.rss != null && b.rss ? s.rss / b.rss : null;
  }
  printStats(stats, base);
  return Object.fromEntries(stats.map((s) => [s.name, s]));
}

export function showArgv(c) {
  const argv = c.argv.map((a) => (a === NODE ? 'node' : a === NEWS ? 'bin/news.js' : a.startsWith(ROOT + '/') ? a.slice(ROOT.length + 1) : a));
  const shown = argv[0] === 'sh' && argv[1] === '-c' ? argv[2] : argv.map((a) => (/[\s'"|<>$]/.test(a) ? `'${a}'` : a)).join(' ');
  return shown + (c.stdin ? ` < ${c.stdin.replace(ROOT + '/', '')}` : '') + (c.stdout === 'null' ? ' > /dev/null' : c.stdout === 'pipe' ? ' | (read by the harness)' : '');
}

export const ms = (x) => (x == null ? '–' : x >= 10_000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
export const mib = (kib) => (kib == null ? '–' : `${(kib / 1024).toFixed(1)} MiB`);
export const times = (x) => (x == null ? '–' : `${x.toFixed(2)}×`);

function printStats(stats, base) {
  const rows = [['case', 'median', 'min', 'max', 'ratio', 'peak RSS', 'RSS ratio', 'TTFB'], ...stats.map((s) => [
    s.name + (s.name === base ? ' (baseline)' : ''), ms(s.median), ms(s.min), ms(s.max), times(s.ratio), mib(s.rss), times(s.rssRatio), ms(s.ttfb),
  ])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

/** A target check: `value op limit`, printed PASS/MISS and collected for the report. */
export function target(results, { id, what, value, limit, op = '<=', show = times, note }) {
  const met = op === '<=' ? value <= limit : op === '<' ? value < limit : op === '>=' ? value >= limit : value > limit;
  const line = { id, what, value, shown: show(value), limit, op, limitShown: show(limit), met, note };
  results.targets.push(line);
  console.log(`  ${met ? 'PASS' : 'MISS'}  ${what}: ${show(value)} (target ${op} ${show(limit)})${note ? ` — ${note}` : ''}`);
  return met;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    news: NEWS.replace(ROOT + '/', ''),
    build: buildInfo(),
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    loadavg: os.loadavg(),
  };
}

function buildInfo() {
  try {
    return JSON.parse(readFileSync(join(dirname(dirname(NEWS)), 'BUILD-INFO.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** Starts a results record for one benchmark; save() writes bench/data/results/<name>.json. */
export function results(name) {
  const r = { name, machine: machine(), comparisons: {}, targets: [], notes: [] };
  r.save = () => {
    mkdirSync(join(DATA, 'results'), { recursive: true });
    const { save, ...data } = r;
    writeFileSync(join(DATA, 'results', `${name}.json`), JSON.stringify(data, null, 2));
  };
  return r;
}

/** Runs count from the command line (`--runs N`) or the default. */
export function runsArg(def) {
  const i = process.argv.indexOf('--runs');
  return i > 0 ? Number(process.argv[i + 1]) : Number(process.env.BENCH_RUNS) || def;
}

export function fileSize(path) {
  return statSync(path).size;
}

/** Runs a generator script unless its output exists (or --regen). */
export function ensureData(path, script, args = []) {
  if (existsSync(path) && !process.argv.includes('--regen')) return path;
  console.error(`bench: generating ${path.replace(ROOT + '/', '')} with ${script}`);
  const res = spawnSync(NODE, [join(BENCH, script), ...args], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${script} failed`);
  return path;
}

/** Starts bench/feed-server.mjs with these flags; resolves once every address listens. */
export function startFeedServer(flags) {
  const child = spawn(NODE, [join(BENCH, 'feed-server.mjs'), ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, String(v)])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`feed server exited (${code})`)));
    child.stdout.once('data', (chunk) => {
      const info = JSON.parse(chunk.toString());
      const base = `http://127.0.0.1:${info.port}`;
      resolvePromise({
        ...info,
        pid: child.pid,
        url: (feed, host = 1) => `http://127.0.0.${host}:${info.port}/feed/${feed}.xml`,
        stats: async () => (await fetch(`${base}/stats`)).json(),
        reset: async () => (await fetch(`${base}/reset`)).json(),
        stop,
      });
    });
  });
}

/** An OPML file subscribing to these URLs (for `news feeds import`). */
export function writeOpml(path, urls) {
  const outlines = urls.map((u, i) => `    <outline type="rss" text="Feed ${i}" title="Feed ${i}" xmlUrl="${u}"/>`).join('\n');
  writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>bench</title></head>\n  <body>\n${outlines}\n  </body>\n</opml>\n`);
}

/** Runs news once, untimed (set-up steps); throws on failure. */
export function newsSync(env, ...args) {
  const res = spawnSync(NODE, [NEWS, ...args], { env, cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (res.status !== 0 && res.status !== 6) throw new Error(`news ${args.join(' ')}: exit ${res.status}\n${res.stderr}`);
  return res;
}

/** The floor of reading a JSON file: read it and parse it, nothing else (the path is argv[1]). */
export const FLOOR = "JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'))";
