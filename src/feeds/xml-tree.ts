// Reading the element tree from xml.ts: finding children by namespace, taking
// text, and writing inline markup back out as HTML. All of it iterates, never
// recurses, because the tree may be 100,000 levels deep.
import { escapeAttribute, escapeText } from './xml-entities.js';
import { isElement, textValue, type XmlChild, type XmlElement } from './xml.js';

/** Namespaces an element may be in to count as a given format's own element. */
export type NsSet = readonly (string | null)[];

export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (isElement(c)) out.push(c);
  return out;
}

export function childrenNamed(el: XmlElement, local: string, ns: NsSet): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (isElement(c) && c.local === local && ns.includes(c.ns)) out.push(c);
  }
  return out;
}

export function childNamed(el: XmlElement, local: string, ns: NsSet): XmlElement | undefined {
  for (const c of el.children) {
    if (isElement(c) && c.local === local && ns.includes(c.ns)) return c;
  }
  return undefined;
}

/** An attribute by local name; with `ns`, only a prefixed one in that namespace. */
export function attr(el: XmlElement, local: string, ns?: string): string | null {
  if (ns === undefined) return el.attrs[local] ?? null;
  const attrNs = el.attrNs;
  if (attrNs === null) return null;
  for (const name in attrNs) {
    if (attrNs[name] === ns && name.slice(name.indexOf(':') + 1) === local) return el.attrs[name] ?? null;
  }
  return null;
}

export function hasElementChildren(el: XmlElement): boolean {
  for (const c of el.children) if (isElement(c)) return true;
  return false;
}

/** All the text inside, markup dropped. */
export function textOf(el: XmlElement): string {
  const only = el.children.length === 1 ? el.children[0]! : undefined;
  if (only !== undefined && !isElement(only)) return textValue(only);
  let out = '';
  const stack: XmlChild[][] = [el.children];
  const index: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const kids = stack[top]!;
    const i = index[top]!;
    if (i >= kids.length) {
      stack.pop();
      index.pop();
      continue;
    }
    index[top] = i + 1;
    const c = kids[i]!;
    if (!isElement(c)) out += textValue(c);
    else {
      stack.push(c.children);
      index.push(0);
    }
  }
  return out;
}

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

function openTag(el: XmlElement): string {
  let tag = `<${el.local}`;
  for (const name in el.attrs) tag += ` ${name}="${escapeAttribute(el.attrs[name]!)}"`;
  return `${tag}>`;
}

/**
 * The children of `el` written back as HTML: inline XHTML in Atom, unescaped
 * HTML inside an RSS description. Prefixes are dropped (`xhtml:p` is `p` to a
 * browser) and text is escaped again, so entities stay decoded exactly once.
 */
export function innerMarkup(el: XmlElement): string {
  let out = '';
  const stack: XmlElement[] = [el];
  const index: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top]!;
    const i = index[top]!;
    if (i >= node.children.length) {
      stack.pop();
      index.pop();
      // A void element has no end tag in HTML; whatever an unclosed <br> swallowed
      // in the XML follows it as siblings would.
      if (stack.length > 0 && !VOID.has(node.local.toLowerCase())) out += `</${node.local}>`;
      continue;
    }
    index[top] = i + 1;
    const c = node.children[i]!;
    if (!isElement(c)) {
      out += escapeText(textValue(c));
      continue;
    }
    out += openTag(c);
    stack.push(c);
    index.push(0);
  }
  return out;
}
