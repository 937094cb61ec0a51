// RSS 0.90, 0.91, 0.92, 2.0 and RSS 1.0 (RDF) items as ArticleDrafts, mapped as
// docs/feed-mapping.md says. The two families differ only in which elements
// each field may come from, so one mapper serves both.
import type { ArticleDraft } from '../article.js';
import { categoriesField, textField, urlField } from '../core/fields.js';
import { NS } from './namespaces.js';
import { isElement, type XmlElement } from './xml.js';
import { attr, childNamed, childrenNamed, textOf, type NsSet } from './xml-tree.js';
import {
  Enclosures, firstAuthors, lazyDraft, firstRaw, firstUrl, idField,
} from './draft-fields.js';
import {
  NONE, add, addMediaEnclosures, baseOf, dateOf, mediaContents, mediaDescriptions, mediaThumbnails, rawText, textsOf,
} from './xml-fields.js';
import type { FeedContent } from './feed-content.js';
import { EarlyItems, type FeedLevel } from './early-items.js';

/** RSS 2.0 has no namespace; RSS 1.0 and 0.90 put their own elements in one. */
const CORE: NsSet = [null, NS.rss10, NS.rss090];
const DC: NsSet = [NS.dc];
const ITUNES: NsSet = [NS.itunes];
const RDF = NS.rdf;

interface Channel extends FeedLevel {
  el: XmlElement;
  link: string | null;
  authors: (string | null)[][];
}

function channelOf(root: XmlElement, url: string | null): Channel {
  const channelEl = childNamed(root, 'channel', CORE) ?? root;
  // Relative links resolve against xml:base, else the fetched URL, else the channel link.
  const fetchedBase = baseOf(channelEl, baseOf(root, url));
  const link = urlField(text(channelEl, 'link', CORE), fetchedBase);
  return {
    el: channelEl,
    link,
    base: baseOf(channelEl, baseOf(root, url ?? link)),
    source: textField(text(channelEl, 'title', CORE)),
    authors: root.local === 'RDF'
      ? [texts(channelEl, 'creator', DC)]
      : [texts(channelEl, 'managingEditor', CORE), texts(channelEl, 'creator', DC), texts(channelEl, 'author', ITUNES)],
  };
}

/** RSS items drafted as they close (early-items.ts). */
export function rssItems(url: string | null): EarlyItems<Channel> {
  return new EarlyItems<Channel>({
    // The same items items() finds: those of the first channel, and those beside it.
    isItem: (el, parent, root) =>
      el.local === 'item' && CORE.includes(el.ns) && (root.local === 'rss' || root.local === 'RDF') &&
      (parent === root || parent === childNamed(root, 'channel', CORE)),
    level: (root) => channelOf(root, url),
    draft: (el, channel, root) => (root.local === 'RDF' ? rdfItem(el, channel) : rssItem(el, channel)),
  });
}

/** The feed; null when `early` drafted its items with a channel that turned out different (parse again without). */
export function parseRss(root: XmlElement, url: string | null, early?: EarlyItems<Channel>): FeedContent | null {
  const rdf = root.local === 'RDF';
  const channel = channelOf(root, url);
  const drafts = early === undefined ? [] : early.finish(channel);
  if (drafts === null) return null;
  for (const item of items(root, channel.el)) {
    // An item the document ended inside is incomplete; the caller warns about it.
    if (!item.closed) break;
    drafts.push(rdf ? rdfItem(item, channel) : rssItem(item, channel));
  }
  return { format: rdf ? 'rdf' : 'rss', title: channel.source, link: channel.link, ttlMinutes: updateHint(channel.el), drafts };
}

const SY: NsSet = [NS.sy];
const PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };

/** RSS <ttl> (minutes), else sy:updatePeriod divided by sy:updateFrequency. */
function updateHint(channel: XmlElement): number | null {
  const ttl = Number(text(channel, 'ttl', CORE)?.trim());
  if (Number.isFinite(ttl) && ttl > 0) return ttl;
  const period = text(channel, 'updatePeriod', SY)?.trim().toLowerCase();
  if (period === undefined || !Object.hasOwn(PERIOD_MINUTES, period)) return null;
  const frequency = Number(text(channel, 'updateFrequency', SY)?.trim() ?? '1');
  return PERIOD_MINUTES[period]! / (Number.isInteger(frequency) && frequency > 0 ? frequency : 1);
}

