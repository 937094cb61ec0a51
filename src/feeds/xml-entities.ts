// Character references in feed XML. The DTD is never read, so the only entities
// are the five XML ones, numeric references and — because real feeds use them
// without declaring them — HTML's named entities. Anything else stays literal.
import { decodeHTMLStrict, fromCodePoint, replaceCodePoint } from '../core/entities.js';

function xmlEntity(name: string): string | null {
  switch (name) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      return null;
  }
}

// Feeds repeat the same few entities thousands of times; the HTML table walk is not free.
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const namedCache = new Map<string, string | null>();

function namedEntity(name: string): string | null {
  const xml = xmlEntity(name);
  if (xml !== null) return xml;
  if (!NAME.test(name)) return null;
  let hit = namedCache.get(name);
  if (hit === undefined) {
    const ref = `&${name};`;
    const decoded = decodeHTMLStrict(ref);
    hit = decoded === ref ? null : decoded;
    if (namedCache.size < 4096) namedCache.set(name, hit);
  }
  return hit;
}

// HTML5's numeric rules, not XML's: feeds written on Windows say &#150; and mean
// an en dash, and &#0; or a surrogate must not produce a broken string.
function numericEntity(body: string): string | null {
  let code: number;
  if (body.length > 1 && (body.charCodeAt(1) | 0x20) === 0x78) {
    const digits = body.slice(2);
    if (!/^[0-9a-fA-F]{1,8}$/.test(digits)) return null;
    code = parseInt(digits, 16);
  } else {
    const digits = body.slice(1);
    if (!/^[0-9]{1,10}$/.test(digits)) return null;
    code = parseInt(digits, 10);
  }
  return fromCodePoint(replaceCodePoint(code));
}

const MAX_REF = 40; // longest HTML entity name is 31 characters

/** Decodes character references once; unknown `&foo;` and bare `&` stay literal. */
export function decodeXmlText(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = s.indexOf(';', amp + 1);
    if (semi !== -1 && semi - amp <= MAX_REF && semi > amp + 1) {
      const body = s.slice(amp + 1, semi);
      const decoded = body.charCodeAt(0) === 0x23 ? numericEntity(body) : namedEntity(body);
      if (decoded !== null) {
        out += s.slice(from, amp) + decoded;
        from = semi + 1;
        amp = s.indexOf('&', from);
        continue;
      }
    }
    amp = s.indexOf('&', amp + 1);
  }
  return out + s.slice(from);
}

/** Escapes text for re-serialized markup (inline XHTML, unescaped HTML in RSS). */
export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttribute(s: string): string {
  return s.replace(/[&"<]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&lt;'));
}
