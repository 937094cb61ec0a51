// The last step of every source: drafts become Articles with unique slugs and
// their position in the source's own order.
import type { Article, ArticleDraft } from '../article.js';
import { SlugAllocator, VALID_SLUG, baseSlug } from './slug.js';

export function finishArticles(drafts: readonly ArticleDraft[]): Article[] {
  const slugs = new SlugAllocator();
  // Slugs a store gives explicitly are reserved first, so that a derived slug never
  // takes the name a user or an earlier run already relies on.
  const given = drafts.map((d) => (d.slug && VALID_SLUG.test(d.slug) ? slugs.allocate(d.slug) : null));
  return drafts.map((d, order) => finishArticle(d, order, slugs, given[order]));
}

/**
 * One draft becomes the article in place (copying it would read, and so render,
 * every lazy body): its slug, derived unless given, and its position.
 */
export function finishArticle(d: ArticleDraft, order: number, slugs: SlugAllocator, given: string | null = null): Article {
  const a = d as Article;
  a.slug = given ?? slugs.allocate(baseSlug(null, d.title, d.id));
  a.order = order;
  return a;
}
