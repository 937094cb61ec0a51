// Target 1, start-up: `news list` on the bundled sample store with its output
// piped (TSV), and `news --version`, against `node -e 0`, alternating.
//   targets: list ≤ 1.3× node -e 0; --version ≤ 1.15× node -e 0 (≥ 20 runs each)
import { NEWS, NODE, ms, times, compare, ensureBuilt, news, results, runsArg, sandbox, target } from './lib.mjs';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { profBuild, profileMisses } from './profile.mjs';

ensureBuilt();
const runs = runsArg(30);
const { env } = sandbox('startup');
const r = results('startup');
const dist = join(dirname(dirname(NEWS)), 'dist');
// The build normalizes the sample store into dist/sample-articles.json
// (src/sources/sample.ts); the same store by --source is parsed on every run:
// what a small store of one's own costs. Information only.
const sampleStore = join(dist, 'sample-store.json');
const cmp = await compare({
  title: 'start-up: sample store, output piped',
  runs,
  cases: [
    { name: 'node -e 0', argv: [NODE, '-e', '0'], env, stdout: 'pipe' },
    { name: 'news --version', argv: news('--version'), env, stdout: 'pipe', expect: (x) => x.code === 0 && /^\d+\.\d+\.\d+/.test(x.head) },
    { name: 'news list', argv: news('list'), env, stdout: 'pipe', expect: (x) => x.code === 0 && x.bytes > 1000 },
    { name: 'news list --source sample-store.json', argv: news('list', '--source', sampleStore), env, stdout: 'pipe', expect: (x) => x.code === 0 && x.bytes > 1000 },
  ],
});
r.comparisons.startup = cmp;
target(r, { id: '1a', what: '`news list` (sample store, piped) / `node -e 0`', value: cmp['news list'].ratio, limit: 1.3 });
r.notes.push(`the sample store parsed at run time (--source ${sampleStore}) takes ${times(cmp['news list --source sample-store.json'].ratio)} of node -e 0, against ${times(cmp['news list'].ratio)} for the build's normalized copy (information only)`);
target(r, { id: '1b', what: '`news --version` / `node -e 0`', value: cmp['news --version'].ratio, limit: 1.15 });
// This machine sets NODE_EXTRA_CA_CERTS, which makes every node start read and
// parse a CA bundle (≈75 ms here): the same bench with it, for information only.
// The targets are judged without it (sandbox() gives every run a clean environment).
if (process.env.NODE_EXTRA_CA_CERTS) {
  const withCa = { ...env, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS };
  const ca = await compare({
    title: 'start-up again, with this machine\'s NODE_EXTRA_CA_CERTS (information only)',
    runs,
    cases: [
      { name: 'node -e 0', argv: [NODE, '-e', '0'], env: withCa, stdout: 'pipe' },
      { name: 'news --version', argv: news('--version'), env: withCa, stdout: 'pipe' },
      { name: 'news list', argv: news('list'), env: withCa, stdout: 'pipe' },
    ],
  });
  r.comparisons['startup with NODE_EXTRA_CA_CERTS (not the targets)'] = ca;
  r.notes.push(
    `with NODE_EXTRA_CA_CERTS set as on this machine, node -e 0 takes ${ms(ca['node -e 0'].median)} instead of ${ms(cmp['node -e 0'].median)}, and the ratios read ${times(ca['news list'].ratio)} (list) and ${times(ca['news --version'].ratio)} (--version): the fixed cost hides the difference`,
  );
}

// What `news list` loads: cli.js, the list command's chunk and everything they
// import statically (lazy import() calls aside), in the product build; and which
// packages and source files that code comes from, from the profile build's
// `// path` comments.
function loadedBy(dist, entries) {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f) || !existsSync(join(dist, f))) return;
    seen.add(f);
    for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"();]*?from\s*)?["']\.\/([^"']+)["']/g)) walk(m[1]);
  };
  // The list command's chunk: none since dist/cli.js is one CommonJS bundle.
  for (const e of entries) {
    const file = readdirSync(dist).find((f) => f === e || f.startsWith(`${e}-`));
    if (file) walk(file);
  }
  return [...seen];
}
const files = loadedBy(dist, ['cli.js', 'list']);
const kb = files.reduce((a, f) => a + statSync(join(dist, f)).size, 0) / 1024;
r.notes.push(`\`news list\` loads ${files.length} bundle files, ${kb.toFixed(0)} KiB of minified JS (lazy chunks it does not import excluded)`);
if (!process.argv.includes('--no-profile')) {
  const pdist = join(dirname(dirname(profBuild())), 'dist');
  const sizes = new Map();
  for (const f of loadedBy(pdist, ['cli.js', 'list'])) {
    let cur = f;
    for (const line of readFileSync(join(pdist, f), 'utf8').split('\n')) {
      const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs|json))$/.exec(line);
      if (m) cur = m[1].replace(/^(\.\.\/)+/, '').replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+)\/.*/, '$1');
      sizes.set(cur, (sizes.get(cur) ?? 0) + line.length + 1);
    }
  }
  const top = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 10);
  r.notes.push(`largest modules in that code (unminified KiB): ${top.map(([m, n]) => `${m} ${(n / 1024).toFixed(0)}`).join(', ')}`);
}
for (const n of r.notes) console.log(`  ${n}`);

await profileMisses(r, [
  [['1a'], { ...cmp['news list'].case, profRepeat: 10 }, 'news list (sample store)'],
  [['1b'], { ...cmp['news --version'].case, profRepeat: 10 }, 'news --version'],
]);
r.save();
