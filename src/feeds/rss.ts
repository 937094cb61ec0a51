// RSS 0.90, 0.91, 0.92, 2.0 and RSS 1.0 (RDF) items as ArticleDrafts, mapped as
// docs/feed-mapping.md says. The two families differ only in which elements
// each field may come from, so one mapper serves both.
import type { ArticleDraft } from '../article.js';
import { categoriesField, textField, titleField, urlField } from '../core/fields.js';
import { parseDate } from '../core/dates.js';
import { NS } from './namespaces.js';
import { isElement, type XmlElement } from './xml.js';
import { attr, childNamed, childrenNamed, textOf, type NsSet } from './xml-tree.js';
import {
  Enclosures, firstAuthors, lazyDraft, firstRaw, firstText, firstUrl, idField, type RawText,
} from './draft-fields.js';
import {
  addMediaEnclosures, baseOf, mediaContents, mediaDescriptions, mediaThumbnails, rawText,
} from './xml-fields.js';
import type { FeedContent } from './feed-content.js';

/** RSS 2.0 has no namespace; RSS 1.0 and 0.90 put their own elements in one. */
const CORE: NsSet = [null, NS.rss10, NS.rss090];
const DC: NsSet = [NS.dc];
const DC_ANY: NsSet = [NS.dc, NS.dcterms];
const CONTENT: NsSet = [NS.content];
const ITUNES: NsSet = [NS.itunes];
const ATOM: NsSet = [NS.atom];
const RDF = NS.rdf;

interface Channel {
  el: XmlElement;
  base: string | null;
  source: string | null;
  authors: (string | null)[][];
}

