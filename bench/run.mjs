// Runs the benchmarks (all, or the named ones) one after the other, each as its
// own process, against one private build of news, then writes
// bench/data/results.md (see report.mjs).
//
//   npm run bench                          all of them
//   npm run bench -- startup big-feed      only these
//   npm run bench -- --runs 10             more runs (each script has its default)
//   npm run bench -- --no-profile          skip the CPU profiles of missed targets
//   npm run bench -- --regen               regenerate bench/data/ (big.json, big.xml, the local store)
//   BENCH_FROM=HEAD npm run bench          measure git HEAD instead of the working tree
//   NEWS_BENCH_BIN=bin/news.js npm run bench   measure this checkout's dist/ as it is
//
// Needs GNU time, jq, sfeed, newsboat and curl (Debian: apt-get install time jq sfeed newsboat curl).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, DATA, NODE, ensureBuilt, ensureData, need } from './lib.mjs';
import { profBuild } from './profile.mjs';
import { report } from './report.mjs';

const ALL = ['startup', 'big-store', 'local-store', 'big-feed', 'sync', 'memory'];
const names = process.argv.slice(2).filter((a) => ALL.includes(a));
const unknown = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !ALL.includes(a) && all[i - 1] !== '--runs');
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const flags = process.argv.slice(2).filter((a) => !ALL.includes(a));
const chosen = names.length ? names : ALL;

need('/usr/bin/time', 'jq', 'sfeed', 'sfeed_plain', 'sfeed_update', 'newsboat', 'curl');
ensureBuilt(); // one build for every script: passed on as NEWS_BENCH_BIN

// Data first, so that generating it is not part of any benchmark.
if (chosen.some((n) => ['big-store', 'local-store', 'memory'].includes(n))) ensureData(join(DATA, 'big.json'), 'gen-store.mjs');
if (chosen.includes('big-feed')) ensureData(join(DATA, 'big.xml'), 'gen-feed.mjs');
if (chosen.some((n) => ['local-store', 'memory'].includes(n))) {
  ensureData(join(DATA, 'homes', 'local-store', 'data', 'news', 'store.json'), 'gen-local-store.mjs');
}
const passOn = flags.filter((f) => f !== '--regen');
if (!flags.includes('--no-profile')) profBuild(); // once, passed on as BENCH_PROF_BUILT

if (!names.length) rmSync(join(DATA, 'results'), { recursive: true, force: true });
let failed = 0;
for (const name of chosen) {
  const res = spawnSync(NODE, [join(BENCH, `${name}.mjs`), ...passOn], { stdio: 'inherit', env: process.env });
  if (res.status !== 0) {
    failed++;
    console.error(`bench: ${name} failed (exit ${res.status})`);
  }
}
const md = report();
writeFileSync(join(DATA, 'results.md'), md + '\n');
console.log(`\nbench: results in bench/data/results/*.json and bench/data/results.md${failed ? `; ${failed} failed` : ''}`);
process.exit(failed ? 1 : 0);
