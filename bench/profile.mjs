// CPU profiles of news, summarized by function and by source file.
//
// The product bundle is minified, so its function names and lines say nothing. A
// profile build is made instead: the same scripts/build.mjs, run on the private
// copy with `minify: true` turned off (bench/data/prof-build). esbuild then
// writes a `// src/…/file.ts` (or `// node_modules/…`) comment before each
// module's code, which maps every profiled line back to its source file.
//
// Used by the benchmarks on every missed target (`--no-profile` skips it), or by
// hand:
//   node bench/profile.mjs -- list --source bench/data/big.json --limit 20
// (runs in the startup sandbox: empty HOME/XDG, fixed NEWS_NOW).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, NEWS, NODE, ROOT, ensureBuilt, sandbox } from './lib.mjs';

const PROF_BUILD = join(DATA, 'prof-build');

/** An unminified build of the same sources as the news under test. */
export function profBuild() {
  const bin = join(PROF_BUILD, 'bin', 'news.js');
  if (existsSync(bin) && process.env.BENCH_PROF_BUILT === NEWS) return bin;
  // The sources of the news under test: its own folder when it is a private build.
  const from = existsSync(join(NEWS, '..', '..', 'src')) ? join(NEWS, '..', '..') : ROOT;
  rmSync(PROF_BUILD, { recursive: true, force: true });
  mkdirSync(join(PROF_BUILD, 'fixtures'), { recursive: true });
  for (const p of ['src', 'bin', 'scripts', 'package.json', 'tsconfig.json', 'fixtures/sample-store.json']) {
    if (existsSync(join(from, p))) cpSync(join(from, p), join(PROF_BUILD, p), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(PROF_BUILD, 'node_modules'));
  const script = readFileSync(join(PROF_BUILD, 'scripts', 'build.mjs'), 'utf8');
  if (!/minify:\s*true/.test(script)) throw new Error('scripts/build.mjs no longer says `minify: true`; update bench/profile.mjs');
  writeFileSync(join(PROF_BUILD, 'scripts', 'build-prof.mjs'), script.replace(/minify:\s*true/, 'minify: false'));
  const res = spawnSync(NODE, ['scripts/build-prof.mjs'], { cwd: PROF_BUILD, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('profile build failed');
  process.env.BENCH_PROF_BUILT = NEWS;
  return bin;
}

/** Line → source file, from esbuild's `// path` comments in an unminified bundle file. */
const markerCache = new Map();
function sourceOf(url, line) {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const path = url.replace(/^file:\/\//, '');
  if (!path.startsWith(PROF_BUILD + '/dist/')) return path.replace(ROOT + '/', '');
  let markers = markerCache.get(path);
  if (!markers) {
    markers = [];
    readFileSync(path, 'utf8').split('\n').forEach((l, i) => {
      const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs|json))$/.exec(l);
      if (m) markers.push([i, m[1].replace(/^(\.\.\/)+/, '')]);
    });
    markerCache.set(path, markers);
  }
  let found = `dist/${path.slice(PROF_BUILD.length + 6)}`;
  for (const [i, file] of markers) {
    if (i > line) break;
    found = file;
  }
  return found.replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+)\/.*/, '$1');
}

/** Self time per function and per source file, from a .cpuprofile. */
export function summarize(profiles, top = 12) {
  if (!Array.isArray(profiles)) profiles = [profiles];
  const byFn = new Map();
  const byFile = new Map();
  let total = 0;
  // Several runs of the same command: their self times are averaged.
  const k = 1 / profiles.length;
  for (const profile of profiles) {
  const self = new Map(profile.nodes.map((n) => [n.id, 0]));
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (k * (profile.timeDeltas[i + 1] ?? 0)) / 1000; // ms spent in samples[i]
    self.set(profile.samples[i], self.get(profile.samples[i]) + dt);
  }
  total += (k * (profile.endTime - profile.startTime)) / 1000;
  for (const n of profile.nodes) {
    const t = self.get(n.id);
    if (!t) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    // Self time goes to the lines that were sampled (positionTicks, 1-based), so a
    // module's top-level code lands in the right source file even inside a chunk.
    const ticks = n.positionTicks?.length ? n.positionTicks : [{ line: lineNumber + 1, ticks: 1 }];
    const all = ticks.reduce((a, p) => a + p.ticks, 0);
    for (const p of ticks) {
      const part = (t * p.ticks) / all;
      const file = sourceOf(url, p.line - 1);
      const name = functionName || (lineNumber === 0 ? '(module top level)' : '(anonymous)');
      const key = `${name}\u0000${file}`;
      byFn.set(key, (byFn.get(key) ?? 0) + part);
      const fileKey = ['(program)', '(garbage collector)', '(idle)'].includes(functionName) ? functionName : file;
      byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + part);
    }
  }
  }
  const sorted = (m, n = top) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs: total,
    functions: sorted(byFn).map(([k, ms]) => {
      const [fn, file] = k.split('\u0000');
      return { fn, file, ms, pct: (100 * ms) / total };
    }),
    files: sorted(byFile).map(([file, ms]) => ({ file, ms, pct: (100 * ms) / total })),
    allFiles: Object.fromEntries(sorted(byFile, Infinity).map(([file, ms]) => [file, Math.round(ms * 10) / 10])),
    allFunctions: sorted(byFn, Infinity).map(([k, ms]) => {
      const [fn, file] = k.split('\u0000');
      return { fn, file, ms: Math.round(ms * 10) / 10 };
    }),
  };
}

