// Bytes to text the way browsers do it (WHATWG Encoding), because feeds in the wild
// mislabel their charset constantly and readers are judged against browsers.

import { isUtf8 } from 'node:buffer';
import { Utf8View } from './utf8-view.js';

// iconv-lite (a 490 KB bundle, ~13 ms to load) is needed only for legacy charsets and
// unknown labels; UTF-8, the common case, never loads it. require(): the callers are
// synchronous (see core/entities.ts).
type Iconv = typeof import('iconv-lite');
let iconvLib: Iconv | undefined;
const iconv = (): Iconv => (iconvLib ??= require('iconv-lite') as Iconv);

export interface Decoded {
  text: string;
  /** Canonical name of the charset actually used, e.g. `utf-8`, `windows-1252`, `shift_jis`. */
  charset: string;
}

export interface ContentType {
  mediaType: string | null;
  charset: string | null;
}

const SNIFF_BYTES = 1024;

// WHATWG folds these labels onto a superset; decoding with the narrow charset would
// turn common punctuation (“ ” € …) into C1 controls or U+FFFD.
const LABEL_GROUPS: Record<string, string[]> = {
  'utf-8': ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'],
  'utf-16le': ['utf-16', 'utf-16le', 'utf16', 'utf16le', 'unicode', 'ucs-2', 'csunicode', 'iso-10646-ucs-2', 'unicodefeff'],
  'utf-16be': ['utf-16be', 'utf16be', 'unicodefffe'],
  'windows-1252': [
    'windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso88591', 'iso_8859-1',
    'iso_8859-1:1987', 'iso-ir-100', 'latin1', 'l1', 'csisolatin1', 'ibm819', 'cp819',
    'us-ascii', 'ascii', 'ansi_x3.4-1968',
  ],
  'windows-1254': [
    'windows-1254', 'cp1254', 'x-cp1254', 'iso-8859-9', 'iso8859-9', 'iso88599', 'iso_8859-9',
    'iso_8859-9:1989', 'iso-ir-148', 'latin5', 'l5', 'csisolatin5',
  ],
  'windows-874': ['windows-874', 'dos-874', 'iso-8859-11', 'iso8859-11', 'iso885911', 'tis-620'],
  gb18030: ['gb18030', 'gbk', 'gb2312', 'gb_2312', 'gb_2312-80', 'chinese', 'csgb2312', 'csiso58gb231280', 'iso-ir-58', 'x-gbk'],
  shift_jis: ['shift_jis', 'shift-jis', 'sjis', 'ms932', 'ms_kanji', 'windows-31j', 'x-sjis', 'csshiftjis'],
  'euc-kr': ['euc-kr', 'cseuckr', 'csksc56011987', 'iso-ir-149', 'korean', 'ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601', 'ksc_5601', 'windows-949'],
  big5: ['big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5'],
};

const CANONICAL = new Map<string, string>();
for (const [name, labels] of Object.entries(LABEL_GROUPS)) {
  for (const label of labels) CANONICAL.set(label, name);
}

// The WHATWG decoders for these are supersets of the iconv-lite codec of the same name.
const ICONV_NAME: Record<string, string> = {
  shift_jis: 'cp932',
  'euc-kr': 'cp949',
  big5: 'big5hkscs',
};

// iconv-lite also "decodes" base64/hex and UTF-7; a document declaring those is lying,
// and UTF-7 is a known script-smuggling vector.
const REFUSED = new Set(['base64', 'base64url', 'hex', 'utf7', 'utf-7', 'utf7imap', 'unicode-1-1-utf-7', 'csunicode11utf7', 'binary', 'ucs2']);

/** Canonical charset name for a label, or null when it is unknown or refused. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (key === '' || REFUSED.has(key)) return null;
  const known = CANONICAL.get(key);
  if (known) return known;
  return iconv().encodingExists(key) ? key : null;
}

export function parseContentType(header: string | null): ContentType {
  if (header == null) return { mediaType: null, charset: null };
  const [type = '', ...params] = header.split(';');
  const mediaType = type.trim().toLowerCase() || null;
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/s, '$1').trim();
    if (value) charset = value.toLowerCase();
    break;
  }
  return { mediaType, charset };
}

export function decodeBytes(bytes: Uint8Array, httpCharset?: string | null): Decoded {
  const { charset, bomLength } = chooseCharset(bytes, httpCharset);
  return decodeAs(bomLength ? bytes.subarray(bomLength) : bytes, charset);
}

/**
 * The bytes of a document that decodeBytes would read as UTF-8 and that are valid
 * UTF-8, as a Utf8View (decoded piece by piece by the XML parser); null otherwise.
 */
