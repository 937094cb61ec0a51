// What `news read <ref>` means: exact slug, then row number of the listed order,
// then a unique slug prefix. Ambiguity and typos are answered with candidates.
import type { Article } from '../article.js';
import { NotFoundError } from '../errors.js';

export function resolveRef(ref: string, listed: readonly Article[], all: readonly Article[] = listed): Article {
  const exact = all.find((a) => a.slug === ref);
  if (exact) return exact;
  if (/^\d+$/.test(ref)) {
    const row = listed[Number(ref) - 1];
    if (row && Number(ref) >= 1) return row;
    throw new NotFoundError(`no article at row ${ref}: the list has ${listed.length} ${listed.length === 1 ? 'row' : 'rows'}`);
  }
  const prefixed = all.filter((a) => a.slug.startsWith(ref));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1) {
    const shown = prefixed.slice(0, 8).map((a) => a.slug).join(', ');
    const more = prefixed.length > 8 ? ` and ${prefixed.length - 8} more` : '';
    throw new NotFoundError(`"${ref}" matches ${prefixed.length} articles: ${shown}${more}`);
  }
  const close = closest(ref, all.map((a) => a.slug));
  const hint = close.length ? `; did you mean ${close.join(', ')}?` : '';
  throw new NotFoundError(`no article "${ref}"${hint}`);
}

/** Up to three slugs within a typo's distance, comparing against same-length prefixes too. */
function closest(ref: string, slugs: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(ref.length / 3));
  return slugs
    .map((s) => ({ s, d: Math.min(distance(ref, s), distance(ref, s.slice(0, ref.length))) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.s.localeCompare(b.s))
    .slice(0, 3)
    .map((x) => x.s);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
