// The real-shaped feed corpus: every fixtures/feeds/NAME.xml|.json goes the way a
// fetched feed goes (bytes → text → parseFeed → finishArticles → public JSON)
// and each field its NAME.expected.json names must come out equal. The expected
// files list articles in the public JSON schema without `html`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/io/charset.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { finishArticles } from '../../src/core/articles.js';
import { toJsonObject } from '../../src/render/json.js';

const DIR = fileURLToPath(new URL('../../fixtures/feeds/', import.meta.url));
const FEEDS = existsSync(DIR)
  ? readdirSync(DIR).filter((f) => /\.(xml|json|rss|atom|rdf)$/.test(f) && !f.endsWith('.expected.json')).sort()
  : [];

function expectedFor(file: string): unknown {
  const path = DIR + file.replace(/\.[^.]+$/, '.expected.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}

function articlesOf(file: string): Record<string, unknown>[] {
  const { text } = decodeBytes(readFileSync(DIR + file));
  const feed = parseFeed(text, { url: null, label: file });
  return finishArticles(feed.drafts).map((a) => ({ ...toJsonObject(a) }) as Record<string, unknown>);
}

describe.skipIf(FEEDS.length === 0)('feed corpus', () => {
  it.each(FEEDS)('%s', (file) => {
    const expected = expectedFor(file);
    expect(expected, `${file} has no .expected.json`).toBeDefined();
    if (!Array.isArray(expected)) {
      const error = (expected as { error?: string }).error;
      expect(error, `${file}: expected is neither an article array nor { error }`).toBeTypeOf('string');
      expect(() => articlesOf(file)).toThrow(error);
      return;
    }
    const actual = articlesOf(file);
    expect(actual.map((a) => a.title), 'article titles').toEqual(expected.map((e: Record<string, unknown>) => e.title));
    // Every disagreeing field at once, so one run shows the whole picture for a file.
    const mismatches: string[] = [];
    expected.forEach((want: Record<string, unknown>, i) => {
      for (const [field, value] of Object.entries(want)) {
        const got = actual[i]![field];
        if (!isDeepStrictEqual(got, value)) {
          mismatches.push(`article ${i} ("${String(want.title)}") ${field}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
        }
      }
    });
    expect(mismatches).toEqual([]);
  });
});
