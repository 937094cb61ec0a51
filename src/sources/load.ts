// source → bytes → detect → parse → Articles. Decides what a source is by its
// content, not its name, and loads parsers only for the kinds it meets.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Article } from '../article.js';
import { finishArticles } from '../core/articles.js';
import { hasHttpScheme } from '../core/fields.js';
import { DataError, NotFoundError } from '../errors.js';
import { BIG_JSON, type BytesMeta, type Interpreted, advertisedFeed, interpretBytes, interpretText, jsonStart } from './interpret.js';

export interface LoadContext {
  env: Record<string, string | undefined>;
  stdin: () => Promise<Uint8Array>;
  warn: (message: string) => void;
  timeoutMs?: number;
  maxBytes?: number;
  userAgent: string;
  signal?: AbortSignal;
}

export interface Loaded {
  articles: Article[];
  label: string;
  /** The feed or store's own title, when it has one. */
  title: string | null;
}

const MAX_WARNINGS = 20;

export function isUrl(source: string): boolean {
  return hasHttpScheme(source, true);
}

/** `preread`: the bytes of a local file that streamLocalStore already read. */
export async function loadSource(source: string, ctx: LoadContext, preread?: Uint8Array): Promise<Loaded> {
  let bytes: Uint8Array;
  let httpCharset: string | null = null;
  let baseUrl: string | null = null;
  let label = source;
  if (source === '-') {
    label = 'standard input';
    bytes = await ctx.stdin();
  } else if (isUrl(source)) {
    const { fetchForReading } = await import('./fetch-source.js');
    const res = await fetchForReading(source, ctx);
    ({ bytes, httpCharset, baseUrl, label } = res);
  } else if (preread) {
    bytes = preread;
  } else {
    // A big store that is a bare array: scanned a window at a time, never whole.
    const big = isBigFile(source);
    if (big && jsonOpening(source, 0x5b) >= 0) {
      const { parseStoreFile } = await import('../store/json-store.js');
      const parsed = parseStoreFile(source, label);
      if (parsed) return finish({ kind: 'store', drafts: parsed.drafts, title: null, warnings: parsed.warnings, ttlMinutes: null }, label, ctx);
    }
    const text = big ? null : readLocalJson(source);
    if (text !== null) {
      const result = await interpretText(text, { label, httpCharset, baseUrl });
      if (result.kind !== 'html') return finish(result, label, ctx); // JSON is never a page
    }
    bytes = readLocal(source);
  }
  return parseBytes(bytes, { label, httpCharset, baseUrl, ctx, depth: 0 });
}

/**
 * A local JSON store file as Articles one record at a time, in store order
 * (json-store.ts streamStoreBytes); its bytes when it turns out it cannot be
 * streamed, so that loadSource need not read it again; null for anything that is
 * not a local file starting as a JSON array.
 */
export async function streamLocalStore(source: string, ctx: LoadContext): Promise<{ articles: Iterable<Article> } | { bytes: Uint8Array } | null> {
  if (source === '-' || isUrl(source)) return null;
  const at = jsonOpening(source, 0x5b);
  if (at < 0) return null;
  const raw = readLocal(source);
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (!isUtf8(bytes)) return { bytes };
  const { streamStoreBytes } = await import('../store/json-store.js');
  const warnings = limitedWarnings(ctx.warn);
  const articles = streamStoreBytes(bytes, at, source, warnings.warn);
  if (!articles) return { bytes };
  return {
    articles: {
      *[Symbol.iterator]() {
        yield* articles;
        warnings.done();
      },
    },
  };
}

/**
 * A file that starts like a JSON object (a JSON Feed, or a store wrapped as
 * {"articles": …}) is read straight into a string: Node decodes UTF-8 natively
 * while reading, which saves one full copy. Invalid UTF-8 becomes U+FFFD in that
 * read, so a text containing one is read again as bytes and takes the full
 * charset rules (including the windows-1252 fallback); so is anything that is
 * not JSON.
 */
function readLocalJson(path: string): string | null {
  // An array is a store, which interpretBytes parses from the bytes faster still;
  // so is a big object (the caller asks only for small files), which may be a
  // wrapped store.
  if (jsonOpening(path, 0x7b) < 0) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  if (text.includes('\uFFFD')) return null;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isBigFile(path: string): boolean {
  try {
    return statSync(path).size >= BIG_JSON;
  } catch {
    return false; // readLocal says what is wrong
  }
}

/**
 * Where a local file's JSON starts (interpret.ts jsonStart, from its first 64
 * bytes) when that is `bracket` ('{' or '['); -1 otherwise, and for a file that
 * cannot be read, which readLocal then reports.
 */
function jsonOpening(path: string, bracket: number): number {
  const head = Buffer.alloc(64);
  let n: number;
  try {
    const fd = openSync(path, 'r');
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return -1;
  }
  const at = jsonStart(head.subarray(0, n), null);
  return at >= 0 && head[at] === bracket ? at : -1;
}

function readLocal(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`${path}: no such file`);
    if (code === 'EISDIR') throw new DataError(`${path}: is a directory, not a store or feed`);
    if (code === 'EACCES') throw new DataError(`${path}: permission denied`);
    throw new DataError(`${path}: cannot read (${code ?? (err as Error).message})`);
  }
}

interface ParseArgs extends BytesMeta {
  ctx: LoadContext;
  depth: number;
}

async function parseBytes(bytes: Uint8Array, a: ParseArgs): Promise<Loaded> {
  const result = await interpretBytes(bytes, a);
  if (result.kind === 'html') {
    // Autodiscovery: follow the page's advertised feed, once.
    if (a.depth > 0) throw new DataError(`${a.label}: not a feed (an HTML page that advertises no feed)`);
    const { fetchForReading } = await import('./fetch-source.js');
    const res = await fetchForReading(advertisedFeed(result, a.label), a.ctx);
    return parseBytes(res.bytes, { ...a, label: res.label, httpCharset: res.httpCharset, baseUrl: res.baseUrl, depth: a.depth + 1 });
  }
  return finish(result, a.label, a.ctx);
}

function finish(result: Exclude<Interpreted, { kind: 'html' }>, label: string, ctx: LoadContext): Loaded {
  reportWarnings(result.warnings, ctx.warn);
  return { articles: finishArticles(result.drafts), label, title: result.title };
}

// A store with thousands of broken records should not bury the terminal: the
// first 20 are shown, then a count of the rest.
function reportWarnings(warnings: readonly string[], warn: (m: string) => void): void {
  const limited = limitedWarnings(warn);
  warnings.forEach(limited.warn);
  limited.done();
}

/** The same limit for warnings that come one at a time (a streamed store). */
function limitedWarnings(warn: (m: string) => void): { warn(m: string): void; done(): void } {
  let count = 0;
  return {
    warn: (m) => {
      if (++count <= MAX_WARNINGS) warn(m);
    },
    done: () => {
      const rest = count - MAX_WARNINGS;
      if (rest > 0) warn(`${rest} more ${rest === 1 ? 'warning' : 'warnings'} not shown`);
    },
  };
}
