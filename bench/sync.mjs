// Target 5, sync: 200 subscriptions spread over local servers on 25 loopback
// addresses (127.0.0.1 … 127.0.0.25, 8 feeds each), every answer after 100 ms.
// Each feed: RSS 2.0, 20 items with ≈1.6 KB content:encoded bodies (≈45 KB).
//   cold `news fetch` (default concurrency 8) ≤ 1.3× (200 ÷ 8 × 0.1 s + start-up),
//   start-up being `node -e 0` measured in the same run;
//   faster than `newsboat -x reload` (reload-threads 8) and `sfeed_update`
//   (maxjobs=8) on the same servers, all starting from an empty cache;
//   `news fetch` again, all answering 304: no parsing, and faster than cold;
//   peak RSS does not grow with the number of feeds beyond their data.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, NODE, compare, ensureBuilt, mib, ms, need, news, newsSync, results, runsArg, sandbox, startFeedServer, target, writeOpml } from './lib.mjs';
import { profileCase, profileMisses } from './profile.mjs';

ensureBuilt();
need('newsboat', 'sfeed_update', 'curl');
const runs = runsArg(5);
const FEEDS = 200;
const HOSTS = 25;
const CONCURRENCY = 8;
const DELAY = 100;
const r = results('sync');

const server = await startFeedServer({ hosts: HOSTS, port: 8470, delay: DELAY, items: 20, body: 1500, warm: FEEDS });
const urls = Array.from({ length: FEEDS }, (_, i) => server.url(i, (i % HOSTS) + 1));

