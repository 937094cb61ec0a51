import type { ArticleDraft } from '../../src/article.js';

/** Drafts render summary, body and html lazily (prototype getters); matchers see only own fields. */
export function plainDraft(d: ArticleDraft): ArticleDraft {
  return { ...d, summary: d.summary, body: d.body, html: d.html };
}
