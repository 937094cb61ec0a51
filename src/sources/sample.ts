// The bundled sample store, normalized once by the build. It never changes, and
// it is the first thing a new user runs: parsing its 31 records and deriving
// their slugs on every `news list` ran code for 3 ms of a 15 ms start-up that
// nothing else there needs (BENCHMARKS.md, "Eighth session"). scripts/build.mjs
// writes dist/sample-articles.json beside dist/sample-store.json with
// sampleArticlesJson(); `news list` and `news read` take the Articles from it.
// The text in it is as untrusted as any store's: it is sanitized when printed,
// like everything else. --source dist/sample-store.json still takes the full path.
import { readFileSync } from 'node:fs';
import type { Article } from '../article.js';
import { loadSource } from './load.js';

export const SAMPLE_STORE = 'sample-store.json';
export const SAMPLE_ARTICLES = 'sample-articles.json';

// Every field of an Article, in schema order: the drafts' summary, body and html
// are prototype getters (core/lazy.ts), which JSON.stringify would skip.
const FIELDS = [
  'slug', 'id', 'title', 'url', 'source', 'category', 'categories', 'author', 'publishedAt', 'updatedAt',
  'summary', 'body', 'html', 'enclosures', 'image', 'order',
] as const satisfies readonly (keyof Article)[];

/** For the build: the Articles of the sample store at `storePath`, as the JSON prebuiltSample reads. */
export async function sampleArticlesJson(storePath: string): Promise<string> {
  const warnings: string[] = [];
  const loaded = await loadSource(storePath, {
    env: {},
    stdin: () => Promise.reject(new Error('the sample store is a file')),
    warn: (m) => warnings.push(m),
    userAgent: 'news-build',
  });
  if (warnings.length > 0) throw new Error(`${storePath}: ${warnings.join('; ')}`);
  const plain = loaded.articles.map((a) => Object.fromEntries(FIELDS.map((f) => [f, a[f]])));
  return `${JSON.stringify(plain)}\n`;
}

/**
 * The sample's Articles from the file the build wrote in `dir`; null when it is
 * missing or unreadable (a build from before it existed, a damaged install),
 * and the caller then loads the store itself.
 */
export function prebuiltSample(dir: string): Article[] | null {
  try {
    const articles: unknown = JSON.parse(readFileSync(`${dir}/${SAMPLE_ARTICLES}`, 'utf8'));
    return Array.isArray(articles) && articles.every(isArticleLike) ? (articles as Article[]) : null;
  } catch {
    return null;
  }
}

// The build wrote it, so a shape check is enough: what made it is tested.
function isArticleLike(a: unknown): boolean {
  return typeof a === 'object' && a !== null && typeof (a as Article).slug === 'string' && typeof (a as Article).title === 'string';
}
