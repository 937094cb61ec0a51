// Slugs are what people type after `news read`: short, ASCII, stable across runs.

const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ı: 'i',
};
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_FOLDS).join('')}]`, 'g');
const MAX_SLUG = 80;
export const VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(title: string): string {
  // Most titles are ASCII: folding is needed only for the rest.
  const folded = /^[\x00-\x7f]*$/.test(title)
    ? title
    : title.replace(SPECIAL, (ch) => SPECIAL_FOLDS[ch] ?? ch).normalize('NFKD').replace(/\p{M}+/gu, '');
  let s = folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > MAX_SLUG) {
    const cut = s.lastIndexOf('-', MAX_SLUG);
    s = cut > 0 ? s.slice(0, cut) : s.slice(0, MAX_SLUG);
  }
  return s;
}

// FNV-1a: tiny, stable across Node versions, good enough to tell titles apart.
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
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
  return `article-${fnv1a(id ?? title)}`;
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
