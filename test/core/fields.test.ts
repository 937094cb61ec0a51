import { describe, expect, it } from 'vitest';
import { authorField, categoriesField, collapseWhitespace, hasHttpScheme, textField, titleField, urlField } from '../../src/core/fields.js';
import { rng } from '../support/rng.js';

describe('urlField', () => {
  it.each([
    ['https://Example.COM/a b', null, 'https://Example.COM/a b'],
    ['  http://example.com/x\n', null, 'http://example.com/x'],
    ['HTTPS://example.com', null, 'HTTPS://example.com'],
    ['javascript:alert(1)', 'https://example.com/', null],
    ['data:text/html,hi', null, null],
    ['mailto:a@b.c', null, null],
    ['/post/1', 'https://example.com/blog/', 'https://example.com/post/1'],
    ['post/1', 'https://example.com/blog/', 'https://example.com/blog/post/1'],
    ['//cdn.example.com/i.png', 'https://example.com/', 'https://cdn.example.com/i.png'],
    ['post/1', null, null],
    ['', null, null],
  ])('%j against %j', (raw, base, expected) => {
    expect(urlField(raw, base)).toBe(expected);
  });
});

describe('scheme tests', () => {
  // urlField and isUrl once used these expressions; the scans must agree with them.
  const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
  const { pick, int } = rng(13);
  const pieces = ['h', 'H', 't', 'T', 'p', 'P', 's', 'S', ':', '/', '//', 'x', '1', '+', '.', '-', '_', ' ', 'é', '\u017f', '\u212a', '\u0130', 'K'];
  const samples = ['http:', 'https:', 'HTTP://x', 'hTtPs://x', 'http', 'https', 'httpx:', 'ftp://x', 'c:\\x', ':x', 'a:', '1a:'];
  for (let n = 0; n < 20_000; n++) samples.push(Array.from({ length: int(9) }, () => pick(pieces)).join(''));

  it('hasHttpScheme is /^https?:/i, and with slashes /^https?:\/\//i', () => {
    for (const s of samples) {
      expect(hasHttpScheme(s), JSON.stringify(s)).toBe(/^https?:/i.test(s));
      expect(hasHttpScheme(s, true), JSON.stringify(s)).toBe(/^https?:\/\//i.test(s));
    }
  });

  it('urlField keeps, drops or resolves by the scheme exactly as the expressions did', () => {
    const byRegex = (url: string) => (SCHEME.test(url) ? (/^https?:/i.test(url) ? url : null) : new URL(url, 'https://example.com/').href);
    for (const s of samples) {
      const url = s.trim();
      if (url === '') continue;
      let expected: string | null;
      try {
        expected = byRegex(url);
      } catch {
        expected = null;
      }
      if (expected !== null && !/^https?:/i.test(expected)) expected = null;
      expect(urlField(s, 'https://example.com/'), JSON.stringify(s)).toBe(expected);
    }
  });
});

describe('authorField', () => {
  it.each([
    ['jane@example.com (Jane Doe)', 'Jane Doe'],
    ['Jane Doe <jane@example.com>', 'Jane Doe'],
    ['  Jane \n Doe ', 'Jane Doe'],
    ['jane@example.com', 'jane@example.com'],
    ['', null],
  ])('%j', (raw, expected) => {
    expect(authorField(raw)).toBe(expected);
  });
});

describe('categoriesField', () => {
  it('trims, collapses, drops empties and exact duplicates', () => {
    expect(categoriesField([' World ', 'World', '', null, 'Tech  News', 'world'])).toEqual(['World', 'Tech News', 'world']);
  });
});

describe('titleField', () => {
  it.each([
    ['Tom & Jerry', undefined, null, 'Tom & Jerry'],
    ['5 < 6', undefined, null, '5 < 6'],
    ['<b>big</b> news', undefined, null, 'big news'],
    ['  many\n  lines  ', undefined, null, 'many lines'],
    ['', undefined, 'One two three four five six seven eight nine ten eleven', 'One two three four five six seven eight nine ten…'],
    [null, undefined, 'Short body', 'Short body'],
    [null, undefined, null, '(untitled)'],
  ])('%j', (raw, isHtml, fallback, expected) => {
    expect(titleField(raw, isHtml, fallback)).toBe(expected);
  });
});

describe('whitespace fast paths', () => {
  // The rules as they were written before the fast paths: the fast paths must
  // give exactly these results.
  const slowCollapse = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
  const slowPlain = (s: string) =>
    s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const pieces = ['a', 'Bé', ' ', '  ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', 'x y', '\u200b', '東'];
  // Every string of up to four pieces, plus some longer random ones.
  const samples: string[] = [''];
  for (let round = 0; round < 3; round++) {
    for (const s of [...samples]) for (const p of pieces) samples.push(s + p);
  }
  const { pick } = rng(7);
  for (let i = 0; i < 2000; i++) samples.push(Array.from({ length: 12 }, () => pick(pieces)).join(''));

  it('collapseWhitespace gives what replacing every run would', () => {
    for (const s of samples) expect(collapseWhitespace(s), JSON.stringify(s)).toBe(slowCollapse(s));
  });

  it('plain text fields give what the line-by-line rules would', () => {
    for (const s of samples) expect(textField(s, false), JSON.stringify(s)).toBe(slowPlain(s) === '' ? null : slowPlain(s));
  });
});
