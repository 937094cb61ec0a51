// Reading a local store as a program other than news would, to check that it is
// whole after crashes, kills and races (crash-safety, fetch-early-bodies).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { dataDir } from './feed-server.js';

export interface StoredHeadline {
  slug: string;
  feed: string;
  key: string;
  read: boolean;
}

/**
 * Reads the store as a program other than news would, and checks it is whole:
 * store.json parses, every bodies file it names exists, parses and holds a body
 * for each of the feed's articles, and neither articles nor slugs repeat.
 * Returns the articles by feed and key.
 */
export function checkStore(home: string): Map<string, StoredHeadline> {
  const dir = dataDir(home);
  const store = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')) as {
    version: number;
    feeds: Record<string, { bodies: string | null }>;
    articles: StoredHeadline[];
  };
  expect(store.version).toBe(1);
  const byKey = new Map<string, StoredHeadline>();
  for (const h of store.articles) {
    const id = `${h.feed}\u0000${h.key}`;
    expect(byKey.has(id), `duplicate article ${h.key}`).toBe(false);
    byKey.set(id, h);
  }
  expect(new Set(store.articles.map((h) => h.slug)).size).toBe(store.articles.length);
  // Read state marked since the last commit is in read.log (complete lines only).
  if (existsSync(join(dir, 'read.log'))) {
    const lines = readFileSync(join(dir, 'read.log'), 'utf8').split('\n').slice(0, -1);
    const bySlug = new Map(store.articles.map((h) => [h.slug, h]));
    for (const line of lines) {
      const { slug, read } = JSON.parse(line) as { slug: string; read: boolean };
      if (bySlug.has(slug)) bySlug.get(slug)!.read = read;
    }
  }
  for (const [url, state] of Object.entries(store.feeds)) {
    const keys = store.articles.filter((h) => h.feed === url).map((h) => h.key);
    if (state.bodies === null) {
      expect(keys).toEqual([]);
      continue;
    }
    const bodies = JSON.parse(readFileSync(join(dir, 'bodies', state.bodies), 'utf8')).bodies as Record<string, unknown>;
    for (const k of keys) expect(bodies[k], `body of ${k} in ${state.bodies}`).toBeDefined();
  }
  return byKey;
}
