// Display width and hard wrapping without loading string-width or wrap-ansi for
// text made only of characters whose width those libraries are certain to give.
// Loading them costs ~75 ms (an Intl.Segmenter and large `v`-flag Unicode
// property regexes built at module top level), about twice node's start-up, so
// they are loaded only when some text needs them. The fast paths give the same
// results to the byte (test/render/width.test.ts checks every character of the
// safe set and many generated paragraphs against the libraries).

// The safe set: sorted, disjoint [first, last, width] ranges of UTF-16 code units
// (all in the BMP, so one code unit is one code point). Each character is its own
// grapheme cluster in any neighbourhood, is not an emoji, a control, a combining,
// zero-width or default-ignorable character, or unassigned, and is unchanged by
// NFC in any string of the set (wrap-ansi normalizes). East Asian Ambiguous
// characters (é, ·, ’, Greek, Cyrillic) are 1: string-width's default, which is
// how article-view calls it. Width 2 is the East Asian Wide and Fullwidth blocks
// (CJK ideographs, kana, Hangul syllables, fullwidth forms).
const RANGES: readonly (readonly [number, number, 1 | 2])[] = [
  [0x0020, 0x007e, 1], // printable ASCII
  [0x00a0, 0x00a8, 1], // Latin-1 supplement: not © (U+00A9), soft hyphen (U+00AD), ® (U+00AE)
  [0x00aa, 0x00ac, 1],
  [0x00af, 0x024f, 1], // … and Latin Extended-A and -B
  [0x0370, 0x0373, 1], // Greek: not U+0374, U+037E, U+0387 (NFC maps them to other characters)
  [0x0375, 0x0377, 1],
  [0x037a, 0x037d, 1],
  [0x037f, 0x037f, 1],
  [0x0384, 0x0386, 1],
  [0x0388, 0x038a, 1],
  [0x038c, 0x038c, 1],
  [0x038e, 0x03a1, 1],
  [0x03a3, 0x03ff, 1],
  [0x0400, 0x0482, 1], // Cyrillic: not the combining U+0483–U+0489
  [0x048a, 0x052f, 1],
  [0x1e00, 0x1eff, 1], // Latin Extended Additional (Vietnamese)
  [0x2010, 0x2027, 1], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x203b, 1], // per mille, primes, guillemets: not ‼ (U+203C)
  [0x203d, 0x2048, 1], // not ⁉ (U+2049)
  [0x204a, 0x205e, 1],
  [0x20a0, 0x20c0, 1], // currency signs (€)
  [0x3000, 0x3029, 2], // CJK symbols and punctuation: not the combining U+302A–U+302F
  [0x3031, 0x303c, 2], // not 〰 (U+3030), 〽 (U+303D)
  [0x303e, 0x303e, 2],
  [0x3041, 0x3096, 2], // hiragana: not the combining voiced sound marks U+3099–U+309A
  [0x309b, 0x30ff, 2], // … and katakana
  [0x3400, 0x4dbf, 2], // CJK ideographs, extension A
  [0x4e00, 0x9fff, 2], // CJK unified ideographs
  [0xac00, 0xd7a3, 2], // Hangul syllables (not the conjoining jamo)
  [0xff01, 0xff60, 2], // fullwidth forms
  [0xffe0, 0xffe6, 2],
];

const FIRST = Uint16Array.from(RANGES, (r) => r[0]);
const LAST = Uint16Array.from(RANGES, (r) => r[1]);
const WIDTH = Uint8Array.from(RANGES, (r) => r[2]);

/** The display width of a UTF-16 code unit of the safe set: 1 or 2; 0 when it is not in the set. */
export function cellWidth(code: number): number {
  if (code < 0x7f) return code >= 0x20 ? 1 : 0;
  let lo = 1;
  let hi = FIRST.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code < FIRST[mid]!) hi = mid - 1;
    else if (code > LAST[mid]!) lo = mid + 1;
    else return WIDTH[mid]!;
  }
  return 0;
}

const PRINTABLE_ASCII = /^[ -~]*$/;

/** string-width's answer for a string of the safe set; -1 for any other string. */
export function simpleWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const w = cellWidth(text.charCodeAt(i));
    if (w === 0) return -1;
    width += w;
  }
  return width;
}

/**
 * `wrapAnsi(text, columns, { hard: true, trim: true })` for text whose lines are
 * each made of the safe set, or are one such line styled whole by a single SGR
 * pair (`chalk.bold(line)`); undefined for any other text or columns < 1.
 */
export function wrapSimple(text: string, columns: number): string | undefined {
  if (!(columns >= 1)) return undefined;
  if (text.charCodeAt(0) === 0x1b) return wrapStyled(text, columns);
  const lines = text.split('\n');
  for (const line of lines) if (simpleWidth(line) < 0) return undefined;
  return lines.map((line) => wrapRows(line, columns).join('\n')).join('\n');
}

