// Local feed servers for the sync benchmarks: one process listening on
// 127.0.0.1 … 127.0.0.<hosts> (same port on each), serving generated RSS 2.0 feeds
// at /feed/<n>.xml, every answer (200 or 304) after --delay ms. Feeds are
// deterministic (seeded by n) and carry an ETag and Last-Modified; a request that
// sends either back gets 304 Not Modified. Loopback only.
//
//   node bench/feed-server.mjs --hosts 25 --port 8470 --delay 100 --items 20 --body 1500
//
// Prints one JSON line {"ready":true,"port":…} on stdout when every address
// listens. GET /stats (no delay) answers {"200":n,"304":n,"404":n,"bytes":n}; GET
// /reset zeroes it. Uncompressed on purpose: curl (sfeed_update) asks for no
// compression, so all clients get the same bytes.
import http from 'node:http';
import { rssFeed } from './gen-text.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const hosts = arg('hosts', 25);
const port = arg('port', 8470);
const delay = arg('delay', 100);
const items = arg('items', 20);
const body = arg('body', 1500);
if (hosts < 1 || hosts > 254) throw new Error('--hosts is 1 to 254');

const LAST_MODIFIED = 'Mon, 09 Jun 2025 10:59:00 GMT';
const cache = new Map();
const feed = (n) => {
  let f = cache.get(n);
  if (!f) {
    const xml = Buffer.from(
      rssFeed({
        seed: 1000 + n,
        items,
        bodyChars: body,
        title: `Bench feed ${n}`,
        link: `https://feed${n}.example`,
        newest: Date.parse('2025-06-09T10:59:00Z') - n * 60_000,
        spacingMs: 60 * 60_000,
        idPrefix: `feed${n}-item`,
      }),
    );
    f = { xml, etag: `"feed${n}-${items}-${body}"` };
    cache.set(n, f);
  }
  return f;
};

const stats = { 200: 0, 304: 0, 404: 0, bytes: 0 };
const handler = (req, res) => {
  if (req.url === '/stats') return res.end(JSON.stringify(stats));
  if (req.url === '/reset') {
    Object.assign(stats, { 200: 0, 304: 0, 404: 0, bytes: 0 });
    return res.end('{}');
  }
  const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  setTimeout(() => {
    if (!m) {
      stats[404]++;
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found\n');
    }
    const f = feed(Number(m[1]));
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if ((inm && inm === f.etag) || (!inm && ims && Date.parse(ims) >= Date.parse(LAST_MODIFIED))) {
      stats[304]++;
      res.writeHead(304, { etag: f.etag, 'last-modified': LAST_MODIFIED });
      return res.end();
    }
    stats[200]++;
    stats.bytes += f.xml.length;
    res.writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      'content-length': f.xml.length,
      etag: f.etag,
      'last-modified': LAST_MODIFIED,
    });
    res.end(f.xml);
  }, delay);
};

// Warm the cache so the first fetch does not pay for generation.
const warm = arg('warm', 0);
for (let n = 0; n < warm; n++) feed(n);

let listening = 0;
for (let h = 1; h <= hosts; h++) {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 5000;
  server.listen(port, `127.0.0.${h}`, () => {
    if (++listening === hosts) console.log(JSON.stringify({ ready: true, port, hosts }));
  });
}
// Stops by itself: never outlives the benchmark that started it by more than an hour.
setTimeout(() => process.exit(0), 3600_000).unref();
process.on('SIGTERM', () => process.exit(0));
