import { describe, expect, it } from 'vitest';
import { isPageRef } from '../../src/commands/read.js';
import { rng } from '../support/rng.js';

describe('isPageRef', () => {
  // What it stands in for, and must agree with exactly.
  const reference = (ref: string) => /^https?:\/\//i.test(ref) || /\.x?html?$/i.test(ref);

  it('takes http(s) URLs and .htm(l)/.xhtm(l) files, in any case, and not slugs or row numbers', () => {
    for (const ref of ['https://example.com/a', 'HTTP://x', './page.html', 'saved/Page.HTM', 'a.xhtml', 'b.XHTM']) expect(isPageRef(ref), ref).toBe(true);
    for (const ref of ['russia-anticipates-jinping-visit', '12', 'http:/x', 'ftp://x/a', 'page.html.txt', 'html', '.xml', 'https:']) expect(isPageRef(ref), ref).toBe(false);
  });

  it('agrees with the expressions it replaces on 20,000 generated references', () => {
    const { pick, int } = rng(5);
    const pieces = ['http', 'HTTPS', 's', ':', '/', '//', '.', 'x', 'X', 'htm', 'HTML', 'l', 'L', 'a', '-', '1', 'ftp'];
    for (let n = 0; n < 20_000; n++) {
      const ref = Array.from({ length: 1 + int(6) }, () => pick(pieces)).join('');
      expect(isPageRef(ref), ref).toBe(reference(ref));
    }
  });
});
