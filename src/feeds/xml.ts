// A tolerant XML scanner for feeds. It builds a light element tree without
// recursion (so no nesting depth can overflow the stack), never reads the DTD
// (so no entity expansion, no external entities, no fetches), and recovers from
// the mistakes real feeds make the way a liberal parser does. Only a document
// that ends inside markup or with elements still open is a fault; it is
// reported with its line so the caller can keep the complete items before it.
import { decodeXmlText } from './xml-entities.js';
import { canonicalNamespace, conventionalNamespace } from './namespaces.js';
import { TagScan, isNameStart, isSpace, nameEnd, scanAttributes, skipDoctype, type Span } from './xml-lexer.js';
import type { Utf8View } from '../io/utf8-view.js';

export type XmlChild = XmlElement | XmlText | string;

/**
 * A long run of text kept as the places in the source it came from, and decoded
 * each time it is read (`value`). A feed's bodies are most of its bytes, and a
 * table of headlines never reads them: decoding 10,000 bodies up front and
 * keeping them through the parse cost the TSV listing of a 31 MB feed 5–10 % of
 * its time and 27 MB of peak RSS (BENCHMARKS.md). Short runs are decoded at once,
 * as strings.
 */
export class XmlText {
  constructor(
    private readonly decode: Span,
    /** `[start, end, cdata]` triples: a CDATA section is taken as it is, other text has its references decoded. */
    private readonly places: readonly number[],
  ) {}

  get value(): string {
    const places = this.places;
    let out = '';
    for (let k = 0; k < places.length; k += 3) {
      const piece = this.decode(places[k]!, places[k + 1]!);
      out += places[k + 2] === 1 ? piece : decodeXmlText(piece);
    }
    return out;
  }

  /** This run followed by `next`, as one run (text either side of a dropped end tag). */
  concat(next: XmlText): XmlText {
    return new XmlText(this.decode, [...this.places, ...next.places]);
  }
}

/** Element, not text. */
export function isElement(c: XmlChild): c is XmlElement {
  // Not `instanceof`: this runs for every child in every lookup, and a property
  // read is a map check where instanceof walks the element's prototype chain.
  return typeof c !== 'string' && (c as Partial<XmlElement>).local !== undefined;
}

/** The text of a text child. */
export function textValue(c: string | XmlText): string {
  return typeof c === 'string' ? c : c.value;
}

/** Runs of text at least this long (in source characters) are kept as XmlText. */
const DEFER_TEXT = 512;

export interface XmlElement {
  /** Qualified name as written, e.g. `content:encoded`. */
  name: string;
  local: string;
  /** Resolved namespace URI, null when there is none. */
  ns: string | null;
  /** By qualified name; no Object.prototype behind it, so `__proto__` is just a name. Read-only. */
  attrs: Record<string, string>;
  /** Namespace URI of each prefixed attribute (null when none has a prefix). */
  attrNs: Record<string, string | null> | null;
  children: XmlChild[];
  /** 1-based line of the start tag. */
  line: number;
  /** False when the document ended before this element did. */
  closed: boolean;
}

export interface XmlFault {
  line: number;
  message: string;
}

export interface XmlDocument {
  root: XmlElement | null;
  /** Set when the document is cut short; the tree holds what came before. */
  fault: XmlFault | null;
}

// Leaf elements are most of a feed; they share this until they get a child, and
// then get an array of exactly the size they need.
const NO_CHILDREN: XmlChild[] = Object.freeze([]) as unknown as XmlChild[];

/** One per distinct tag name: the split name, and how many are open right now. */
interface TagName {
  name: string;
  prefix: string;
  local: string;
  open: number;
  /** Whether onClose is told when one closes. */
  watched: boolean;
}

interface NsBinding {
  depth: number;
  prefix: string;
  uri: string | null;
}

