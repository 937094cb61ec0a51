import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeLine } from '../../src/render/sanitize.js';
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

describe('stringifyJson', () => {
  it('escapes DEL, C1, bidi and line separators instead of dropping them', () => {
    const out = stringifyJson({ t: 'a\x7f\u009b\u202e\u2028\x1b' });
    expect(out).toBe('{"t":"a\\u007f\\u009b\\u202e\\u2028\\u001b"}');
    expect(JSON.parse(out).t).toBe('a\x7f\u009b\u202e\u2028\x1b');
  });
});
