// A local store of 100,000 articles, made the way a user makes one: 100 feeds of
// 1,000 items each (deterministic, seeded) served from a local server on
// 127.0.0.1, imported as subscriptions (`news feeds import`), retention raised
// (`news config set retention 100000`), then one `news fetch`. So the store is in
// whatever format this build of news writes (store.json + bodies/), with no
// second copy of the format here to drift from src/store/local-format.ts.
//
//   node bench/gen-local-store.mjs [feeds=100] [items=1000]
//
// The store lands in bench/data/homes/local-store/data/news (XDG_DATA_HOME).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, newsSync, sandbox, startFeedServer, writeOpml } from './lib.mjs';

ensureBuilt();

const feeds = Number(process.argv[2] ?? 100);
const items = Number(process.argv[3] ?? 1000);

const box = sandbox('local-store');
const server = await startFeedServer({ hosts: 1, port: 8469, delay: 0, items, body: 1100 });
try {
  const opml = join(box.home, 'subscriptions.opml');
  writeOpml(opml, Array.from({ length: feeds }, (_, i) => server.url(i)));
  newsSync(box.env, 'feeds', 'import', opml);
  newsSync(box.env, 'config', 'set', 'retention', String(items * feeds));
  const t0 = performance.now();
  const res = newsSync(box.env, 'fetch');
  const secs = (performance.now() - t0) / 1000;
  console.error(res.stderr.trim().split('\n').at(-1));
  const count = newsSync(box.env, 'count').stdout.trim();
  const dir = join(box.data, 'news');
  const storeSize = statSync(join(dir, 'store.json')).size;
  const bodies = readdirSync(join(dir, 'bodies')).reduce((n, f) => n + statSync(join(dir, 'bodies', f)).size, 0);
  console.error(
    `${dir}: ${count} articles; store.json ${(storeSize / 1e6).toFixed(1)} MB, bodies/ ${(bodies / 1e6).toFixed(1)} MB; fetched in ${secs.toFixed(1)} s`,
  );
  if (Number(count) !== feeds * items) throw new Error(`expected ${feeds * items} articles, the store has ${count}`);
} finally {
  server.stop();
}
