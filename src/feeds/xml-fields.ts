// Reading feed fields out of XML elements: a field's raw text (with unescaped
// markup written back as HTML), its xml:base, and the Media RSS elements that
// RSS and Atom feeds share.
import { parseDate } from '../core/dates.js';
import { NS } from './namespaces.js';
import { XmlText, type XmlElement } from './xml.js';
import { attr, childrenNamed, hasElementChildren, innerMarkup, textOf, type NsSet } from './xml-tree.js';
import { rebase, type Enclosures, type RawText } from './draft-fields.js';

export const MEDIA: NsSet = [NS.media];

/**
 * An element's value as a feed field. Element children mean the publisher put
 * HTML in without escaping it; it is written back out and read as HTML.
 */
export function rawText(el: XmlElement | undefined, isHtml?: boolean): RawText | null {
  if (el === undefined) return null;
  if (hasElementChildren(el)) return { raw: innerMarkup(el), isHtml: true };
  return textRaw(el, isHtml);
}

/** A field's text, decoded on first use when it is one long run (a body nobody shows is never decoded). */
class LaterText implements RawText {
  text?: string | null;
  #raw: string | undefined;
  constructor(
    private readonly run: XmlText,
    readonly isHtml: boolean | undefined,
  ) {}
  get raw(): string {
    return (this.#raw ??= this.run.value);
  }
}

/** The text of `el` (no element children) as a field. */
export function textRaw(el: XmlElement, isHtml: boolean | undefined): RawText {
  const only = el.children.length === 1 ? el.children[0] : undefined;
  return only instanceof XmlText ? new LaterText(only, isHtml) : { raw: textOf(el), isHtml };
}

export function baseOf(el: XmlElement, base: string | null): string | null {
  return rebase(attr(el, 'base', NS.xml), base);
}

/** Direct children, then the same inside each `media:group` (and `media:content`), in that order. */
export function mediaElements(item: XmlElement, local: string, containers: readonly string[] = ['group']): XmlElement[] {
  const found = childrenNamed(item, local, MEDIA);
  for (const c of containers) {
    for (const group of childrenNamed(item, c, MEDIA)) found.push(...childrenNamed(group, local, MEDIA));
  }
  return found;
}

/** `media:description`, whose `type` says html or plain (Media RSS's default is plain). */
export function mediaDescriptions(item: XmlElement): RawText[] {
  const out: RawText[] = [];
  for (const d of mediaElements(item, 'description')) {
    const type = attr(d, 'type')?.trim().toLowerCase();
    const raw = rawText(d, type === 'html' ? true : type === 'plain' ? false : undefined);
    if (raw !== null) out.push(raw);
  }
  return out;
}

export function mediaThumbnails(item: XmlElement, base: string | null): [string | null, string | null][] {
  return mediaElements(item, 'thumbnail', ['group', 'content']).map((t) => [attr(t, 'url'), baseOf(t, base)]);
}

export function mediaContents(item: XmlElement): XmlElement[] {
  return mediaElements(item, 'content');
}

export function addMediaEnclosures(item: XmlElement, base: string | null, into: Enclosures): void {
  for (const m of mediaContents(item)) into.add(attr(m, 'url'), baseOf(m, base), attr(m, 'type'), attr(m, 'fileSize'));
}

// For the parts of an item (rss.ts's ItemParts, atom.ts's EntryParts), sorted
// out of its children in one pass: a list no element was added to is NONE.
export const NONE: readonly XmlElement[] = Object.freeze([]);

/** `list` with `el` at its end: a new array for NONE, else the same one. */
export function add(list: readonly XmlElement[], el: XmlElement): readonly XmlElement[] {
  if (list === NONE) return [el];
  (list as XmlElement[]).push(el);
  return list;
}

/** The first of these elements, in this order, that holds a date. */
export function dateOf(...lists: (readonly XmlElement[])[]): number | null {
  for (const list of lists) {
    for (const c of list) {
      const ms = parseDate(textOf(c));
      if (ms !== null) return ms;
    }
  }
  return null;
}

/** The text of each element of the lists, in order. */
export function textsOf(...lists: (readonly XmlElement[])[]): string[] {
  const out: string[] = [];
  for (const list of lists) for (const el of list) out.push(textOf(el));
  return out;
}
