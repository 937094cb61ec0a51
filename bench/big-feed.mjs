// Target 4, a big feed: RSS 2.0, 10,000 items with content:encoded bodies.
//   `news list --source big.xml --json > /dev/null` no slower than
//   `node bench/rss-parser-baseline.mjs big.xml > /dev/null` (aim: 2× faster);
//   `news list --source big.xml` (TSV, piped) within 3× of `sfeed < big.xml | sfeed_plain`.
import { join } from 'node:path';
import { BENCH, DATA, NODE, compare, ensureBuilt, ensureData, need, news, results, runsArg, sandbox, target } from './lib.mjs';
import { profileMisses } from './profile.mjs';

ensureBuilt();
need('sfeed', 'sfeed_plain');
const xml = ensureData(join(DATA, 'big.xml'), 'gen-feed.mjs');
const runs = runsArg(5);
const { env } = sandbox('big-feed');
const r = results('big-feed');

const json = await compare({
  title: 'big feed: 10,000 items, all as JSON',
  runs,
  cases: [
    { name: 'rss-parser → JSON', argv: [NODE, join(BENCH, 'rss-parser-baseline.mjs'), xml], env, stdout: 'null' },
    { name: 'news list --json', argv: news('list', '--source', xml, '--json'), env, stdout: 'null' },
  ],
});
const tsv = await compare({
  title: 'big feed: 10,000 items, headlines (TSV)',
  runs,
  cases: [
    { name: 'sfeed | sfeed_plain', argv: ['sh', '-c', 'sfeed < "$0" | sfeed_plain', xml], env, stdout: 'pipe', show: 'sfeed < bench/data/big.xml | sfeed_plain' },
    { name: 'news list (TSV)', argv: news('list', '--source', xml), env, stdout: 'pipe', expect: (x) => x.code === 0 && x.bytes > 10_000 * 50 },
  ],
});
r.comparisons.json = json;
r.comparisons.tsv = tsv;
target(r, { id: '4a', what: '`news list --json` / rss-parser script', value: json['news list --json'].ratio, limit: 1 });
target(r, { id: '4a*', what: 'the aim: `news list --json` / rss-parser script', value: json['news list --json'].ratio, limit: 0.5, note: 'aim, not a hard target' });
target(r, { id: '4b', what: '`news list` (TSV) / `sfeed | sfeed_plain`', value: tsv['news list (TSV)'].ratio, limit: 3 });
await profileMisses(r, [
  [['4a', '4a*'], json['news list --json'].case, 'news list --source big.xml --json'],
  [['4b'], tsv['news list (TSV)'].case, 'news list --source big.xml'],
]);
r.save();
