// Target 2, a big JSON store: 100,000 generated articles (≈180 MB).
//   `news list --source big.json --limit 20` ≤ 1.25× the floor
//   `node -e "JSON.parse(fs.readFileSync(f,'utf8'))"`, at least 2× faster than
//   `jq '.[:20][] | .title'`, and peak RSS ≤ 1.3× the floor's.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, FLOOR, NODE, compare, ensureBuilt, ensureData, need, news, results, runsArg, sandbox, target } from './lib.mjs';
import { profileMisses } from './profile.mjs';

ensureBuilt();
need('jq');
const big = ensureData(join(DATA, 'big.json'), 'gen-store.mjs');
// The same records wrapped as {"version":1,"articles":[...]}, the store's other
// shape (README, "The JSON store format"): it takes the same scan from 1 MiB on.
const wrapped = join(DATA, 'big-wrapped.json');
if (!existsSync(wrapped) || statSync(wrapped).mtimeMs < statSync(big).mtimeMs) {
  writeFileSync(wrapped, Buffer.concat([Buffer.from('{"version":1,\n"articles":'), readFileSync(big), Buffer.from('}\n')]));
}
const runs = runsArg(5);
const { env } = sandbox('big-store');
const r = results('big-store');
const cmp = await compare({
  title: 'big JSON store: 100,000 articles, list 20',
  runs,
  cases: [
    { name: 'floor: JSON.parse', argv: [NODE, '-e', FLOOR, big], env, stdout: 'pipe', show: `node -e "${FLOOR}" bench/data/big.json` },
    { name: 'news list --limit 20', argv: news('list', '--source', big, '--limit', '20'), env, stdout: 'pipe', expect: (x) => x.code === 0 && x.head.split('\t').length > 5 },
    { name: 'jq .[:20][] | .title', argv: ['jq', '.[:20][] | .title', big], env, stdout: 'pipe' },
    {
      name: 'news list --limit 20, wrapped store',
      argv: news('list', '--source', wrapped, '--limit', '20'),
      env,
      stdout: 'pipe',
      expect: (x) => x.code === 0 && x.head.split('\t').length > 5,
    },
  ],
});
r.comparisons.bigStore = cmp;
const ours = cmp['news list --limit 20'];
const jq = cmp['jq .[:20][] | .title'];
target(r, { id: '2a', what: '`news list --source big.json --limit 20` / floor (wall)', value: ours.ratio, limit: 1.25 });
target(r, { id: '2b', what: 'jq wall / `news list` wall (how many times faster than jq)', value: jq.median / ours.median, limit: 2, op: '>=' });
target(r, { id: '2c', what: '`news list` peak RSS / floor peak RSS', value: ours.rssRatio, limit: 1.3 });
const wrappedCase = cmp['news list --limit 20, wrapped store'];
r.notes.push(`wrapped store (the same records as {"articles": [...]}): ${wrappedCase.ratio.toFixed(2)}× the floor, ${(jq.median / wrappedCase.median).toFixed(2)}× faster than jq, peak RSS ${wrappedCase.rssRatio.toFixed(2)}× the floor's (not a target: the issue names the bare array)`);
console.log(`  ${r.notes.at(-1)}`);
await profileMisses(r, [[['2a', '2b', '2c'], ours.case, 'news list --source big.json --limit 20']]);
r.save();
