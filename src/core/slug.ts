// Slugs are what people type after `news read`: short, ASCII, stable across runs.
import { fnv1aHex } from './hash.js';

const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ı: 'i',
};
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_FOLDS).join('')}]`, 'g');
const MAX_SLUG = 80;

// After NFKD the marks go (é is e + U+0301). /\p{M}/u takes about a millisecond to
// compile, more than slugging a whole store, so text whose characters all come
// from blocks where the only marks are the combining diacritics (U+0300–036F) and
// the kana voicing marks (U+3099–309A) drops those two ranges, all marks, with a
// plain class: the same result (test/core/slug.test.ts tries every character).
const MARK_FREE_BLOCKS =
  /^[\x00-\u024f\u0300-\u036f\u1100-\u11ff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\u2190-\u23ff\u2500-\u27bf\u3041-\u3096\u3099-\u30ff\u4e00-\u9fff]*$/;
const KNOWN_MARKS = /[\u0300-\u036f\u3099\u309a]+/g;
const MARKS = /\p{M}+/gu;

const dropMarks = (s: string) => (MARK_FREE_BLOCKS.test(s) ? s.replace(KNOWN_MARKS, '') : s.replace(MARKS, ''));
export const VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(title: string): string {
  // Most titles are ASCII: folding is needed only for the rest.
  let s = asciiSlug(title);
  if (s === null) {
    const folded = dropMarks(title.replace(SPECIAL, (ch) => SPECIAL_FOLDS[ch] ?? ch).normalize('NFKD'));
    s = folded
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
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
  let out = '';
  let run = -1;
  for (let i = 0, n = title.length; i <= n; i++) {
    const c = i < n ? title.charCodeAt(i) : 0x20;
    if (c > 0x7f) return null;
    const lower = c | 0x20; // a-z for A-Z and a-z only
    if ((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7a)) {
      if (run < 0) run = i;
    } else if (run >= 0) {
      out = out === '' ? title.slice(run, i) : `${out}-${title.slice(run, i)}`;
      run = -1;
    }
  }
  return out.toLowerCase();
}

/**
 * The slug for one article: a valid given slug is kept, else one from the title.
 * A title with no Latin letter would give an empty or all-digit slug (which would
 * read as a row number), so it gets `article-<hash of id or title>` instead.
 */
export function baseSlug(given: string | null | undefined, title: string, id: string | null): string {
  if (given && VALID_SLUG.test(given) && given.length <= 120) return given;
  const s = slugify(title);
  if (/[a-z]/.test(s)) return s;
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
