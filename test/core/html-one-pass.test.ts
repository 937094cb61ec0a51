import { describe, expect, it } from 'vitest';
import { htmlToText, htmlToTextAndSanitized, sanitizeHtml } from '../../src/core/html-text.js';

// A feed body's text and sanitized HTML come from one tokenizer feeding both the
// converter and the sanitizer: the results must be those of the two run apart.
const CASES = [
  '<p>Hello <b>world</b> &amp; more</p><p>Second</p>',
  '<pre>\ncode\n  kept</pre><ul><li>one<li>two</ul><ol start="3"><li>x</li></ol>',
  '<script>alert(1)</script><p onclick="x()">t</p><a href="javascript:alert(1)">j</a><a href="https://e.example/">e</a>',
  '<table><tr><td>a</td><td>&nbsp;</td><td>b</td></tr></table><br/><hr><img alt="pic" src="x.png">',
  '<!-- c --><![CDATA[<b>]]>a < b <style>p{}</style><title>T&amp;</title><xmp><i></xmp>',
  '<p>a<form><p>b</form>c</p></p></br><blockquote>q<blockquote>qq</blockquote></blockquote>',
  '<div><head><meta http-equiv="refresh"></head>\u202e\u0007x</div><dl><dt>t<dd>d</dl>',
  '<a href="https://a.example/">x<a href="https://b.example/">y</a></a><image src=z>',
  '<p>unterminated <b attr="x',
  '<svg><p>in svg</p></svg><noscript>n</noscript><textarea><b></textarea><plaintext><p>rest',
];

function soup(seed: number): string {
  const tags = ['p', 'b', 'a href="https://x.example/"', 'li', 'ul', 'table', 'td', 'tr', 'pre', 'script', 'br', 'img alt="i"', 'div', 'style', 'form', 'head', 'title'];
  const bits = ['text', ' ', '\n', '&amp;', '<!--c-->', '<![CDATA[x]]>', '&#150;', '<', '>'];
  let s = seed;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) % 2147483648) % n);
  let out = '';
  for (let i = 0; i < 60; i++) {
    const k = rnd(4);
    const t = tags[rnd(tags.length)]!;
    if (k === 0) out += `<${t}>`;
    else if (k === 1) out += `</${t.split(' ')[0]}>`;
    else out += bits[rnd(bits.length)];
  }
  return out;
}

describe('htmlToTextAndSanitized', () => {
  it.each(CASES)('matches htmlToText and sanitizeHtml: %s', (html) => {
    expect(htmlToTextAndSanitized(html)).toEqual({ text: htmlToText(html), html: sanitizeHtml(html) });
  });

  it('matches them on generated tag soup', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const html = soup(seed);
      expect(htmlToTextAndSanitized(html)).toEqual({ text: htmlToText(html), html: sanitizeHtml(html) });
    }
  });
});
