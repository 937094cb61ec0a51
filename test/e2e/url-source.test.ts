// `news list --source <url>`: the content decides, not the Content-Type; the
// charset comes from the header; HTML pages are followed to their feed.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from './feed-server.js';
import { runNews } from './run-news.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const feed = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Caf\u00e9 news</title><link>https://cafe.example/</link>` +
  `<item><title>${title}</title><link>/a</link><pubDate>Mon, 09 Jun 2025 10:00:00 GMT</pubDate></item></channel></rss>`;

describe('news list --source <url>', () => {
  it('reads a feed served as text/plain in latin-1, by its content and the header charset', async () => {
    server.route('/latin1', { body: iconv.encode(feed('Crème brûlée'), 'latin1'), headers: { 'content-type': 'text/plain; charset=ISO-8859-1' } });
    const r = await runNews(['list', '--source', server.url('/latin1')]);
    // A relative link resolves against the URL the feed came from, before the channel link.
    expect(r).toEqual({ stdout: `creme-brulee\tCrème brûlée\t\t\t1 hour ago\t2025-06-09T10:00:00Z\t${server.url('/a')}\n`, stderr: '', code: 0 });
  });

  it('follows an HTML page to the feed it advertises', async () => {
    server.route('/feed.xml', { body: feed('Found it') });
    server.route('/page', {
      body: '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>hi</body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const r = await runNews(['list', '--source', server.url('/page')]);
    expect(r.stdout).toBe(`found-it\tFound it\t\t\t1 hour ago\t2025-06-09T10:00:00Z\t${server.url('/a')}\n`);
  });

  it('says a page without a feed is not a feed (exit 4)', async () => {
    server.route('/plain-page', { body: '<!doctype html><html><head><title>x</title></head><body>hi</body></html>', headers: { 'content-type': 'text/html' } });
    const r = await runNews(['list', '--source', server.url('/plain-page')]);
    expect(r).toEqual({ stdout: '', stderr: `news: ${server.url('/plain-page')}: not a feed (an HTML page that advertises no feed)\n`, code: 4 });
  });

  it('reports HTTP errors with the URL (exit 5)', async () => {
    server.route('/missing', { status: 404, body: 'nope' });
    const r = await runNews(['list', '--source', server.url('/missing')]);
    expect(r).toEqual({ stdout: '', stderr: `news: HTTP 404 not found (${server.url('/missing')})\n`, code: 5 });
  });
});
