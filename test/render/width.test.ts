// The fast paths of src/render/width.ts against the libraries they stand in for:
// every character of the safe set, then many generated strings and paragraphs.
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { describe, expect, it } from 'vitest';
import { cellWidth, simpleWidth, textWidth, wrapHard, wrapSimple } from '../../src/render/width.js';
import { rng } from '../support/rng.js';

const wrapReal = (text: string, columns: number) => wrapAnsi(text, columns, { hard: true, trim: true });


const SAFE: string[] = [];
for (let c = 0; c <= 0xffff; c++) if (cellWidth(c) > 0) SAFE.push(String.fromCharCode(c));
const NON_ASCII_SAFE = SAFE.filter((c) => c.charCodeAt(0) > 0x7e);
const WIDE_SAFE = SAFE.filter((c) => cellWidth(c.charCodeAt(0)) === 2);
const NARROW_NON_ASCII = NON_ASCII_SAFE.filter((c) => cellWidth(c.charCodeAt(0)) === 1);
// Outside the set: emoji, combining marks, zero-width and default-ignorable
// characters, controls, ESC, unassigned, halfwidth kana, a surrogate pair.
const UNSAFE = ['⚽', '👍🏽', '©', '™', '\u0301', '\u200b', '\u200d', '\u00ad', '\u2060', '\ufeff', '\u0007', '\u001b', '\u0378', 'ｶ', '\uff9e', '𝔸', '\u3099', '\u1100\u1161', '\ufe0f'];
// Whitespace that wrap-ansi's trimming treats as such but does not break at.
const OTHER_SPACES = ['\u00a0', '\u3000'];