/** Items of the channel, and (RSS 1.0, or misplaced) items beside it, in document order. */
function items(root: XmlElement, channel: XmlElement): XmlElement[] {
  if (channel === root) return childrenNamed(root, 'item', CORE);
  const out: XmlElement[] = [];
  for (const c of root.children) {
    if (!isElement(c)) continue;
    if (c === channel) out.push(...childrenNamed(c, 'item', CORE));
    else if (c.local === 'item' && CORE.includes(c.ns)) out.push(c);
  }
  return out;
}

function text(el: XmlElement, local: string, ns: NsSet): string | null {
  const c = childNamed(el, local, ns);
  return c === undefined ? null : textOf(c);
}

function texts(el: XmlElement, local: string, ns: NsSet): string[] {
  return childrenNamed(el, local, ns).map(textOf);
}

/**
 * An item's children sorted into the elements rssItem and rdfItem read, in one
 * pass: looking each name up on its own walked the children twenty times per
 * item. A single element is the first of its name; the lists are in document
 * order.
 */
class ItemParts {
  title: XmlElement | undefined = undefined;
  dcTitle: XmlElement | undefined = undefined;
  link: XmlElement | undefined = undefined;
  guid: XmlElement | undefined = undefined;
  description: XmlElement | undefined = undefined;
  encoded: XmlElement | undefined = undefined;
  itunesSummary: XmlElement | undefined = undefined;
  itunesImage: XmlElement | undefined = undefined;
  atomLinks: readonly XmlElement[] = NONE;
  enclosures: readonly XmlElement[] = NONE;
  categories: readonly XmlElement[] = NONE;
  subjects: readonly XmlElement[] = NONE;
  authors: readonly XmlElement[] = NONE;
  creators: readonly XmlElement[] = NONE;
  itunesAuthors: readonly XmlElement[] = NONE;
  pubDates: readonly XmlElement[] = NONE;
  dcDates: readonly XmlElement[] = NONE;
  atomUpdated: readonly XmlElement[] = NONE;
  /** dc:modified and dcterms:modified. */
  modified: readonly XmlElement[] = NONE;
  /** Whether any Media RSS element is among them (they are read by xml-fields.ts). */
  media = false;

  constructor(item: XmlElement) {
    for (const c of item.children) {
      if (!isElement(c)) continue;
      const ns = c.ns;
      const local = c.local;
      if (ns === null || ns === NS.rss10 || ns === NS.rss090) {
        if (local === 'title') this.title ??= c;
        else if (local === 'link') this.link ??= c;
        else if (local === 'guid') this.guid ??= c;
        else if (local === 'description') this.description ??= c;
        else if (local === 'pubDate') this.pubDates = add(this.pubDates, c);
        else if (local === 'category') this.categories = add(this.categories, c);
        else if (local === 'author') this.authors = add(this.authors, c);
        else if (local === 'enclosure') this.enclosures = add(this.enclosures, c);
      } else if (ns === NS.dc) {
        if (local === 'creator') this.creators = add(this.creators, c);
        else if (local === 'date') this.dcDates = add(this.dcDates, c);
        else if (local === 'subject') this.subjects = add(this.subjects, c);
        else if (local === 'title') this.dcTitle ??= c;
        else if (local === 'modified') this.modified = add(this.modified, c);
      } else if (ns === NS.content) {
        if (local === 'encoded') this.encoded ??= c;
      } else if (ns === NS.media) this.media = true;
      else if (ns === NS.atom) {
        if (local === 'link') this.atomLinks = add(this.atomLinks, c);
        else if (local === 'updated') this.atomUpdated = add(this.atomUpdated, c);
      } else if (ns === NS.itunes) {
        if (local === 'summary') this.itunesSummary ??= c;
        else if (local === 'author') this.itunesAuthors = add(this.itunesAuthors, c);
        else if (local === 'image') this.itunesImage ??= c;
      } else if (ns === NS.dcterms && local === 'modified') this.modified = add(this.modified, c);
    }
  }
}

function linkOf(c: XmlElement | undefined, base: string | null): [string | null, string | null] {
  return c === undefined ? [null, null] : [textOf(c), baseOf(c, base)];
}

