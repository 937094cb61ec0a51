// Ctrl-C during `news fetch`: it stops within a second, keeps what was fetched,
// exits 130, and the store is consistent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, rss, startFeedServer, startNews, writeSubscriptions } from './feed-server.js';
import { runNews, tempHome } from './run-news.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({ hosts: 2 });
});
afterAll(() => server.close());

describe('Ctrl-C during news fetch', () => {
  it('stops within a second, saves the feeds already fetched and exits 130', async () => {
    const home = tempHome();
    const item = (n: number) => ({ title: `Quick ${n}`, guid: `q${n}`, pubDate: 'Mon, 09 Jun 2025 10:00:00 GMT' });
    server.route('/quick.rss', { body: rss('Quick', [item(1), item(2)]) });
    server.route('/stuck.rss', { body: rss('Stuck', [item(3)]), delayMs: 30_000 });
    writeSubscriptions(home, [
      { name: 'Quick', url: server.url('/quick.rss', 0) },
      { name: 'Stuck', url: server.url('/stuck.rss', 1) },
    ]);
    const news = startNews(['fetch'], home);
    for (let i = 0; i < 100 && server.requestsTo('/stuck.rss').length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300)); // let the quick feed finish
    const sent = Date.now();
    news.child.kill('SIGINT');
    const r = await news.done;
    expect(Date.now() - sent).toBeLessThan(1_500);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: 2 new articles from 1 feed; 0 failed; 1 not fetched/);

    const store = JSON.parse(readFileSync(join(home, 'data', 'news', 'store.json'), 'utf8'));
    expect(store.articles.map((a: { title: string }) => a.title)).toEqual(['Quick 1', 'Quick 2']);
    // The interrupted feed's state is untouched: it is fetched, unconditionally, next time.
    expect(store.feeds[server.url('/stuck.rss', 1)]).toBeUndefined();
    expect((await runNews(['list'], { home })).code).toBe(0);
  });
});
