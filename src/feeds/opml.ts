// OPML subscription lists in and out: the file every feed reader can export
// (newsboat, Feedly, Inoreader, NetNewsWire, Thunderbird, Miniflux, FreshRSS)
// read tolerantly, and one plain OPML 2.0 file written that all of them read.
// Pure functions of their input; the caller reads and writes the files.
import { DataError } from '../errors.js';
import { collapseWhitespace, urlField } from '../core/fields.js';
import { isElement, parseXml, type XmlChild, type XmlElement } from './xml.js';
import { childElements, textOf } from './xml-tree.js';

export interface Subscription {
  url: string;
  name: string;
  /** Folder path, `/` between levels (`Tech/Linux`); null when in no folder. */
  category: string | null;
}

export interface OpmlImport {
  subscriptions: Subscription[];
  skipped: { line: number; reason: string }[];
  title: string | null;
}

export interface OpmlExportOptions {
  title?: string;
  /** Epoch ms, written as `dateCreated`. */
  now: number;
}

// A hostile file can nest outlines 100,000 deep; feeds below this many folder
// levels are filed in the deepest folder kept, so paths stay short and the work
// linear. No reader's UI goes anywhere near this deep.
const MAX_FOLDER_DEPTH = 16;

interface Frame {
  kids: XmlChild[];
  next: number;
  category: string | null;
  depth: number;
}

/**
 * Subscriptions in document order. A feed is any `<outline>` with an `xmlUrl`
 * (in any letter case, whatever its `type`); its name is `title`, else `text`,
 * else the URL. Outlines without `xmlUrl` are folders: a feed's category is the
 * path of folders around it joined with `/` (`Tech/Linux` for Linux inside
 * Tech), or, outside any folder, the first entry of a Feedly-style
 * `category="/tech,/news"` attribute. Outlines whose URL is not http(s) and
 * repeats of a URL already taken (the first wins) are listed in `skipped`.
 */
