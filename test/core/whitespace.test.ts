import { describe, expect, it } from 'vitest';
import { collapseWhitespace, firstNonSpace, isSpace } from '../../src/core/whitespace.js';
import { rng } from '../support/rng.js';

// The scans stand in for regular expressions: they must agree with them exactly.
describe('isSpace', () => {
  it('is \\s for every UTF-16 unit', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c.toString(16));
    expect(differ).toEqual([]);
  });
});

describe('firstNonSpace', () => {
  it('finds what /[^\\s\\ufeff]/ finds', () => {
    const { pick, int } = rng(11);
    const pieces = [' ', '\t', '\n', '\ufeff', '\u00a0', '\u2028', '\u3000', 'a', '[', '{', '<', '\u200b', ''];
    for (let n = 0; n < 5000; n++) {
      const s = Array.from({ length: int(8) }, () => pick(pieces)).join('');
      expect(firstNonSpace(s), JSON.stringify(s)).toBe(s.search(/[^\s\ufeff]/));
    }
  });
});

describe('collapseWhitespace', () => {
  it('returns clean text itself and collapses the rest', () => {
    const clean = 'Already clean, one space each';
    expect(collapseWhitespace(clean)).toBe(clean);
    expect(collapseWhitespace('\u3000 Tokyo\u00a0\u00a0news\n')).toBe('Tokyo news');
    expect(collapseWhitespace(' ')).toBe('');
    expect(collapseWhitespace('a ')).toBe('a');
  });
});