// SGR codes a chalk style opens with, and the code wrap-ansi closes each row with
// (ansi-styles' pairs): the modifiers and the foreground colors.
const CLOSE: Record<string, string> = { 1: '22', 2: '22', 3: '23', 4: '24' };
for (let c = 30; c <= 37; c++) CLOSE[c] = CLOSE[c + 60] = '39';
const STYLED = /^\x1b\[(\d+)m([^\x1b\n]*)\x1b\[(\d+)m$/;

// wrap-ansi keeps a style open across a row break by closing it at the end of the
// row and opening it again at the start of the next, so a line styled whole wraps
// as its text does, each row styled whole. That holds while no row is empty and
// the first row does not start with whitespace other than spaces (which wrap-ansi
// trims from a row's start unless the row starts with the escape).
function wrapStyled(text: string, columns: number): string | undefined {
  const m = STYLED.exec(text);
  if (!m || CLOSE[m[1]!] !== m[3] || simpleWidth(m[2]!) < 0 || /^ *\s/.test(m[2]!)) return undefined;
  const rows = wrapRows(m[2]!, columns);
  if (rows.includes('')) return undefined;
  const open = `\x1b[${m[1]}m`;
  const close = `\x1b[${m[3]}m`;
  return rows.map((row) => open + row + close).join('\n');
}

// wrap-ansi's `exec` for one line of the safe set with { hard: true, trim: true }
// (wordWrap left true): the same steps, with widths from the safe set.
function wrapRows(line: string, columns: number): string[] {
  if (line.trim() === '') return [''];
  const words = line.split(' ');
  const rows = [''];
  let rowLength = 0;
  let trimmedRowIndex = -1;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const rowIndex = rows.length - 1;
    if (trimmedRowIndex !== rowIndex) {
      const row = rows[rowIndex]!;
      const trimmed = row.trimStart();
      if (trimmed.length !== row.length) {
        rows[rowIndex] = trimmed;
        rowLength = simpleWidth(trimmed);
      }
      if (trimmed.length > 0) trimmedRowIndex = rowIndex;
    }
    if (i > 0 && rowLength > 0) {
      rows[rows.length - 1] += ' ';
      rowLength++;
    }
    const width = simpleWidth(word);
    if (width > columns) {
      const remainingColumns = columns - rowLength;
      const breaksStartingThisLine = 1 + Math.floor((width - remainingColumns - 1) / columns);
      const breaksStartingNextLine = Math.floor((width - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) {
        rows.push('');
        rowLength = 0;
      }
      rowLength = wrapWord(rows, word, columns, rowLength);
      continue;
    }
    if (rowLength + width > columns && rowLength > 0 && width > 0) {
      rows.push('');
      rowLength = 0;
    }
    rows[rows.length - 1] += word;
    rowLength += width;
  }
  return rows.map(trimSpacesRight);
}

// wrap-ansi's `wrapWord`: a word wider than the row, broken between characters.
function wrapWord(rows: string[], word: string, columns: number, rowWidth: number): number {
  let visible = rowWidth;
  for (let i = 0; i < word.length; i++) {
    const width = cellWidth(word.charCodeAt(i));
    if (visible > 0 && visible + width > columns) {
      rows.push('');
      visible = 0;
    }
    rows[rows.length - 1] += word.charAt(i);
    visible += width;
    if (visible === columns && i < word.length - 1) {
      rows.push('');
      visible = 0;
    }
  }
  return simpleWidth(rows[rows.length - 1]!);
}

function trimSpacesRight(row: string): string {
  let end = row.length;
  while (end > 0 && row.charCodeAt(end - 1) === 0x20) end--;
  return end === row.length ? row : row.slice(0, end);
}

// The libraries themselves, for text outside the safe set. require() rather than
// import(): the callers are synchronous. esbuild bundles a required ES module as
// one initialised on its first require, so the cost is paid only then; under
// vitest (unbundled) it is Node's require() of an ES module.
type StringWidth = typeof import('string-width').default;
type WrapAnsi = typeof import('wrap-ansi').default;
let stringWidthFn: StringWidth | undefined;
let wrapAnsiFn: WrapAnsi | undefined;

/** `stringWidth(text)` of string-width. */
export function textWidth(text: string): number {
  const width = simpleWidth(text);
  if (width >= 0) return width;
  stringWidthFn ??= (require('string-width') as typeof import('string-width')).default;
  return stringWidthFn(text);
}

/** `wrapAnsi(text, columns, { hard: true, trim: true })` of wrap-ansi. */
export function wrapHard(text: string, columns: number): string {
  const wrapped = wrapSimple(text, columns);
  if (wrapped !== undefined) return wrapped;
  wrapAnsiFn ??= (require('wrap-ansi') as typeof import('wrap-ansi')).default;
  return wrapAnsiFn(text, columns, { hard: true, trim: true });
}
