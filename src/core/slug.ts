// Slugs are what people type after `news read`: short, ASCII, stable across runs.
import { fnv1aHex } from './hash.js';

const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ı: 'i',
};
const MAX_SLUG = 80;

// After NFKD the marks go (é is e + U+0301). /\p{M}/u takes about a millisecond to
// compile, more than slugging a whole store, so text whose characters all come
// from blocks where the only marks are the combining diacritics (U+0300–036F) and
// the kana voicing marks (U+3099–309A) drops those two ranges, all marks, in one
// scan: the same result (test/core/slug.test.ts tries every character). The
// scans here stand in for regular expressions, which V8 compiles on first use
// (see core/whitespace.ts): a listing slugs every title at start-up.
const MARK_FREE_BLOCKS = [
  0x0000, 0x024f, 0x0300, 0x036f, 0x1100, 0x11ff, 0x2000, 0x206f, 0x20a0, 0x20cf, 0x2100, 0x214f, 0x2190, 0x23ff,
  0x2500, 0x27bf, 0x3041, 0x3096, 0x3099, 0x30ff, 0x4e00, 0x9fff,
];
const MARKS = /\p{M}+/gu;

const inMarkFreeBlock = (c: number) => {
  for (let i = 0; i < MARK_FREE_BLOCKS.length; i += 2) if (c >= MARK_FREE_BLOCKS[i]! && c <= MARK_FREE_BLOCKS[i + 1]!) return true;
  return false;
};

function dropMarks(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0, n = s.length; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x0300 && c <= 0x036f) || c === 0x3099 || c === 0x309a) {
      out += s.slice(from, i);
      from = i + 1;
    } else if (c > 0x024f && !inMarkFreeBlock(c)) {
      return s.replace(MARKS, '');
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** The letters SPECIAL_FOLDS spells out, each replaced. */
function foldSpecial(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0, n = s.length; i < n; i++) {
    if (s.charCodeAt(i) < 0xc6) continue; // Æ is the first
    const fold = SPECIAL_FOLDS[s[i]!];
    if (fold !== undefined) {
      out += s.slice(from, i) + fold;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

export const VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(title: string): string {
  // Most titles are ASCII: folding is needed only for the rest.
  let s = asciiSlug(title);
  if (s === null) {
    const folded = dropMarks(foldSpecial(title).normalize('NFKD'));
    s = joinRuns(folded.toLowerCase(), false);
  }
  if (s.length > MAX_SLUG) {
    const cut = s.lastIndexOf('-', MAX_SLUG);
    s = cut > 0 ? s.slice(0, cut) : s.slice(0, MAX_SLUG);
  }
  return s;
}

/**
 * An ASCII title's letters and digits, lowercased, each run of anything else
 * one hyphen, none at either end: what the folding path's three regular
 * expressions give, in one pass (a store of 100,000 titles slugs them all, as
 * later slugs depend on earlier ones). Null for a title that is not all ASCII.
 */
function asciiSlug(title: string): string | null {
  return joinRuns(title, true)?.toLowerCase() ?? null;
}

/**
 * The runs of ASCII letters and digits in `s`, joined by one hyphen each: what
 * `.replace(/[^a-z0-9]+/gi, '-')` then trimming hyphens gives, in one pass and
 * without compiling either expression (see core/whitespace.ts). With
 * `asciiOnly`, null as soon as a character is not ASCII.
 */
function joinRuns(s: string, asciiOnly: true): string | null;
function joinRuns(s: string, asciiOnly: false): string;
function joinRuns(s: string, asciiOnly: boolean): string | null {
  let out = '';
  let run = -1;
  for (let i = 0, n = s.length; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 0x20;
    if (asciiOnly && c > 0x7f) return null;
    const lower = c | 0x20; // a-z for A-Z and a-z only
    if ((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7a)) {
      if (run < 0) run = i;
    } else if (run >= 0) {
      out = out === '' ? s.slice(run, i) : `${out}-${s.slice(run, i)}`;
      run = -1;
    }
  }
  return out;
}

/** Whether a slug holds a letter, not only digits and hyphens. */
function hasLetter(slug: string): boolean {
  for (let i = 0, n = slug.length; i < n; i++) {
    const c = slug.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return true;
  }
  return false;
}

/**
 * The slug for one article: a valid given slug is kept, else one from the title.
 * A title with no Latin letter would give an empty or all-digit slug (which would
 * read as a row number), so it gets `article-<hash of id or title>` instead.
 */
export function baseSlug(given: string | null | undefined, title: string, id: string | null): string {
  if (given && VALID_SLUG.test(given) && given.length <= 120) return given;
  const s = slugify(title);
  if (hasLetter(s)) return s;
  return `article-${fnv1aHex(id ?? title)}`;
}

/** Makes slugs unique in input order: the second `x` becomes `x-2`, the third `x-3`. */
export class SlugAllocator {
  private readonly taken = new Set<string>();
  allocate(base: string): string {
    let slug = base;
    for (let n = 2; this.taken.has(slug); n++) slug = `${base}-${n}`;
    this.taken.add(slug);
    return slug;
  }
}