/**
 * When functions whose name matches each pattern were on the stack: first and
 * last sample, in ms from the start of the profile (phases of a run).
 */
export function timeline(profile, patterns) {
  const parent = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hit = new Map(); // node id → Set of pattern names on its stack
  const stackHits = (id) => {
    let h = hit.get(id);
    if (h) return h;
    const up = parent.has(id) ? stackHits(parent.get(id)) : new Set();
    h = new Set(up);
    const name = byId.get(id).callFrame.functionName;
    for (const [label, re] of Object.entries(patterns)) if (re.test(name)) h.add(label);
    hit.set(id, h);
    return h;
  };
  const out = Object.fromEntries(Object.keys(patterns).map((k) => [k, { first: null, last: null, ms: 0 }]));
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += (profile.timeDeltas[i] ?? 0) / 1000;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    for (const label of stackHits(profile.samples[i])) {
      const o = out[label];
      o.first ??= t;
      o.last = t;
      o.ms += dt;
    }
  }
  return { totalMs: (profile.endTime - profile.startTime) / 1000, phases: out };
}

export function printSummary(label, s) {
  console.log(`  profile of ${label} (${s.totalMs.toFixed(0)} ms profiled${s.runs > 1 ? `, mean of ${s.runs} runs` : ''}; self time):`);
  console.log('    by source file:');
  for (const f of s.files) console.log(`      ${f.ms.toFixed(0).padStart(7)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.file}`);
  console.log('    top functions:');
  for (const f of s.functions) console.log(`      ${f.ms.toFixed(0).padStart(7)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.fn}  (${f.file})`);
}

/**
 * Profiles one bench case (whose argv runs news) once with the profile build:
 * `node --cpu-prof --cpu-prof-dir=… bench/data/prof-build/bin/news.js …`.
 */
export async function profileCase(c, label) {
  const bin = profBuild();
  const i = c.argv.indexOf(NEWS);
  if (c.argv[0] !== NODE || i < 0) throw new Error(`${label}: not a news command`);
  const dir = join(DATA, 'profiles', label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, ''));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const interval = c.profInterval ? [`--cpu-prof-interval=${c.profInterval}`] : [];
  const argv = [NODE, '--cpu-prof', `--cpu-prof-dir=${dir}`, ...interval, bin, ...c.argv.slice(i + 1)];
  const repeat = c.profRepeat ?? 1;
  for (let n = 0; n < repeat; n++) {
    await c.before?.();
    const out = openSync(c.stdout === 'pipe' ? join(dir, 'stdout') : '/dev/null', 'w');
    await new Promise((resolve, reject) => {
      const child = spawn(argv[0], argv.slice(1), { env: c.env, cwd: ROOT, stdio: [c.stdin ? openSync(c.stdin, 'r') : 'ignore', out, 'ignore'] });
      child.on('error', reject);
      child.on('close', resolve);
    });
    closeSync(out);
    rmSync(join(dir, 'stdout'), { force: true });
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (!files.length) throw new Error(`${label}: no profile written`);
  const profiles = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const summary = summarize(profiles);
  summary.runs = profiles.length;
  if (c.phases) {
    summary.timeline = timeline(profiles[0], c.phases);
    console.log(`  phases of ${label} (ms from the start of the profile: first–last sample, CPU ms on the stack):`);
    for (const [k, v] of Object.entries(summary.timeline.phases)) {
      console.log(`    ${k.padEnd(28)} ${v.first == null ? 'never' : `${v.first.toFixed(0)}–${v.last.toFixed(0)} ms, ${v.ms.toFixed(0)} ms CPU`}`);
    }
  }
  summary.command = `node --cpu-prof --cpu-prof-dir=${dir.replace(ROOT + '/', '')}${interval.map((x) => ` ${x}`).join('')} bin/news.js ${c.argv.slice(i + 1).map((a) => a.replace(ROOT + '/', '')).join(' ')}`;
  summary.profile = join(dir, files[0]).replace(ROOT + '/', '');
  printSummary(label, summary);
  return summary;
}

/** Profiles the missed targets' cases into the results (unless --no-profile). */
export async function profileMisses(r, pairs) {
  if (process.argv.includes('--no-profile')) return;
  r.profiles ??= {};
  for (const [ids, c, label] of pairs) {
    if (!r.targets.some((t) => ids.includes(t.id) && !t.met)) continue;
    r.profiles[label] = await profileCase(c, label);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuilt();
  const sep = process.argv.indexOf('--');
  const args = sep > 0 ? process.argv.slice(sep + 1) : ['list'];
  const { env } = sandbox('profile');
  await profileCase({ argv: [NODE, NEWS, ...args.map((a) => (existsSync(a) ? join(process.cwd(), a) : a))], env, stdout: 'pipe' }, `news ${args.join(' ')}`);
}
