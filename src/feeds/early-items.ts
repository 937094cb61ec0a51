// Items drafted as each one closes (parseXml's onClose), so that the element
// tree never holds them all: drafting them at the end kept every item's
// elements alive through the parse, and the garbage collector copied them all.
// They are drafted with the feed level (RSS's channel, Atom's feed) as it reads
// when the first one closes; the parser keeps them only if the whole feed level
// reads the same at the end. A title, base or authors that come after the items,
// which is rare, make the caller parse the document again (parse-feed.ts).
import type { ArticleDraft } from '../article.js';
import type { XmlElement } from './xml.js';

/** What every item of a feed is drafted with. */
export interface FeedLevel {
  base: string | null;
  source: string | null;
  authors: readonly unknown[];
}

export interface ItemFormat<L extends FeedLevel> {
  /** Whether `el`, just closed, is one of the feed's items (those its parser would draft at the end). */
  isItem(el: XmlElement, parent: XmlElement, root: XmlElement): boolean;
  /** The feed level as the document reads so far. */
  level(root: XmlElement): L;
  draft(el: XmlElement, level: L, root: XmlElement): ArticleDraft;
}

export class EarlyItems<L extends FeedLevel> {
  readonly #drafts: ArticleDraft[] = [];
  #level: L | null = null;

  constructor(private readonly format: ItemFormat<L>) {}

  /** For onClose: drafts `el` when it is an item, and says to take it out of the tree. */
  take(el: XmlElement, parent: XmlElement, root: XmlElement): boolean {
    if (!this.format.isItem(el, parent, root)) return false;
    const level = (this.#level ??= this.format.level(root));
    this.#drafts.push(this.format.draft(el, level, root));
    return true;
  }

  /** The drafts, or null when the feed level read at the end is not the one they were drafted with. */
  finish(level: L): ArticleDraft[] | null {
    const early = this.#level;
    const same =
      early === null ||
      (early.base === level.base && early.source === level.source && JSON.stringify(early.authors) === JSON.stringify(level.authors));
    return same ? this.#drafts : null;
  }
}