function rssItem(item: XmlElement, channel: Channel): ArticleDraft {
  const parts = new ItemParts(item);
  const base = baseOf(item, channel.base);
  const guidEl = parts.guid;
  const guid = guidEl === undefined ? null : textOf(guidEl);
  const permalink = guidEl !== undefined && attr(guidEl, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  const atomAlternate = parts.atomLinks.find((l) => (attr(l, 'rel')?.trim() ?? 'alternate') === 'alternate');
  const url = firstUrl([
    linkOf(parts.link, base),
    atomAlternate === undefined ? [null, null] : [attr(atomAlternate, 'href'), baseOf(atomAlternate, base)],
    // A guid is a link only when it is already an absolute http(s) URL, never resolved.
    [permalink ? guid : null, null],
  ]);

  // RSS defines description (and content:encoded) as entity-encoded HTML, so they
  // are HTML even without a tag: WordPress's "[&#8230;]" must read "[…]".
  const description = rawText(parts.description, true);
  const itunesSummary = rawText(parts.itunesSummary);
  const bodyCandidates = [rawText(parts.encoded, true), description, itunesSummary];
  const summaryCandidates = [description, itunesSummary];
  if (parts.media) {
    for (const d of mediaDescriptions(item)) {
      bodyCandidates.push(d);
      summaryCandidates.push(d);
    }
  }
  const title = firstRaw([rawText(parts.title), rawText(parts.dcTitle)]);

  const enclosures = new Enclosures();
  for (const e of parts.enclosures) enclosures.add(attr(e, 'url'), baseOf(e, base), attr(e, 'type'), attr(e, 'length'));
  if (parts.media) addMediaEnclosures(item, base, enclosures);

  const image = parts.media || parts.itunesImage !== undefined ? imageOf(item, parts, base) : null;
  const categories = categoriesField(textsOf(parts.categories, parts.subjects));
  const updatedAt = dateOf(parts.atomUpdated, parts.modified);
  return lazyDraft(
    {
    id: idField(guid) ?? url,
    url,
    source: channel.source,
    category: categories[0] ?? null,
    categories,
    // concat, not a spread: ten thousand items made this line a profile's hot spot.
    author: firstAuthors(([parts.authors.map(textOf), parts.creators.map(textOf), parts.itunesAuthors.map(textOf)] as (string | null)[][]).concat(channel.authors)),
    publishedAt: dateOf(parts.pubDates, parts.dcDates) ?? updatedAt,
    updatedAt,
    enclosures: enclosures.list,
    image,
    },
    title,
    bodyCandidates,
    summaryCandidates,
  );
}

function imageOf(item: XmlElement, parts: ItemParts, base: string | null): string | null {
  const itunesImage = parts.itunesImage;
  const candidates = parts.media ? mediaThumbnails(item, base) : [];
  if (parts.media) {
    for (const m of mediaContents(item)) {
      if (attr(m, 'medium')?.trim().toLowerCase() === 'image') candidates.push([attr(m, 'url'), baseOf(m, base)]);
    }
  }
  if (itunesImage !== undefined) candidates.push([attr(itunesImage, 'href'), baseOf(itunesImage, base)]);
  return firstUrl(candidates);
}

function rdfItem(item: XmlElement, channel: Channel): ArticleDraft {
  const parts = new ItemParts(item);
  const base = baseOf(item, channel.base);
  const about = attr(item, 'about', RDF);
  const url = firstUrl([linkOf(parts.link, base), [about, base]]);
  const description = rawText(parts.description, true);
  const bodyCandidates = [rawText(parts.encoded, true), description];
  const summaryCandidates = [description];
  const title = firstRaw([rawText(parts.title), rawText(parts.dcTitle)]);
  const enclosures = new Enclosures();
  for (const e of parts.enclosures) enclosures.add(attr(e, 'url'), baseOf(e, base), attr(e, 'type'), attr(e, 'length'));
  const categories = categoriesField(textsOf(parts.subjects));
  return lazyDraft(
    {
    id: idField(about) ?? url,
    url,
    source: channel.source,
    category: categories[0] ?? null,
    categories,
    author: firstAuthors(([parts.creators.map(textOf)] as (string | null)[][]).concat(channel.authors)),
    publishedAt: dateOf(parts.dcDates),
    updatedAt: dateOf(parts.modified),
    enclosures: enclosures.list,
    image: null,
    },
    title,
    bodyCandidates,
    summaryCandidates,
  );
}
