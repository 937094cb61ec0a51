import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../../src/article.js';
import { type BodyRecord, emptyFeedState } from '../../src/store/local-format.js';
import { LocalStore } from '../../src/store/local-store.js';
import { type Done, EarlyMerge } from '../../src/sync/early-merge.js';

const FEED = 'https://a.example/feed';
const NOW = Date.parse('2025-06-09T11:00:00Z');
const FULL = { body: 'the whole page', html: null, fetchedAt: '2025-06-09T10:00:00Z' };

let dir: string;
const store = () => new LocalStore(dir, { show: (p) => p });

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'news-early-')), 'news');
});

function draft(id: string, url: string): ArticleDraft {
  return {
    id, title: `Title ${id}`, url, source: 'A', category: null, categories: [], author: null, publishedAt: NOW - 3_600_000,
    updatedAt: null, summary: `summary ${id}`, body: `body ${id}`, html: null, enclosures: [], image: null,
  };
}

function arrived(drafts: ArticleDraft[]): Done {
  return {
    sub: { name: 'A', url: FEED, category: null },
    outcome: {
      status: 'ok', notModified: false, feedUrl: FEED, title: 'A', drafts, warnings: [], ttlMinutes: null,
      freshnessMs: null, permanentTarget: null, etag: '"v2"', lastModified: null,
    },
    added: 0,
    updated: 0,
  };
}

const merger = (local: LocalStore) =>
  new EarlyMerge(local, local.read(), {
    now: NOW,
    retention: 1000,
    apply: (state, outcome) => {
      if (outcome.status === 'ok') state.etag = outcome.etag;
    },
  });

/** The store with feed A's first two articles, as a first fetch leaves it. */
async function firstFetch(): Promise<void> {
  const local = store();
  const early = merger(local);
  early.add(arrived([draft('1', 'https://a.example/1'), draft('2', 'https://a.example/2')]));
  await early.finish();
  await local.commit((s, bodies) => early.apply(s, bodies));
}

describe('EarlyMerge', () => {
  it('writes the bodies file before the commit, which only names it', async () => {
    await firstFetch();
    const local = store();
    const early = merger(local);
    const d = arrived([draft('1', 'https://a.example/1'), draft('3', 'https://a.example/3')]);
    early.add(d);
    await early.finish();
    expect(d.added).toBe(1);
    expect(d.outcome.status === 'ok' && d.outcome.drafts).toEqual([]); // dropped once merged
    const named = local.read().feeds[FEED]!.bodies;
    const files = readdirSync(join(dir, 'bodies'));
    expect(files).toHaveLength(2); // the first fetch's, and this one's, not yet named
    await local.commit((s, bodies) => early.apply(s, bodies));
    const after = local.read();
    expect(after.feeds[FEED]!.bodies).not.toBe(named);
    expect(files).toContain(after.feeds[FEED]!.bodies);
    expect(after.articles.map((h) => h.key)).toEqual(['id:1', 'id:2', 'id:3']);
    expect(after.feeds[FEED]!.etag).toBe('"v2"');
  });

  it('carries the feed onto a store another process committed meanwhile: its read state and cached full text stay', async () => {
    await firstFetch();
    const local = store();
    const early = merger(local); // reads the store now
    // Meanwhile another process marks 1 and 2 read and caches their full text.
    // (Before the feed arrives: in one process, that commit would sweep the file
    // written early, which only fetch.lock's owner being another process spares;
    // the e2e tests cover that.)
    await store().commit((s, bodies) => {
      const records: Record<string, BodyRecord> = bodies.get(FEED);
      for (const h of s.articles) {
        h.read = true;
        records[h.key] = { ...records[h.key]!, full: FULL };
      }
      bodies.set(FEED, records);
    });
    // Article 2's link changes in this fetch; 1 keeps it.
    early.add(arrived([draft('1', 'https://a.example/1'), draft('2', 'https://a.example/2-moved'), draft('3', 'https://a.example/3')]));
    await early.finish();

    await local.commit((s, bodies) => early.apply(s, bodies));
    const after = store().read();
    expect(after.articles.map((h) => [h.key, h.read, h.url])).toEqual([
      ['id:1', true, 'https://a.example/1'],
      ['id:2', true, 'https://a.example/2-moved'],
      ['id:3', false, 'https://a.example/3'],
    ]);
    const bodies = store().readBodies(after.feeds[FEED]!.bodies);
    expect(bodies['id:1']!.full).toEqual(FULL);
    expect(bodies['id:2']!.full).toBeUndefined(); // cached for the old link
    expect(bodies['id:3']!.body).toBe('body 3');
    expect(after.feeds[FEED]!.etag).toBe('"v2"');
    // Only the files store.json and its backup name are left.
    const bak = JSON.parse(readFileSync(join(dir, 'store.json.bak'), 'utf8')).feeds[FEED].bodies;
    for (const f of readdirSync(join(dir, 'bodies'))) expect([after.feeds[FEED]!.bodies, bak]).toContain(f);
  });

  it('leaves a feed removed meanwhile removed', async () => {
    await firstFetch();
    const local = store();
    const early = merger(local);
    await store().commit((s) => {
      s.articles = s.articles.filter((h) => h.feed !== FEED);
      delete s.feeds[FEED];
    });
    early.add(arrived([draft('1', 'https://a.example/1'), draft('3', 'https://a.example/3')]));
    await early.finish();
    await local.commit((s, bodies) => early.apply(s, bodies));
    const after = store().read();
    expect(after.feeds[FEED]).toBeUndefined();
    expect(after.articles).toEqual([]);
    expect(early.removed.has(FEED)).toBe(true);
  });

  it('leaves a feed whose bodies file has gone to the commit, with its drafts', async () => {
    await firstFetch();
    const local = store();
    const work = local.read();
    work.feeds[FEED] = { ...emptyFeedState(), ...work.feeds[FEED], bodies: 'missing.json' };
    const early = new EarlyMerge(local, work, { now: NOW, retention: 1000, apply: () => {} });
    const d = arrived([draft('3', 'https://a.example/3')]);
    early.add(d);
    await early.finish();
    expect(d.merged).toBeUndefined();
    expect(d.outcome.status === 'ok' && d.outcome.drafts).toHaveLength(1);
    expect(existsSync(join(dir, 'bodies', 'missing.json'))).toBe(false);
  });
});
