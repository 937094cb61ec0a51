// Target 3, the local store at scale: 100,000 articles in the local store (made by
// gen-local-store.mjs through `news fetch`).
//   `news list` (piped) ≤ 0.25× the floor of target 2 (JSON.parse of big.json);
//   `news read <slug>` about as fast as start-up, taken as the start-up target:
//   ≤ 1.3× `node -e 0`. Both the plain read (article already read: no write) and
//   the first read of an unread article (which marks it read: a line appended to
//   read.log) are measured; the untimed set-up before each of the latter runs
//   `news mark <slug> --unread`. news's own start-up (`news list` of the bundled
//   sample store in an empty home, target 1's command) runs beside them, for the
//   other reading of "as fast as start-up".
// The reads are timed in a comparison of their own, beside `node -e 0` and at
// least 20 rounds as target 1 is: run between the floors' 600 MB parses, every
// start-up-sized run came out 10-15 % slower, `node -e 0` included, and the
// ratios moved by as much (1.21-1.46× for the same build; BENCHMARKS.md,
// "Eighth session").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, FLOOR, NODE, compare, ensureBuilt, ensureData, news, newsSync, results, runsArg, sandbox, target } from './lib.mjs';
import { profileMisses } from './profile.mjs';

ensureBuilt();
const big = ensureData(join(DATA, 'big.json'), 'gen-store.mjs');
const storeJson = ensureData(join(DATA, 'homes', 'local-store', 'data', 'news', 'store.json'), 'gen-local-store.mjs');
const { env } = sandbox('local-store', { fresh: false });
const runs = runsArg(5);

// Two articles from the middle of the store, one per feed file; neither is the newest.
const store = JSON.parse(readFileSync(storeJson, 'utf8'));
const n = store.articles.length;
const slug = store.articles[Math.floor(n / 2)].slug;
const unreadSlug = store.articles[Math.floor(n / 3)].slug;
newsSync(env, 'mark', slug); // read: `news read` then writes nothing
const r = results('local-store');
r.notes.push(`${n} articles in ${storeJson.replace(DATA, 'bench/data')}; read ${slug}; read-unread ${unreadSlug}`);

const isArticle = (x) => x.code === 0 && x.bytes > 500;
const cmp = await compare({
  title: `local store: ${n} articles, listed`,
  runs,
  cases: [
    { name: 'floor: JSON.parse big.json', argv: [NODE, '-e', FLOOR, big], env, stdout: 'pipe', show: `node -e "${FLOOR}" bench/data/big.json` },
    { name: 'news list', argv: news('list'), env, stdout: 'pipe', expect: (x) => x.code === 0 && x.bytes > n * 50 },
    { name: 'news list --limit 20', argv: news('list', '--limit', '20'), env, stdout: 'pipe' },
    { name: 'floor: JSON.parse store.json', argv: [NODE, '-e', FLOOR, storeJson], env, stdout: 'pipe', show: `node -e "${FLOOR}" …/news/store.json` },
  ],
});
const { env: emptyEnv } = sandbox('local-store-startup');
const reads = await compare({
  title: `local store: ${n} articles, one read`,
  runs: Math.max(runs, 20),
  cases: [
    { name: 'node -e 0', argv: [NODE, '-e', '0'], env, stdout: 'pipe' },
    { name: 'start-up: news list (sample store)', argv: news('list'), env: emptyEnv, stdout: 'pipe', show: 'news list (the bundled sample store, in an empty home)' },
    { name: 'news read <slug>', argv: news('read', slug), env, stdout: 'pipe', expect: isArticle },
    {
      name: 'news read <unread slug>',
      argv: news('read', unreadSlug),
      env,
      stdout: 'pipe',
      before: () => newsSync(env, 'mark', unreadSlug, '--unread'),
      expect: isArticle,
    },
  ],
});
r.comparisons.localStore = cmp;
r.comparisons.localStoreReads = reads;
const floor = cmp['floor: JSON.parse big.json'].median;
const node0 = reads['node -e 0'].median;
target(r, { id: '3a', what: '`news list` (100k local, piped) / floor of target 2', value: cmp['news list'].median / floor, limit: 0.25 });
target(r, { id: '3b', what: '`news read <slug>` (already read) / `node -e 0`', value: reads['news read <slug>'].median / node0, limit: 1.3 });
target(r, {
  id: '3c',
  what: '`news read <slug>` of an unread article (marks it read) / `node -e 0`',
  value: reads['news read <unread slug>'].median / node0,
  limit: 1.3,
});
const startup = reads['start-up: news list (sample store)'].median;
r.notes.push(
  `against news's own start-up (news list of the sample store, ${startup.toFixed(1)} ms): ` +
    `read ${(reads['news read <slug>'].median / startup).toFixed(2)}×, read marking it read ${(reads['news read <unread slug>'].median / startup).toFixed(2)}×`,
);
console.log(`  ${r.notes.at(-1)}`);
await profileMisses(r, [
  [['3a'], cmp['news list'].case, 'news list (100k local store)'],
  [['3b'], reads['news read <slug>'].case, 'news read <slug> (100k local store)'],
  [['3c'], reads['news read <unread slug>'].case, 'news read <unread slug> (100k local store)'],
]);
r.save();
