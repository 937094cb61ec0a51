// What a text is, by its content and never its name: a store, a feed, an HTML
// page. Only the first few KB are read, so telling a 180 MB store apart costs
// nothing; JSON is skimmed at its top level, not parsed.
import { firstNonSpace } from '../core/whitespace.js';
import { JSON_FEED_VERSION } from './json-feed.js';

export type SourceKind = 'json-store' | 'json-feed' | 'xml-feed' | 'html' | 'unknown';

/** How many characters of a text detectKind reads. */
export const DETECT_WINDOW = 64 * 1024;

export function detectKind(text: string): SourceKind {
  const head = text.slice(0, DETECT_WINDOW);
  const start = firstNonSpace(head); // \s holds U+FEFF, a byte order mark
  if (start === -1) return 'unknown';
  const c = head[start];
  if (c === '[') return 'json-store';
  if (c === '{') return skimJsonObject(head, start + 1);
  if (c === '<') return firstElement(head, start);
  return 'unknown';
}

/** Index after the JSON value starting at `i` (any kind), or -1 past the window. */
function skipJsonValue(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = skipJsonString(s, i);
      if (i === -1) return -1;
      if (depth === 0) return i;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i; // end of the enclosing object: a primitive just ended
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && c === ',') return i;
    i++;
  }
  return -1;
}

function skipJsonString(s: string, i: number): number {
  for (let k = i + 1; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') k++;
    else if (c === '"') return k + 1;
  }
  return -1;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  return i;
}

/** Reads the top-level keys until `version` or `articles` tells what this is. */
function skimJsonObject(s: string, i: number): SourceKind {
  for (;;) {
    i = skipSpace(s, i);
    if (s[i] !== '"') return 'unknown';
    const keyEnd = skipJsonString(s, i);
    if (keyEnd === -1) return 'unknown';
    const key = readJsonString(s.slice(i, keyEnd));
    i = skipSpace(s, keyEnd);
    if (s[i] !== ':') return 'unknown';
    i = skipSpace(s, i + 1);
    if (key === 'articles' && s[i] === '[') return 'json-store';
    if (key === 'version' && s[i] === '"') {
      const end = skipJsonString(s, i);
      const version = end === -1 ? null : readJsonString(s.slice(i, end));
      if (version?.startsWith(JSON_FEED_VERSION)) return 'json-feed';
    }
    i = skipJsonValue(s, i);
    if (i === -1) return 'unknown';
    i = skipSpace(s, i);
    if (s[i] !== ',') return 'unknown';
    i++;
  }
}

function readJsonString(literal: string): string | null {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return null;
  }
}

const FEED_ROOTS = new Set(['rss', 'rdf', 'feed']);
const HTML_ROOTS = new Set(['html', 'head', 'body']);

/** The first element's name, past the XML declaration, comments and DOCTYPE. */
function firstElement(s: string, i: number): SourceKind {
  while (i < s.length) {
    i = s.indexOf('<', i);
    if (i === -1) return 'unknown';
    if (s.startsWith('<?', i)) {
      i = s.indexOf('?>', i);
      if (i === -1) return 'unknown';
      i += 2;
    } else if (s.startsWith('<!--', i)) {
      i = s.indexOf('-->', i);
      if (i === -1) return 'unknown';
      i += 3;
    } else if (s[i + 1] === '!') {
      if (/^<!doctype\s+html[\s>]/i.test(s.slice(i, i + 20))) return 'html';
      i = skipDeclaration(s, i);
      if (i === -1) return 'unknown';
    } else {
      const name = /^<([^\s/>]+)/.exec(s.slice(i, i + 200))?.[1]?.toLowerCase() ?? '';
      const local = name.slice(name.indexOf(':') + 1);
      if (FEED_ROOTS.has(local)) return 'xml-feed';
      if (HTML_ROOTS.has(name)) return 'html';
      return 'unknown';
    }
  }
  return 'unknown';
}

/** Past a `<!DOCTYPE …>`, whose internal subset `[…]` may hold `>`. */
function skipDeclaration(s: string, i: number): number {
  let inSubset = false;
  let quote: string | null = null;
  for (; i < s.length; i++) {
    const c = s[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) return i + 1;
  }
  return -1;
}
