// Target 6, memory: no command holds more than one parsed copy of the store, and
// `news list --ndjson --sort feed` over 100,000 articles starts printing before the
// whole store is parsed.
//
// Read as: every command's peak RSS ≤ 1.3× the floor's (the floor being a script
// that reads and parses the same data once and keeps it: a second parsed copy
// would show as ≈1.6–2×); and the first NDJSON line arrives sooner than the floor
// could even finish parsing (TTFB < the floor's median wall time).
// Both on the big JSON store (target 2) and on the 100k local store (target 3).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH, DATA, FLOOR, NEWS, NODE, compare, ensureBuilt, ensureData, ms, news, results, runsArg, sandbox, target } from './lib.mjs';
import { profileMisses } from './profile.mjs';

ensureBuilt();
const runs = runsArg(5);
const big = ensureData(join(DATA, 'big.json'), 'gen-store.mjs');
const storeJson = ensureData(join(DATA, 'homes', 'local-store', 'data', 'news', 'store.json'), 'gen-local-store.mjs');
const storeDir = join(DATA, 'homes', 'local-store', 'data', 'news');
const r = results('memory');

/** Target 6: a streamed case's first byte comes before the floor has parsed the whole store. */
function firstByte(id, what, c, floor) {
  target(r, {
    id,
    what,
    value: c.ttfb / floor.median,
    limit: 1,
    op: '<',
    note: `TTFB ${ms(c.ttfb)} of ${ms(c.median)} in all (${((100 * c.ttfb) / c.median).toFixed(0)}%); the floor parses in ${ms(floor.median)}`,
  });
}

// --- the big JSON store
const { env } = sandbox('memory');
const tsv = spawnSync(NODE, [NEWS, 'list', '--source', big, '--sort', 'feed'], { env, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.split('\n');
const bigSlug = tsv[Math.floor(tsv.length / 2)].split('\t')[0];
const piped = (x) => x.code === 0 && x.bytes > 0;
const a = await compare({
  title: 'memory: big JSON store (100,000 articles, 184 MB)',
  runs,
  cases: [
    { name: 'floor: JSON.parse', argv: [NODE, '-e', FLOOR, big], env, stdout: 'pipe', show: `node -e "${FLOOR}" bench/data/big.json` },
    { name: 'list --limit 20', argv: news('list', '--source', big, '--limit', '20'), env, stdout: 'pipe', expect: piped },
    { name: 'list --json', argv: news('list', '--source', big, '--json'), env, stdout: 'null' },
    { name: 'list --ndjson --sort feed', argv: news('list', '--source', big, '--ndjson', '--sort', 'feed'), env, stdout: 'pipe', expect: piped },
    { name: 'read <slug>', argv: news('read', bigSlug, '--source', big), env, stdout: 'pipe', expect: piped },
  ],
});
r.comparisons.bigStore = a;
const floorA = a['floor: JSON.parse'];
for (const [id, name] of [['6a', 'list --limit 20'], ['6b', 'list --json'], ['6c', 'list --ndjson --sort feed'], ['6d', 'read <slug>']]) {
  target(r, { id, what: `big.json: \`news ${name}\` peak RSS / floor's`, value: a[name].rssRatio, limit: 1.3 });
}
firstByte('6e', 'big.json: `--ndjson --sort feed` time to first byte / floor wall (JSON.parse alone)', a['list --ndjson --sort feed'], floorA);

// --- the local store
const local = sandbox('local-store', { fresh: false });
const [localSlug, unreadSlug] = JSON.parse(
  spawnSync(NODE, ['-e', `const s=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')).articles;console.log(JSON.stringify([s[s.length>>1].slug,s[Math.floor(s.length/3)].slug]))`, storeJson], { encoding: 'utf8' }).stdout,
);
spawnSync(NODE, [NEWS, 'mark', localSlug], { env: local.env });
const b = await compare({
  title: 'memory: local store (100,000 articles)',
  runs,
  cases: [
    { name: 'floor: store.json', argv: [NODE, '-e', FLOOR, storeJson], env: local.env, stdout: 'pipe', show: `node -e "${FLOOR}" …/news/store.json` },
    { name: 'floor: store.json + bodies', argv: [NODE, join(BENCH, 'floor-local-store.mjs'), storeDir], env: local.env, stdout: 'pipe', show: 'node bench/floor-local-store.mjs …/news' },
    { name: 'list', argv: news('list'), env: local.env, stdout: 'pipe', expect: piped },
    { name: 'read <slug>', argv: news('read', localSlug), env: local.env, stdout: 'pipe', expect: piped },
    {
      name: 'read <unread slug>',
      argv: news('read', unreadSlug),
      env: local.env,
      stdout: 'pipe',
      before: () => spawnSync(NODE, [NEWS, 'mark', unreadSlug, '--unread'], { env: local.env }),
      expect: piped,
    },
    { name: 'list --ndjson --sort feed', argv: news('list', '--ndjson', '--sort', 'feed'), env: local.env, stdout: 'pipe', expect: piped },
    { name: 'list --json', argv: news('list', '--json'), env: local.env, stdout: 'null' },
  ],
});
r.comparisons.localStore = b;
const fHead = b['floor: store.json'];
const fAll = b['floor: store.json + bodies'];
target(r, { id: '6f', what: 'local: `news list` peak RSS / floor (store.json)', value: b.list.rss / fHead.rss, limit: 1.3 });
target(r, { id: '6g', what: 'local: `news read <slug>` peak RSS / floor (store.json)', value: b['read <slug>'].rss / fHead.rss, limit: 1.3 });
target(r, { id: '6g*', what: 'local: `news read <slug>` of an unread article (marks it read) peak RSS / floor (store.json)', value: b['read <unread slug>'].rss / fHead.rss, limit: 1.3 });
target(r, { id: '6h', what: 'local: `news list --ndjson --sort feed` peak RSS / floor (store.json + bodies)', value: b['list --ndjson --sort feed'].rss / fAll.rss, limit: 1.3 });
target(r, { id: '6i', what: 'local: `news list --json` peak RSS / floor (store.json + bodies)', value: b['list --json'].rss / fAll.rss, limit: 1.3 });
firstByte('6j', 'local: `--ndjson --sort feed` time to first byte / floor wall (store.json + bodies)', b['list --ndjson --sort feed'], fAll);

await profileMisses(r, [
  [['6c', '6e'], a['list --ndjson --sort feed'].case, 'news list --source big.json --ndjson --sort feed'],
  [['6b'], a['list --json'].case, 'news list --source big.json --json'],
  [['6h', '6j'], b['list --ndjson --sort feed'].case, 'news list --ndjson --sort feed (local store)'],
  [['6g*'], b['read <unread slug>'].case, 'news read <unread slug> (local store)'],
]);
r.save();