/**
 * Told as each element with one of `locals` closes (not the root), with its
 * parent and the root: true takes the element out of the tree (a feed parser
 * that has read an item keeps only its draft, so the tree never holds every
 * item). Other elements close without a call: asking about each of big.xml's
 * 99,000 elements to find its 10,000 items cost ≈ 45 ms (five profiles).
 */
export interface OnClose {
  readonly locals: ReadonlySet<string>;
  close(el: XmlElement, parent: XmlElement, root: XmlElement): boolean;
}

/**
 * Parses decoded text, or a Utf8View: the bytes of a UTF-8 document, scanned as they
 * are and decoded only where a name, text or attribute value is taken (utf8-view.ts).
 */
export function parseXml(source: string | Utf8View, onClose?: OnClose): XmlDocument {
  const text = typeof source === 'string' ? source : source.text;
  const span: Span = typeof source === 'string' ? (start, end) => text.slice(start, end) : (start, end) => source.span(start, end);
  const spanLater: Span = typeof source === 'string' ? span : (start, end) => source.spanAnywhere(start, end);
  const len = text.length;
  const stack: XmlElement[] = [];
  const bindings: NsBinding[] = [];
  // Counting open elements per name lets an end tag that matches nothing be
  // dropped at once instead of searching a deep stack every time.
  const names = new Map<string, TagName>();
  const scan = new TagScan();
  const tagName = (name: string): TagName => {
    let t = names.get(name);
    if (t === undefined) {
      const colon = name.indexOf(':');
      const local = colon > 0 ? name.slice(colon + 1) : name;
      t = { name, prefix: colon > 0 ? name.slice(0, colon) : '', local, open: 0, watched: onClose?.locals.has(local) ?? false };
      names.set(name, t);
    }
    return t;
  };
  let root: XmlElement | null = null;
  let fault: XmlFault | null = null;

  // Lines are counted lazily, by jumping from newline to newline, and only up to
  // the start tags that ask; the next newline is remembered so a long line is
  // searched once, not once per tag.
  let line = 1;
  let nextNewline = text.indexOf('\n');
  const lineAt = (p: number): number => {
    while (nextNewline !== -1 && nextNewline < p) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
  // The text since the last tag, as `[start, end, cdata]` places in the source; a
  // comment or processing instruction inside it does not end it. It is added to
  // the open element when the next tag comes (flushText), decoded then if short.
  let places: number[] = [];
  let placesLength = 0;
  const addText = (start: number, end: number, cdata: 0 | 1): void => {
    if (end === start || stack.length === 0) return;
    places.push(start, end, cdata);
    placesLength += end - start;
  };
  const flushText = (): void => {
    if (places.length === 0) return;
    let run: string | XmlText;
    if (placesLength >= DEFER_TEXT) run = new XmlText(spanLater, places);
    else {
      run = '';
      for (let k = 0; k < places.length; k += 3) {
        const piece = span(places[k]!, places[k + 1]!);
        run += places[k + 2] === 1 ? piece : decodeXmlText(piece);
      }
    }
    places = [];
    placesLength = 0;
    if (run === '') return;
    const top = stack[stack.length - 1]!;
    const kids = top.children;
    const last = kids.length - 1;
    if (last === -1) top.children = [run];
    else if (isElement(kids[last]!)) kids.push(run);
    // Text on both sides of an end tag that closed nothing is one run.
    else if (kids[last] instanceof XmlText && run instanceof XmlText) kids[last] = kids[last].concat(run);
    else kids[last] = textValue(kids[last] as string | XmlText) + textValue(run);
  };

  const stop = (p: number, message: string): XmlDocument => {
    flushText();
    fault = { line: lineAt(p), message };
    return { root, fault };
  };

  const resolve = (prefix: string): string | null => {
    for (let k = bindings.length - 1; k >= 0; k--) {
      const b = bindings[k]!;
      if (b.prefix === prefix) return b.uri;
    }
    return prefix === '' ? null : conventionalNamespace(prefix);
  };

  // An element is its parent's last child when it closes: nothing is added to a
  // parent while a child of it is open.
  const closed = (el: XmlElement): void => {
    const parent = stack[stack.length - 1];
    if (parent !== undefined && onClose!.close(el, parent, root!)) parent.children.pop();
  };

  const popTo = (index: number): void => {
    while (stack.length > index) {
      const el = stack.pop()!;
      el.closed = true;
      const tag = names.get(el.name)!;
      tag.open--;
      const depth = stack.length;
      while (bindings.length > 0 && bindings[bindings.length - 1]!.depth >= depth) bindings.pop();
      if (tag.watched) closed(el);
    }
  };

  const closeTag = (name: string): void => {
    if ((names.get(name)?.open ?? 0) === 0) return;
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.name === name) {
        popTo(k);
        return;
      }
    }
  };

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < len) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      addText(pos, len, 0);
      break;
    }
    addText(pos, lt, 0);
    const c = text.charCodeAt(lt + 1);

    if (c === 0x21) {
      // '!': comment, CDATA, DOCTYPE or another declaration
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) return stop(lt, 'unterminated comment');
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) return stop(lt, 'unterminated CDATA section');
        addText(lt + 9, end, 1);
        pos = end + 3;
      } else {
        const isDoctype = text.slice(lt + 2, lt + 9).toUpperCase() === 'DOCTYPE';
        const end = isDoctype ? skipDoctype(text, lt + 9) : text.indexOf('>', lt + 2) + 1;
        if (end <= 0) return stop(lt, 'unterminated declaration');
        pos = end;
      }
      continue;
    }

    if (c === 0x3f) {
      // '?': processing instruction or the XML declaration
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) return stop(lt, 'unterminated processing instruction');
      pos = end + 2;
      continue;
    }

    if (c === 0x2f) {
      const gt = text.indexOf('>', lt + 2);
      if (gt === -1) return stop(lt, 'unterminated end tag');
      flushText();
      closeTag(span(lt + 2, nameEnd(text, lt + 2)));
      pos = gt + 1;
      continue;
    }

    if (!isNameStart(c)) {
      // A '<' that starts no markup ("a < b", "<3") is text, as browsers read it.
      addText(lt, lt + 1, 1);
      pos = lt + 1;
      continue;
    }

    flushText();
    const tagLine = lineAt(lt);
    const nEnd = nameEnd(text, lt + 1);
    const tag = tagName(span(lt + 1, nEnd));
    if (!scanAttributes(text, nEnd, scan, span)) return stop(lt, 'unterminated start tag');
    const { attrs, prefixed, selfClosing, xmlns } = scan;
    if (xmlns !== null) {
      for (const [prefix, uri] of xmlns) {
        bindings.push({ depth: stack.length, prefix, uri: uri === '' ? null : canonicalNamespace(uri) });
      }
    }

    const el: XmlElement = {
      name: tag.name,
      local: tag.local,
      ns: resolve(tag.prefix),
      attrs,
      attrNs: null,
      children: NO_CHILDREN,
      line: tagLine,
      closed: selfClosing,
    };
    if (prefixed !== null) {
      const attrNs = Object.create(null) as Record<string, string | null>;
      for (const a of prefixed) attrNs[a] = resolve(a.slice(0, a.indexOf(':')));
      el.attrNs = attrNs;
    }

    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (root === null) root = el; // a second top-level element is parsed but kept out of the tree
    } else if (parent.children.length === 0) parent.children = [el];
    else parent.children.push(el);

    if (selfClosing) {
      if (xmlns !== null) while (bindings.length > 0 && bindings[bindings.length - 1]!.depth >= stack.length) bindings.pop();
      if (tag.watched) closed(el);
    } else {
      stack.push(el);
      tag.open++;
    }
    pos = scan.end;
  }

  flushText();
  let end = len;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  if (stack.length > 0) return stop(end, `document ended inside <${stack[stack.length - 1]!.name}>`);
  return root === null ? stop(end, 'no root element') : { root, fault };
}
