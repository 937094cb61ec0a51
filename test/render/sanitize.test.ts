import { describe, expect, it } from 'vitest';
import { hasUnsafeUtf8, sanitize, sanitizeLine } from '../../src/render/sanitize.js';
import { stringifyJson } from '../../src/render/json.js';

describe('sanitize', () => {
  it.each([
    ['CSI color', 'a\x1b[31mred\x1b[0m', 'a[31mred[0m'],
    ['OSC 0 title', '\x1b]0;pwned\x07x', ']0;pwnedx'],
    ['OSC 8 hyperlink', '\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\', ']8;;https://evil\\click]8;;\\'],
    ['OSC 52 clipboard', '\x1b]52;c;ZXZpbA==\x07', ']52;c;ZXZpbA=='],
    ['BEL', 'ding\x07', 'ding'],
    ['8-bit CSI', 'a\u009b31mb', 'a31mb'],
    ['C1 range', '\u0080\u0085\u009f', ''],
    ['DEL', 'a\x7fb', 'ab'],
    ['NUL and backspace', 'a\x00b\x08c', 'abc'],
    ['CR', 'over\rwrite', 'overwrite'],
    ['bidi overrides', 'a\u202eevil\u202cb\u2066c\u2069', 'aevilbc'],
    ['keeps tab and newline', 'a\tb\nc', 'a\tb\nc'],
    ['keeps LRM and ordinary text', 'naïve 東京 \u200e ⚽', 'naïve 東京 \u200e ⚽'],
  ])('%s', (_name, input, output) => {
    expect(sanitize(input)).toBe(output);
  });

  it('folds tabs and newlines for one-line fields', () => {
    expect(sanitizeLine('a\tb\n\nc\x1b')).toBe('a b c');
  });
});

describe('sanitize fast path for clean text', () => {
  // Spelled out code point by code point, independently of the sanitizer's patterns.
  const unsafe = (c: number) => (c <= 0x1f && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  const clean = 'A long and perfectly ordinary headline, naïve 東京 \u200e ⚽ — with nothing to remove';

  it('removes every unsafe code point, wherever it is in otherwise clean text', () => {
    for (let c = 0; c <= 0x206f; c++) {
      const ch = String.fromCharCode(c);
      const kept = unsafe(c) ? '' : ch;
      const line = c === 0x09 || c === 0x0a ? ' ' : kept;
      expect(sanitize(`${ch}${clean}`)).toBe(`${kept}${clean}`);
      expect(sanitize(`${clean}${ch}`)).toBe(`${clean}${kept}`);
      expect(sanitizeLine(`${clean}${ch}${clean}`)).toBe(`${clean}${line}${clean}`);
    }
  });

  it('returns clean text unchanged, and cleans the same hostile text on every call', () => {
    expect(sanitize(clean)).toBe(clean);
    expect(sanitizeLine(clean)).toBe(clean);
    const hostile = `${clean}\x1b]0;pwned\x07\u202e`;
    for (let i = 0; i < 3; i++) {
      expect(sanitize(hostile)).toBe(`${clean}]0;pwned`);
      expect(sanitizeLine(`${hostile}\t\n`)).toBe(`${clean}]0;pwned `);
    }
  });

  it('folds a tab or newline even when nothing else needs removing', () => {
    expect(sanitizeLine('a\tb')).toBe('a b');
    expect(sanitizeLine('a\nb')).toBe('a b');
    expect(sanitize('a\tb\nc')).toBe('a\tb\nc');
  });
});

describe('stringifyJson', () => {
  it('escapes DEL, C1, bidi and line separators instead of dropping them', () => {
    const out = stringifyJson({ t: 'a\x7f\u009b\u202e\u2028\x1b' });
    expect(out).toBe('{"t":"a\\u007f\\u009b\\u202e\\u2028\\u001b"}');
    expect(JSON.parse(out).t).toBe('a\x7f\u009b\u202e\u2028\x1b');
  });
});

describe('hasUnsafeUtf8 (the listing index prints bytes as they are)', () => {
  const clean = 'A long and perfectly ordinary headline, naïve 東京 \u200e ⚽ — with nothing “to” remove\t\n';

  it('agrees with sanitize() for every code point up to U+2FFF and a few beyond, at every alignment', () => {
    const points = [...Array.from({ length: 0x3000 }, (_, c) => c), 0xfeff, 0xfffd, 0x1f600, 0x10ffff];
    const backing = Buffer.alloc(4096);
    for (const c of points) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      const unsafe = sanitize(ch) !== ch;
      for (const text of [`${ch}${clean}`, `${clean}${ch}`, `${clean.slice(0, 7)}${ch}${clean}`]) {
        const bytes = Buffer.from(text);
        for (let shift = 0; shift < 4; shift++) {
          const view = backing.subarray(shift, shift + bytes.length);
          bytes.copy(view);
          expect(hasUnsafeUtf8(view), `U+${c.toString(16)} at shift ${shift}`).toBe(unsafe);
        }
      }
    }
  });

  it('is false for empty and short input, true for a lone unsafe byte', () => {
    expect(hasUnsafeUtf8(Buffer.alloc(0))).toBe(false);
    expect(hasUnsafeUtf8(Buffer.from('ab'))).toBe(false);
    expect(hasUnsafeUtf8(Buffer.from('\x1b'))).toBe(true);
    expect(hasUnsafeUtf8(Buffer.from('abcdefgh\u009b'))).toBe(true);
  });
});