export function parseOpml(text: string, label: string): OpmlImport {
  const { root, fault } = parseXml(text);
  if (root === null || root.local.toLowerCase() !== 'opml') throw new DataError(`${label}: not an OPML file`);
  const top = childElements(root);
  const body = top.find((el) => el.local.toLowerCase() === 'body');
  if (body === undefined) throw new DataError(`${label}: not an OPML file`);
  // A cut-off export has silently lost its tail; importing half a list is
  // worse than asking for the file again.
  if (fault !== null) throw new DataError(`${label}: malformed OPML at line ${fault.line} (${fault.message})`);

  const head = top.find((el) => el.local.toLowerCase() === 'head');
  const titleEl = head === undefined ? undefined : childElements(head).find((el) => el.local.toLowerCase() === 'title');
  const title = titleEl === undefined ? '' : collapseWhitespace(textOf(titleEl));

  const subscriptions: Subscription[] = [];
  const skipped: OpmlImport['skipped'] = [];
  const firstLine = new Map<string, number>();

  // Iterative walk in document order: the tree may be deeper than the stack.
  const stack: Frame[] = [{ kids: body.children, next: 0, category: null, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.kids[frame.next++];
    if (child === undefined) {
      stack.pop();
      continue;
    }
    if (!isElement(child) || child.local.toLowerCase() !== 'outline') continue;

    const rawUrl = attrAnyCase(child, 'xmlurl');
    if (rawUrl === null) {
      const name = nameOf(child);
      const nested = name !== '' && frame.depth < MAX_FOLDER_DEPTH;
      stack.push({
        kids: child.children,
        next: 0,
        category: nested ? (frame.category === null ? name : `${frame.category}/${name}`) : frame.category,
        depth: nested ? frame.depth + 1 : frame.depth,
      });
      continue;
    }

    // A feed is never a folder, but dropping outlines nested in one would lose
    // subscriptions; they are read as if beside it.
    if (child.children.length > 0) stack.push({ ...frame, kids: child.children, next: 0 });
    const url = urlField(rawUrl);
    if (url === null) {
      const reason = rawUrl.trim() === '' ? 'empty xmlUrl' : 'xmlUrl is not an http(s) URL';
      skipped.push({ line: child.line, reason });
      continue;
    }
    const key = sameFeedKey(url);
    const seenAt = firstLine.get(key);
    if (seenAt !== undefined) {
      skipped.push({ line: child.line, reason: `duplicate of line ${seenAt}` });
      continue;
    }
    firstLine.set(key, child.line);
    const name = nameOf(child);
    subscriptions.push({
      url,
      name: name === '' ? url : name,
      category: frame.category ?? categoryAttribute(child),
    });
  }
  return { subscriptions, skipped, title: title === '' ? null : title };
}

/** An unprefixed attribute by lower-case name: exporters write `xmlUrl`, `xmlurl` and `xmlURL`. */
function attrAnyCase(el: XmlElement, name: string): string | null {
  for (const key in el.attrs) {
    if (key.length === name.length && key.toLowerCase() === name) return el.attrs[key]!;
  }
  return null;
}

// Scheme and host are case-insensitive (RFC 3986 §6.2.2.1); the rest is not,
// and two paths a server might treat alike are still two subscriptions to keep.
const SCHEME_AND_HOST = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?([^/?#]*)/i;

function sameFeedKey(url: string): string {
  return url.replace(SCHEME_AND_HOST, (_, scheme: string, user: string | undefined, host: string) =>
    scheme.toLowerCase() + (user ?? '') + host.toLowerCase(),
  );
}

function nameOf(el: XmlElement): string {
  const title = collapseWhitespace(attrAnyCase(el, 'title') ?? '');
  return title !== '' ? title : collapseWhitespace(attrAnyCase(el, 'text') ?? '');
}

/** OPML 2.0's `category`: comma-separated, slash-delimited paths (`/Boston/Weather,/News`). */
function categoryAttribute(el: XmlElement): string | null {
  const raw = attrAnyCase(el, 'category');
  if (raw === null) return null;
  for (const entry of raw.split(',')) {
    const path = categorySegments(entry).join('/');
    if (path !== '') return path;
  }
  return null;
}

function categorySegments(path: string): string[] {
  return path
    .split('/')
    .map(collapseWhitespace)
    .filter((s) => s !== '');
}

interface Folder {
  name: string;
  /** Feeds and sub-folders, each where its first feed came in the list. */
  entries: (Subscription | Folder)[];
  folders: Map<string, Folder>;
}

/**
 * OPML 2.0 with one folder outline per category level (`a/b` is b inside a).
 * Each level lists its feeds and folders in the order they first appear in
 * `subs`, so a list whose categories are contiguous (as parseOpml returns
 * them) comes back from parseOpml exactly, order included. Empty path segments
 * are dropped, and names are taken as given: parseOpml collapses whitespace, so
 * only names without runs of it survive a round trip unchanged.
 */
export function exportOpml(subs: readonly Subscription[], options: OpmlExportOptions): string {
  const root: Folder = { name: '', entries: [], folders: new Map() };
  for (const sub of subs) {
    let folder = root;
    for (const segment of categorySegments(sub.category ?? '')) {
      let inner = folder.folders.get(segment);
      if (inner === undefined) {
        inner = { name: segment, entries: [], folders: new Map() };
        folder.folders.set(segment, inner);
        folder.entries.push(inner);
      }
      folder = inner;
    }
    folder.entries.push(sub);
  }

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeText(options.title ?? 'news subscriptions')}</title>`,
  ];
  // A bad clock value would print "Invalid Date"; leaving the optional field out is honest.
  if (Number.isFinite(options.now)) lines.push(`    <dateCreated>${new Date(options.now).toUTCString()}</dateCreated>`);
  lines.push('  </head>', '  <body>');

  // Iterative, like the reader: a category string may hold any number of levels.
  const stack: { folder: Folder; next: number }[] = [{ folder: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const indent = '  '.repeat(stack.length + 1);
    const entry = top.folder.entries[top.next++];
    if (entry === undefined) {
      stack.pop();
      if (stack.length > 0) lines.push(`${'  '.repeat(stack.length + 1)}</outline>`);
      continue;
    }
    if ('url' in entry) {
      const name = escapeAttribute(entry.name);
      lines.push(`${indent}<outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeAttribute(entry.url)}"/>`);
    } else {
      const name = escapeAttribute(entry.name);
      lines.push(`${indent}<outline text="${name}" title="${name}">`);
      stack.push({ folder: entry, next: 0 });
    }
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

// XML 1.0 has no way to write C0 controls (not even as &#1;), U+FFFE/U+FFFF or
// a lone surrogate, so they are dropped. CR goes too: parsers turn it into LF.
const NOT_XML = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff\ud800-\udfff]/gu;

function escapeText(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

// Tab and newline as references, because a parser normalizes literal ones in
// an attribute value to spaces.
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};

function escapeAttribute(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"\t\n]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}
