// A publisher's view of `news fetch`: a server that records every request and
// checks the client behaves (conditional requests with the exact validators, no
// polling before the feed is due, Retry-After across runs, at most 2 requests at
// a time per host, permanent moves adopted, 410 respected). NEWS_NOW moves time.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNews, tempHome } from './run-news.js';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

const T0 = Date.parse('2025-06-09T11:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const rss = (title: string, extra = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://pub.example/</link>${extra}` +
  `<item><title>${title} one</title><guid>${title}-1</guid><pubDate>Mon, 09 Jun 2025 10:00:00 GMT</pubDate></item></channel></rss>`;

let server: Server;
let base = '';
const seen: Seen[] = [];
let inFlight = 0;
let maxInFlight = 0;

function handle(req: IncomingMessage, res: ServerResponse): void {
  seen.push({ path: req.url ?? '', headers: req.headers, at: Date.now() });
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  // Every answer takes a while, so concurrency is visible.
  setTimeout(() => {
    inFlight--;
    route(req, res);
  }, 150);
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '';
  if (path === '/a.xml') {
    const etag = 'W/"a-1"';
    const lastModified = 'Mon, 09 Jun 2025 09:00:00 GMT';
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag, 'cache-control': 'max-age=3600' }).end();
    return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': lastModified, 'cache-control': 'max-age=3600' }).end(rss('A'));
  }
  if (path === '/ttl.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"t"' }).end(rss('T', '<ttl>120</ttl>'));
  if (path === '/limited.xml') return void res.writeHead(429, { 'retry-after': '7200' }).end('slow down');
  if (path === '/old.xml') return void res.writeHead(301, { location: `${base}/new.xml` }).end();
  if (path === '/new.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('N'));
  if (path === '/gone.xml') return void res.writeHead(410).end('gone');
  if (path.startsWith('/slow')) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`S${path.slice(5, 6)}`));
  res.writeHead(404).end();
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const paths = (from: number) => seen.slice(from).map((s) => s.path).sort();

describe('news fetch as a publisher sees it', () => {
  const home = tempHome();
  const news = (args: string[], minutes: number) => runNews(args, { home, env: { NEWS_NOW: at(minutes) } });

  it('is polite over a day of cron runs', async () => {
    for (const name of ['a', 'ttl', 'limited', 'old', 'gone']) {
      expect((await news(['feeds', 'add', `${base}/${name}.xml`, '--name', name, '--no-check'], 0)).code).toBe(0);
    }

    // First run: every feed, unconditionally.
    let mark = seen.length;
    const first = await news(['fetch'], 0);
    expect(first.code).toBe(6);
    expect(paths(mark)).toEqual(['/a.xml', '/gone.xml', '/limited.xml', '/new.xml', '/old.xml', '/ttl.xml']);
    for (const s of seen.slice(mark)) {
      expect(s.headers['if-none-match']).toBeUndefined();
      expect(s.headers['if-modified-since']).toBeUndefined();
      expect(s.headers['user-agent']).toMatch(/^news\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/news-cli\/news\)$/);
      expect(s.headers['accept-encoding']).toBe('gzip, deflate, br');
      expect(s.headers.cookie).toBeUndefined();
      expect(s.headers.referer).toBeUndefined();
    }
    expect(first.stderr).toContain('limited: failed: HTTP 429 rate limited; retry after 7200 s');
    expect(first.stderr).toContain('gone: failed: HTTP 410 gone');

    // Ten minutes later nothing is due: no request at all.
    mark = seen.length;
    const early = await news(['fetch'], 10);
    expect(seen.length).toBe(mark);
    expect(early.code).toBe(0);
    expect(early.stderr).toContain('gone: gone (HTTP 410), no longer requested');
    expect(early.stderr).toMatch(/0 new articles from 0 feeds; 0 failed; 3 not due yet \(next in 5 mins; --force to fetch anyway\)/);

    // After the 15-minute floor only "old" is due; its second 301 in a row moves the subscription.
    mark = seen.length;
    await news(['fetch'], 16);
    expect(paths(mark)).toEqual(['/new.xml', '/old.xml']);
    const subs = JSON.parse((await news(['feeds', 'list', '--json'], 16)).stdout) as { name: string; url: string }[];
    expect(subs.find((s) => s.name === 'old')?.url).toBe(`${base}/new.xml`);

    // After max-age (1 hour) "a" is asked again with its validators exactly as sent.
    mark = seen.length;
    await news(['fetch'], 61);
    expect(paths(mark)).toEqual(['/a.xml', '/new.xml']);
    const again = seen.slice(mark).find((s) => s.path === '/a.xml')!;
    expect(again.headers['if-none-match']).toBe('W/"a-1"');
    expect(again.headers['if-modified-since']).toBe('Mon, 09 Jun 2025 09:00:00 GMT');

    // --force ignores freshness, never Retry-After (2 hours) and never a 410.
    mark = seen.length;
    await news(['fetch', '--force'], 62);
    expect(paths(mark)).toEqual(['/a.xml', '/new.xml', '/ttl.xml']);

    // Once Retry-After has passed, the rate-limited feed is asked again.
    mark = seen.length;
    await news(['fetch'], 121);
    expect(paths(mark)).toContain('/limited.xml');
    expect(paths(mark)).not.toContain('/gone.xml');
  });

  it('never has more than 2 requests in flight to one host', async () => {
    const h = tempHome();
    for (let i = 0; i < 6; i++) await runNews(['feeds', 'add', `${base}/slow${i}.xml`, '--name', `s${i}`, '--no-check'], { home: h });
    maxInFlight = 0;
    const started = Date.now();
    const r = await runNews(['fetch', '--concurrency', '8'], { home: h });
    expect(r.code).toBe(0);
    expect(maxInFlight).toBe(2);
    // 6 feeds, 2 at a time, 150 ms each: at least 3 rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});