try {
  // news: subscriptions in the config; one data dir that each cold run empties
  // first, and one kept populated for the 304 runs.
  const box = sandbox('sync');
  const opml = join(box.home, 'subscriptions.opml');
  writeOpml(opml, urls);
  newsSync(box.env, 'feeds', 'import', opml);
  const coldData = join(box.home, 'cold-data');
  const warmData = join(box.home, 'warm-data');
  const coldEnv = { ...box.env, XDG_DATA_HOME: coldData };
  const warmEnv = { ...box.env, XDG_DATA_HOME: warmData };
  newsSync(warmEnv, 'fetch');
  // Newer builds skip feeds that are not due yet (15 minutes at least); --force
  // asks every feed again, with the stored validators, so each one answers 304.
  const fetchAgain = /--force/.test(newsSync(box.env, 'fetch', '--help').stdout) ? ['fetch', '--force'] : ['fetch'];
  r.notes.push(`the 304 runs use \`news ${fetchAgain.join(' ')}\``);
  const articles = Number(newsSync(warmEnv, 'count').stdout.trim());
  r.notes.push(`news fetch stored ${articles} articles from ${FEEDS} feeds`);

  // newsboat: urls file and config with as many reload threads.
  const nb = join(box.home, 'newsboat');
  mkdirSync(nb, { recursive: true });
  writeFileSync(join(nb, 'urls'), urls.join('\n') + '\n');
  writeFileSync(join(nb, 'config'), `reload-threads ${CONCURRENCY}\n`);
  const nbCache = join(nb, 'cache.db');

  // sfeed_update: an sfeedrc with as many jobs.
  const sf = join(box.home, 'sfeed');
  const sfFeeds = join(sf, 'feeds');
  mkdirSync(sfFeeds, { recursive: true });
  writeFileSync(
    join(sf, 'sfeedrc'),
    `sfeedpath="${sfFeeds}"\nmaxjobs=${CONCURRENCY}\nfeeds() {\n${urls.map((u, i) => `\tfeed "feed${i}" "${u}"`).join('\n')}\n}\n`,
  );

  const cmp = await compare({
    title: `sync: ${FEEDS} feeds on ${HOSTS} addresses, ${DELAY} ms per answer, ${CONCURRENCY} at once`,
    runs,
    cases: [
      { name: 'node -e 0', argv: [NODE, '-e', '0'], env: box.env, stdout: 'pipe' },
      {
        name: 'news fetch (cold)',
        argv: news('fetch'),
        env: coldEnv,
        stdout: 'pipe',
        before: () => rmSync(coldData, { recursive: true, force: true }),
        expect: (x) => x.code === 0 && / 0 failed/.test(x.stderr),
      },
      { name: 'news fetch (all 304)', argv: news(...fetchAgain), env: warmEnv, stdout: 'pipe', expect: (x) => x.code === 0 && / 0 failed/.test(x.stderr) },
      {
        name: `newsboat -x reload (${CONCURRENCY} threads)`,
        argv: ['newsboat', '-x', 'reload', '-u', join(nb, 'urls'), '-c', nbCache, '-C', join(nb, 'config')],
        env: box.env,
        stdout: 'pipe',
        before: () => {
          rmSync(nbCache, { force: true });
          rmSync(`${nbCache}.lock`, { force: true });
        },
      },
      {
        name: `sfeed_update (maxjobs=${CONCURRENCY})`,
        argv: ['sfeed_update', join(sf, 'sfeedrc')],
        env: box.env,
        stdout: 'pipe',
        before: () => {
          rmSync(sfFeeds, { recursive: true, force: true });
          mkdirSync(sfFeeds, { recursive: true });
        },
        expect: (x) => x.code === 0 && readdirSync(sfFeeds).length === FEEDS,
      },
    ],
    baseline: 'news fetch (cold)',
  });
  r.comparisons.sync = cmp;
  const cold = cmp['news fetch (cold)'];
  const ideal = (FEEDS / CONCURRENCY) * (DELAY / 1000) * 1000 + cmp['node -e 0'].median;
  r.notes.push(`ideal = ${FEEDS} / ${CONCURRENCY} × ${DELAY} ms + node -e 0 (${ms(cmp['node -e 0'].median)}) = ${ms(ideal)}`);
  console.log(`  ideal: ${r.notes.at(-1)}`);
  target(r, { id: '5a', what: 'cold `news fetch` / ideal (2.5 s + node -e 0)', value: cold.median / ideal, limit: 1.3 });
  target(r, { id: '5b', what: 'newsboat wall / cold `news fetch` wall (>1: news faster)', value: cmp[`newsboat -x reload (${CONCURRENCY} threads)`].ratio, limit: 1, op: '>' });
  target(r, { id: '5c', what: 'sfeed_update wall / cold `news fetch` wall (>1: news faster)', value: cmp[`sfeed_update (maxjobs=${CONCURRENCY})`].ratio, limit: 1, op: '>' });
  target(r, { id: '5d', what: '`news fetch` all 304 / cold `news fetch`', value: cmp['news fetch (all 304)'].ratio, limit: 1, op: '<' });

  // 304: did the server answer only 304s (so there was no body to parse), and did
  // a CPU profile of such a run sample any feed-parsing code (src/feeds/)?
  await server.reset();
  newsSync(warmEnv, ...fetchAgain);
  const stats304 = await server.stats();
  const prof304 = await profileCase({ argv: news(...fetchAgain), env: warmEnv, stdout: 'pipe' }, 'news fetch, all 304');
  // Functions only: a module's top-level code runs when it is imported, parsing or not.
  const parsing = prof304.allFunctions.filter((f) => /^src\/(feeds\/|sources\/interpret)/.test(f.file) && f.fn !== '(module top level)');
  const parseMs = parsing.reduce((a, f) => a + f.ms, 0);
  const storeMs = prof304.allFunctions.filter((f) => /^src\/store\//.test(f.file)).reduce((a, f) => a + f.ms, 0);
  r.notes.push(
    `304 run: the server answered ${JSON.stringify(stats304)}; in a CPU profile of it, self time in feed parsing (src/feeds/*, src/sources/interpret.ts): ${parseMs.toFixed(1)} ms${parsing.length ? ` (${parsing.map((f) => f.fn).join(', ')})` : ''}; in the local store (src/store/*, the commit that records the 304s): ${storeMs.toFixed(1)} ms`,
  );
  console.log(`  ${r.notes.at(-1)}`);
  target(r, { id: '5e', what: '304 run: requests answered 200 (a body to parse)', value: stats304[200], limit: 0, show: String, note: `${stats304[304]} of ${FEEDS} answered 304` });
  target(r, { id: '5e*', what: '304 run: profiled self time in feed parsing', value: parseMs, limit: 0, show: ms });

  // Peak RSS against the number of feeds (cold fetches of the first N).
  const sizes = [25, 50, 100, 200];
  const boxes = sizes.map((n) => sandbox(`sync-${n}`));
  const scaleCases = sizes.map((n, i) => {
    const b = boxes[i];
    const o = join(b.home, 'subscriptions.opml');
    writeOpml(o, urls.slice(0, n));
    newsSync(b.env, 'feeds', 'import', o);
    return {
      name: `news fetch, ${n} feeds`,
      argv: news('fetch'),
      env: b.env,
      stdout: 'pipe',
      before: () => rmSync(b.data, { recursive: true, force: true }),
      expect: (x) => x.code === 0 && / 0 failed/.test(x.stderr),
    };
  });
  const scale = await compare({ title: 'sync: peak RSS against the number of feeds (cold)', runs: Math.max(3, Math.ceil(runs / 2)), cases: scaleCases });
  r.comparisons.scale = scale;
  await server.reset();
  newsSync({ ...box.env, XDG_DATA_HOME: join(box.home, 'bytes-probe') }, 'fetch');
  const perFeed = (await server.stats()).bytes / FEEDS;
  rmSync(join(box.home, 'bytes-probe'), { recursive: true, force: true });
  // Least-squares slope of peak RSS over the number of feeds, in bytes per feed.
  const pts = sizes.map((n) => [n, scale[`news fetch, ${n} feeds`].rss * 1024]);
  const slope = slopeOf(pts);
  const last = (pts.at(-1)[1] - pts.at(-2)[1]) / (pts.at(-1)[0] - pts.at(-2)[0]);
  r.notes.push(
    `peak RSS ${sizes.map((n) => `${n} feeds ${mib(scale[`news fetch, ${n} feeds`].rss)}`).join(', ')}; slope ${(slope / 1024).toFixed(0)} KiB per feed overall, ${(last / 1024).toFixed(0)} KiB per feed from ${sizes.at(-2)} to ${sizes.at(-1)}; one feed is ${(perFeed / 1024).toFixed(1)} KiB`,
  );
  console.log(`  ${r.notes.at(-1)}`);
  target(r, {
    id: '5f',
    what: 'peak RSS growth per feed (least squares) / bytes of one feed',
    value: slope / perFeed,
    limit: 4,
    note: 'our reading of "beyond their data": at most the bytes received, their decoded text, the parsed articles and the serialized store, once each',
  });
  // The data itself: peak RSS of holding each resulting store once, parsed
  // (bench/floor-local-store.mjs: store.json and every bodies file), against
  // the number of feeds. "Beyond their data" read against this floor: news's
  // growth per feed may be at most 1.3× the floor's, the margin targets 2 and 6
  // give a floor.
  const floorCases = sizes.map((n, i) => ({
    name: `floor: hold the store of ${n} feeds`,
    argv: [NODE, join(BENCH, 'floor-local-store.mjs'), join(boxes[i].data, 'news')],
    env: boxes[i].env,
    stdout: 'pipe',
  }));
  const floor = await compare({ title: 'sync: peak RSS of holding the resulting store once (the floor)', runs: Math.max(3, Math.ceil(runs / 2)), cases: floorCases });
  r.comparisons['scale floor'] = floor;
  const floorSlope = slopeOf(sizes.map((n) => [n, floor[`floor: hold the store of ${n} feeds`].rss * 1024]));
  r.notes.push(
    `floor (the store held once) ${sizes.map((n) => `${n} feeds ${mib(floor[`floor: hold the store of ${n} feeds`].rss)}`).join(', ')}; slope ${(floorSlope / 1024).toFixed(0)} KiB per feed`,
  );
  console.log(`  ${r.notes.at(-1)}`);
  target(r, {
    id: '5f*',
    what: 'peak RSS growth per feed / the floor\'s (holding the resulting store once)',
    value: slope / floorSlope,
    limit: 1.3,
    note: 'the same reading against a measured floor: growth beyond what holding the feeds\' data costs',
  });
  const coldCase = {
    ...cmp['news fetch (cold)'].case,
    phases: { 'fetch (HTTP)': /^(fetchBytes|send|get)$/, 'parse (interpretBytes)': /^interpretBytes$/, 'commit (LocalStore.commit)': /^commit$/, 'merge (mergeFeed)': /^mergeFeed$/ },
  };
  await profileMisses(r, [[['5a', '5b', '5c'], coldCase, 'news fetch (cold, 200 feeds)']]);
} finally {
  server.stop();
}

/** Least-squares slope of [x, y] points. */
function slopeOf(pts) {
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  return pts.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
}
r.save();