describe('the safe set', () => {
  it('holds the characters the fast paths are meant for', () => {
    for (const c of 'aZ~ é·’—…€ŁźÑĐơ東京のロボット。가！ΩЖ\u00a0\u3000') expect(cellWidth(c.charCodeAt(0)), c).toBeGreaterThan(0);
    for (const c of UNSAFE) expect(simpleWidth(c), JSON.stringify(c)).toBe(-1);
    for (let c = 0xd800; c <= 0xdfff; c++) expect(cellWidth(c)).toBe(0);
    expect(SAFE.length).toBeGreaterThan(40_000);
  });

  it('gives string-width’s width for every character', () => {
    const wrong = SAFE.filter((c) => stringWidth(c) !== cellWidth(c.charCodeAt(0)));
    expect(wrong.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('has no emoji, control, format, mark, default-ignorable, surrogate or unassigned character', () => {
    const bad = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Emoji}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\p{Cs}\p{Cn}\p{Co}]/u;
    expect(NON_ASCII_SAFE.filter((c) => bad.test(c)).map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('has each character a grapheme cluster of its own beside any other', () => {
    // Checked against an ASCII letter on both sides (catches Extend, SpacingMark,
    // ZWJ and Prepend) and against itself (catches Hangul jamo and regional
    // indicators); any other pair of such characters breaks (UAX #29, GB999).
    const segmenter = new Intl.Segmenter();
    const count = (s: string) => [...segmenter.segment(s)].length;
    const joined = SAFE.filter((c) => count(`a${c}a`) !== 3 || count(c + c) !== 2);
    expect(joined.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('has every string of the set unchanged by NFC (wrap-ansi normalizes)', () => {
    // NFC can change a string of NFC-stable characters only by composing two: the
    // second must then occur after the first code point of some character's
    // canonical decomposition. No character of the set (or the first code point of
    // its own decomposition) does, and none of those starts with a combining mark
    // (canonical reordering would move it).
    const later = new Set<number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const d = String.fromCodePoint(cp).normalize('NFD');
      if (d.length === 1) continue;
      const cps = [...d];
      for (let i = 1; i < cps.length; i++) later.add(cps[i]!.codePointAt(0)!);
    }
    const reordered = (s: string) => s.normalize('NFD') !== s;
    const bad = SAFE.filter((c) => {
      const first = c.normalize('NFD')[0]!;
      return (
        c.normalize('NFC') !== c ||
        later.has(c.codePointAt(0)!) ||
        later.has(first.codePointAt(0)!) ||
        reordered(`${first}\u0316`) ||
        reordered(`\u0301${first}`)
      );
    });
    expect(bad.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
    // And directly, on pairs from the set.
    const r = rng(7);
    for (let i = 0; i < 200_000; i++) {
      const s = r.pick(SAFE) + r.pick(NON_ASCII_SAFE);
      if (s.normalize('NFC') !== s) expect.fail(`NFC changes ${JSON.stringify(s)}`);
    }
  });
});

function randomString(r: ReturnType<typeof rng>, length: number, unsafe: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const x = r.next();
    if (x < unsafe) s += r.pick(UNSAFE);
    else if (x < 0.55) s += String.fromCharCode(0x20 + r.int(95));
    else if (x < 0.75) s += r.pick(NARROW_NON_ASCII);
    else if (x < 0.9) s += r.pick(WIDE_SAFE);
    else s += r.pick([' ', ' ', ...OTHER_SPACES]);
  }
  return s;
}

describe('simpleWidth and textWidth', () => {
  it('equal string-width on random strings of the set', () => {
    const r = rng(1);
    for (let i = 0; i < 20_000; i++) {
      const s = randomString(r, r.int(60), 0);
      const fast = simpleWidth(s);
      if (fast !== stringWidth(s)) expect.fail(`${JSON.stringify(s)}: ${fast} vs ${stringWidth(s)}`);
    }
  });

  it('refuse any string with a character outside the set, and textWidth still equals string-width', () => {
    const r = rng(2);
    for (let i = 0; i < 5_000; i++) {
      const s = randomString(r, 1 + r.int(40), 0.1);
      const unsafe = [...s].some((c) => c.length > 1 || cellWidth(c.charCodeAt(0)) === 0);
      expect(simpleWidth(s) < 0).toBe(unsafe);
      expect(textWidth(s)).toBe(stringWidth(s));
    }
    expect(textWidth('⚽ Goal · 東京')).toBe(stringWidth('⚽ Goal · 東京'));
    expect(textWidth('\u001b[1mbold\u001b[22m')).toBe(4);
  });
});

/** A paragraph: words of random lengths (some wider than any row), runs of spaces, some newlines. */
function paragraph(r: ReturnType<typeof rng>, unsafe = 0): string {
  const words = 1 + r.int(r.chance(0.2) ? 120 : 30);
  let s = r.chance(0.1) ? ' '.repeat(1 + r.int(3)) : '';
  for (let i = 0; i < words; i++) {
    const len = r.chance(0.05) ? 20 + r.int(250) : 1 + r.int(12);
    s += randomString(r, len, unsafe).replace(/ /g, 'x');
    if (i < words - 1) s += r.chance(0.04) ? '\n' : r.chance(0.1) ? ' '.repeat(2 + r.int(3)) : ' ';
  }
  if (r.chance(0.1)) s += ' '.repeat(1 + r.int(3));
  return s;
}

describe('wrapSimple', () => {
  it('equals wrap-ansi { hard, trim } on generated paragraphs, widths 1 to 120', () => {
    const r = rng(3);
    for (let i = 0; i < 1_200; i++) {
      const text = paragraph(r);
      const columns = r.chance(0.8) ? 20 + r.int(101) : 1 + r.int(19);
      const fast = wrapSimple(text, columns);
      if (fast === undefined) expect.fail(`no fast path for ${JSON.stringify(text)}`);
      const real = wrapReal(text, columns);
      if (fast !== real) expect.fail(`width ${columns}, ${JSON.stringify(text)}:\n${JSON.stringify(fast)}\n${JSON.stringify(real)}`);
    }
  });

  it('equals wrap-ansi on plain ASCII prose', () => {
    const r = rng(4);
    const vocabulary = 'a an the of news reader terminal wrapping characters internationalization https://example.com/a/very/long/path?with=query'.split(' ');
    for (let i = 0; i < 3_000; i++) {
      const words = Array.from({ length: 1 + r.int(120) }, () => r.pick(vocabulary));
      const text = words.join(r.chance(0.2) ? '  ' : ' ');
      const columns = 1 + r.int(120);
      expect(wrapSimple(text, columns)).toBe(wrapReal(text, columns));
    }
  });

  it('equals wrap-ansi on a line styled whole by chalk, or declines', () => {
    const r = rng(5);
    const chalk = [1, 2, 3].map((level) => new Chalk({ level: level as 1 | 2 | 3 }));
    let fastCount = 0;
    for (let i = 0; i < 1_200; i++) {
      const c = r.pick(chalk);
      const style = r.pick([c.bold, c.dim, c.italic, c.underline, c.cyan, c.yellow, c.red, c.gray, c.blueBright]);
      const plain = paragraph(r).replace(/\n/g, ' ');
      const text = style(plain);
      const columns = r.chance(0.8) ? 20 + r.int(101) : 1 + r.int(19);
      const fast = wrapSimple(text, columns);
      if (fast === undefined) continue;
      fastCount++;
      const real = wrapReal(text, columns);
      if (fast !== real) expect.fail(`width ${columns}, ${JSON.stringify(text)}:\n${JSON.stringify(fast)}\n${JSON.stringify(real)}`);
    }
    expect(fastCount).toBeGreaterThan(1_000);
    // A title, styled as article-view does it.
    const title = new Chalk({ level: 1 }).bold('Tokyo 東京の配達ロボット: Quiet Delivery Robots Tested in Shibuya');
    expect(wrapSimple(title, 40)).toBe(wrapReal(title, 40));
  });

  it('declines styled text it does not model', () => {
    const c = new Chalk({ level: 1 });
    for (const text of [
      c.bold(`${c.underline('nested')} styles`),
      c.bgRed('a background'),
      c.bold('two\nlines'),
      c.bold('\u00a0a leading no-break space'),
      c.bold('   '),
      `${c.bold('styled')} then plain`,
      '\u001b[1mnot closed',
      '\u001b[1mmismatched\u001b[24m',
    ]) {
      expect(wrapSimple(text, 10), JSON.stringify(text)).toBeUndefined();
      expect(wrapHard(text, 10)).toBe(wrapReal(text, 10));
    }
    // A row that trimming leaves empty: wrap-ansi does not reopen the style on it.
    const emptyRow = c.bold('foo \u00a0 ');
    expect(wrapSimple(emptyRow, 3)).toBeUndefined();
    expect(wrapHard(emptyRow, 3)).toBe('\u001b[1mfoo\u001b[22m\n\u001b[22m');
  });

  it('declines text outside the set, and wrapHard still equals wrap-ansi', () => {
    const r = rng(6);
    let declined = 0;
    for (let i = 0; i < 300; i++) {
      const text = paragraph(r, 0.02);
      const columns = 1 + r.int(120);
      const fast = wrapSimple(text, columns);
      const unsafe = [...text].some((c) => c !== '\n' && (c.length > 1 || cellWidth(c.charCodeAt(0)) === 0));
      if (unsafe) {
        expect(fast).toBeUndefined();
        declined++;
      }
      expect(wrapHard(text, columns)).toBe(wrapReal(text, columns));
    }
    expect(declined).toBeGreaterThan(180);
    expect(wrapSimple('abc', 0)).toBeUndefined();
  });
});