export function utf8View(bytes: Uint8Array, httpCharset?: string | null): Utf8View | null {
  const { charset, bomLength } = chooseCharset(bytes, httpCharset);
  if (charset !== 'utf-8') return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset + bomLength, bytes.byteLength - bomLength);
  return isUtf8(buf) ? new Utf8View(buf) : null;
}

/** Which charset the bytes are in (WHATWG's order of evidence), and the length of a BOM that said so. */
function chooseCharset(bytes: Uint8Array, httpCharset: string | null | undefined): { charset: string; bomLength: number } {
  const bom = sniffBom(bytes);
  if (bom) return { charset: bom.charset, bomLength: bom.length };

  const utf16 = sniffUtf16(bytes);
  const fromHttp = normalizeCharset(httpCharset);
  if (fromHttp) {
    // A UTF-16 label on bytes that visibly start as ASCII markup (or an ASCII label on
    // `<\0?\0`) cannot be true; the bytes are the better witness, as in XML appendix F.
    if (!isUtf16(fromHttp) && !utf16) return { charset: fromHttp, bomLength: 0 };
    if (isUtf16(fromHttp) && !startsAsAscii(bytes)) return { charset: utf16 ?? fromHttp, bomLength: 0 };
  }
  if (utf16) return { charset: utf16, bomLength: 0 };

  const head = latin1(bytes.subarray(0, SNIFF_BYTES));
  // XML defaults to UTF-8 by its own spec; a `<meta>` there is quoted HTML content.
  const label = XML_START.test(head) ? xmlEncoding(head) : metaCharset(head);
  const declared = normalizeCharset(label);
  // Declarations readable as ASCII cannot really be UTF-16 (HTML's prescan says the same).
  if (declared && !isUtf16(declared)) return { charset: declared, bomLength: 0 };
  return { charset: 'utf-8', bomLength: 0 };
}

function sniffBom(b: Uint8Array): { charset: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM, recognised by a leading `<` (XML 1.0 appendix F). */
function sniffUtf16(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  if (b[0] === 0x3c && b[1] === 0 && b[2] !== 0 && b[3] === 0) return 'utf-16le';
  if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] !== 0) return 'utf-16be';
  return null;
}

function startsAsAscii(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  const c = b[i];
  return (c === 0x3c || c === 0x7b || c === 0x5b) && i + 1 < b.length && b[i + 1] !== 0;
}

function isUtf16(charset: string): boolean {
  return charset === 'utf-16le' || charset === 'utf-16be';
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

const XML_START = /^\s*<(\?xml|rss|feed|rdf:rdf)[\s>]/i;

function xmlEncoding(head: string): string | null {
  const m = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([^"'\s]+)\s*["']/.exec(head);
  return m?.[1] ?? null;
}

function metaCharset(head: string): string | null {
  // One pattern covers both `<meta charset=x>` and `http-equiv` content="...; charset=x".
  const m = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)/i.exec(head);
  return m?.[1] ?? null;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeAs(bytes: Uint8Array, charset: string): Decoded {
  if (charset === 'utf-8') {
    try {
      return { text: fatalUtf8.decode(bytes), charset };
    } catch {
      // Mislabelled legacy text is far more common than corrupt UTF-8; browsers agree.
      return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
    }
  }
  if (charset === 'windows-1252') return { text: decodeWindows1252(bytes), charset };
  if (isUtf16(charset)) {
    // Native and WHATWG-exact for UTF-16 (lone surrogates become U+FFFD); the Node
    // TextDecoder bug only affects the single-byte latin-1 family.
    return { text: new TextDecoder(charset, { ignoreBOM: true }).decode(bytes), charset };
  }
  const text = iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAME[charset] ?? charset, {
    stripBOM: false,
  });
  return { text, charset };
}

let cp1252: Uint16Array | null = null;

// iconv-lite maps the five bytes windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D)
// to U+FFFD; WHATWG maps them to the matching C1 code point, so keep our own table.
function decodeWindows1252(bytes: Uint8Array): string {
  if (!cp1252) {
    cp1252 = new Uint16Array(256);
    const all = iconv().decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'windows1252');
    for (let i = 0; i < 256; i++) {
      const c = all.charCodeAt(i);
      cp1252[i] = c === 0xfffd ? i : c;
    }
  }
  const table = cp1252;
  const out = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]!]!;
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf16le');
}