export function parseRss(root: XmlElement, url: string | null): FeedContent {
  const rdf = root.local === 'RDF';
  const channelEl = childNamed(root, 'channel', CORE) ?? root;
  // Relative links resolve against xml:base, else the fetched URL, else the channel link.
  const fetchedBase = baseOf(channelEl, baseOf(root, url));
  const link = urlField(text(channelEl, 'link', CORE), fetchedBase);
  const base = baseOf(channelEl, baseOf(root, url ?? link));
  const channel: Channel = {
    el: channelEl,
    base,
    source: textField(text(channelEl, 'title', CORE)),
    authors: rdf
      ? [texts(channelEl, 'creator', DC)]
      : [texts(channelEl, 'managingEditor', CORE), texts(channelEl, 'creator', DC), texts(channelEl, 'author', ITUNES)],
  };

  const drafts: ArticleDraft[] = [];
  for (const item of items(root, channelEl)) {
    // An item the document ended inside is incomplete; the caller warns about it.
    if (!item.closed) break;
    drafts.push(rdf ? rdfItem(item, channel) : rssItem(item, channel));
  }
  return { format: rdf ? 'rdf' : 'rss', title: channel.source, link, ttlMinutes: updateHint(channelEl), drafts };
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

function raw(el: XmlElement, local: string, ns: NsSet, isHtml?: boolean): RawText | null {
  return rawText(childNamed(el, local, ns), isHtml);
}

function linkOf(el: XmlElement, local: string, ns: NsSet, base: string | null): [string | null, string | null] {
  const c = childNamed(el, local, ns);
  return c === undefined ? [null, null] : [textOf(c), baseOf(c, base)];
}

function dateOf(el: XmlElement, names: readonly (readonly [string, NsSet])[]): number | null {
  for (const [local, ns] of names) {
    for (const c of childrenNamed(el, local, ns)) {
      const ms = parseDate(textOf(c));
      if (ms !== null) return ms;
    }
  }
  return null;
}

function rssItem(item: XmlElement, channel: Channel): ArticleDraft {
  const base = baseOf(item, channel.base);
  const guidEl = childNamed(item, 'guid', CORE);
  const guid = guidEl === undefined ? null : textOf(guidEl);
  const permalink = guidEl !== undefined && attr(guidEl, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  const atomAlternate = childrenNamed(item, 'link', ATOM).find((l) => (attr(l, 'rel')?.trim() ?? 'alternate') === 'alternate');
  const url = firstUrl([
    linkOf(item, 'link', CORE, base),
    atomAlternate === undefined ? [null, null] : [attr(atomAlternate, 'href'), baseOf(atomAlternate, base)],
    // A guid is a link only when it is already an absolute http(s) URL, never resolved.
    [permalink ? guid : null, null],
  ]);

  const descriptions = mediaDescriptions(item);
  // RSS defines description (and content:encoded) as entity-encoded HTML, so they
  // are HTML even without a tag: WordPress's "[&#8230;]" must read "[…]".
  const description = raw(item, 'description', CORE, true);
  const itunesSummary = raw(item, 'summary', ITUNES);
  const bodyCandidates = [raw(item, 'encoded', CONTENT, true), description, itunesSummary, ...descriptions];
  const summaryCandidates = [description, itunesSummary, ...descriptions];
  const title = firstRaw([raw(item, 'title', CORE), raw(item, 'title', DC)]);

  const enclosures = new Enclosures();
  for (const e of childrenNamed(item, 'enclosure', CORE)) {
    enclosures.add(attr(e, 'url'), baseOf(e, base), attr(e, 'type'), attr(e, 'length'));
  }
  addMediaEnclosures(item, base, enclosures);

  const itunesImage = childNamed(item, 'image', ITUNES);
  const image = firstUrl([
    ...mediaThumbnails(item, base),
    ...mediaContents(item)
      .filter((m) => attr(m, 'medium')?.trim().toLowerCase() === 'image')
      .map((m): [string | null, string | null] => [attr(m, 'url'), baseOf(m, base)]),
    itunesImage === undefined ? [null, null] : [attr(itunesImage, 'href'), baseOf(itunesImage, base)],
  ]);

  const categories = categoriesField([...texts(item, 'category', CORE), ...texts(item, 'subject', DC)]);
  const updatedAt = dateOf(item, [['updated', ATOM], ['modified', DC_ANY]]);
  return lazyDraft(
    {
    id: idField(guid) ?? url,
    url,
    source: channel.source,
    category: categories[0] ?? null,
    categories,
    author: firstAuthors([
      texts(item, 'author', CORE), texts(item, 'creator', DC), texts(item, 'author', ITUNES), ...channel.authors,
    ]),
    publishedAt: dateOf(item, [['pubDate', CORE], ['date', DC]]) ?? updatedAt,
    updatedAt,
    enclosures: enclosures.list,
    image,
    },
    title,
    bodyCandidates,
    summaryCandidates,
  );
}

function rdfItem(item: XmlElement, channel: Channel): ArticleDraft {
  const base = baseOf(item, channel.base);
  const about = attr(item, 'about', RDF);
  const url = firstUrl([linkOf(item, 'link', CORE, base), [about, base]]);
  const description = raw(item, 'description', CORE, true);
  const bodyCandidates = [raw(item, 'encoded', CONTENT, true), description];
  const summaryCandidates = [description];
  const title = firstRaw([raw(item, 'title', CORE), raw(item, 'title', DC)]);
  const enclosures = new Enclosures();
  for (const e of childrenNamed(item, 'enclosure', CORE)) {
    enclosures.add(attr(e, 'url'), baseOf(e, base), attr(e, 'type'), attr(e, 'length'));
  }
  const categories = categoriesField(texts(item, 'subject', DC));
  return lazyDraft(
    {
    id: idField(about) ?? url,
    url,
    source: channel.source,
    category: categories[0] ?? null,
    categories,
    author: firstAuthors([texts(item, 'creator', DC), ...channel.authors]),
    publishedAt: dateOf(item, [['date', DC]]),
    updatedAt: dateOf(item, [['modified', DC_ANY]]),
    enclosures: enclosures.list,
    image: null,
    },
    title,
    bodyCandidates,
    summaryCandidates,
  );
}
