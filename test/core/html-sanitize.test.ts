// The Article `html` field: dropped elements, event handlers, style attributes and
// non-http(s) URLs removed, everything else kept as written; and converting the cleaned
// HTML must give the same text as converting the original (the reader view does that).

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../src/core/html-sanitize.js';
import { htmlToText, sanitizeHtml } from '../../src/core/html-text.js';

type Case = [name: string, html: string, expected: string];

describe('sanitizeHtml', () => {
  describe('keeps markup as written', () => {
    it.each([
      ['<p class="lead">Hello <b>world</b></p>'],
      ['<P CLASS=lead>Upper <BR/>case</P>'],
      ['<img src="https://e.com/a.png" alt="A" width=10>'],
      ['<a href="https://e.com/?a=1&amp;b=2" title=\'t\' rel=nofollow>x</a>'],
      ['<a href="/relative/path">r</a><a href="#top">h</a><a href="?q=1">q</a><a href="//cdn.e.com/x">p</a>'],
      ['<ul><li>unclosed<li>items</ul>'],
      ['<table><tr><td>a<td>b</table>'],
      ['Tom &amp; Jerry &lt;3 &nbsp;'],
      ['<pre>  code\n\n  kept</pre>'],
      ['<blockquote cite="https://e.com/">q</blockquote>'],
      ['stray</p>end tags</div>'],
      ['<div data-id="1" hidden>x</div>'],
    ])('%j', (html) => {
      expect(sanitizeHtml(html)).toBe(html);
    });
  });

  describe('drops elements with their content', () => {
    it.each([
      'script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'form', 'button', 'select',
      'textarea',
    ])('%s', (name) => {
      expect(sanitizeHtml(`<div>a<${name} id="x"><b>in</b> side</${name}>b</div>`)).toBe('<div>ab</div>');
    });

    it.each<Case>([
      ['embed is void', 'a<embed src="x.swf">b', 'ab'],
      ['head and what is in it', '<head><title>T</title><style>p{}</style></head><body><p>b</p></body>', '<body><p>b</p></body>'],
      ['head without its end tag', '<head><meta charset=utf-8><p>b', '<p>b'],
      [
        'meta, link and base anywhere',
        '<meta http-equiv="refresh" content="0;url=https://e.com/"><link rel=stylesheet href=x.css><base href="https://e.com/">x',
        'x',
      ],
      ['tags inside script are not tags', '<script>document.write("<p>x</p>")</script>ok', 'ok'],
      ['unterminated script', 'a<script>never closed <p>b', 'a'],
      ['unclosed button ends with its parent, which keeps its end tag', '<div><button>Click</div>after', '<div></div>after'],
      ['nested svg', '<svg><g><svg><script>x()</script></svg></g></svg>ok', 'ok'],
      ['XHTML self-closed script', '<script src="x.js"/>visible', 'visible'],
      ['uppercase', '<SCRIPT>x()</SCRIPT>y', 'y'],
      ['comments, doctype, processing instructions', '<!DOCTYPE html><!-- c --><?xml x?>text<!-->', 'text'],
      ['conditional comment', '<!--[if IE]><script>x()</script><![endif]-->ok', 'ok'],
    ])('%s', (_name, html, expected) => {
      expect(sanitizeHtml(html)).toBe(expected);
    });
  });

  describe('attributes', () => {
    it.each<Case>([
      ['event handlers', '<p onclick="x()" ONMOUSEOVER=y() onload id=k>t</p>', '<p id=k>t</p>'],
      ['style', '<div style="position:fixed" class=c>d</div>', '<div class=c>d</div>'],
      ['body onload', '<body onload="x()"><p>b</p></body>', '<body><p>b</p></body>'],
      ['self-closing tag rebuilt', '<img src=a.png onerror="x()"/>', '<img src=a.png />'],
      ['original spelling of the tag name', '<IMG SRC="javascript:x" ALT=a>', '<IMG ALT=a>'],
      ['first of duplicates is not trusted either', '<a href="https://e.com/" href="javascript:x">l</a>', '<a href="https://e.com/">l</a>'],
      ['end tag attributes', '<p>x</p onclick="y()">', '<p>x</p>'],
      ['attribute quotes containing >', '<a title="a > b" onclick="x">l</a>', '<a title="a > b">l</a>'],
      ['srcset with a bad candidate', '<img src=x.png srcset="a.png 1x, javascript:alert(1) 2x">', '<img src=x.png>'],
      ['srcset of http and relative candidates', '<img srcset="https://e.com/a.png 1x, b.png 2x">', '<img srcset="https://e.com/a.png 1x, b.png 2x">'],
      ['other URL attributes', '<video poster="javascript:x" controls></video><td background="data:x">', '<video controls></video><td>'],
    ])('%s', (_name, html, expected) => {
      expect(sanitizeHtml(html)).toBe(expected);
    });
  });

  describe('URL schemes', () => {
    it.each([
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      '\u0001javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'jav&#x0A;ascript:alert(1)',
      'jav&Tab;ascript:alert(1)',
      'java&#13;script:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript:alert(1)',
      '&#0000106avascript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'DATA:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:msgbox(1)',
      'mailto:a@example.com',
      'ftp://example.com/',
    ])('removes %j', (href) => {
      expect(sanitizeHtml(`<a href="${href}">l</a><img src="${href}">`)).toBe('<a>l</a><img>');
    });

    it.each([
      'http://example.com/',
      'HTTPS://EXAMPLE.COM/',
      '/path',
      'path/to:colon',
      './a:b',
      '#frag',
      '?q=1',
      '//cdn.example.com/x',
      '',
      'https://example.com/?a=1&amp;b=2',
    ])('keeps %j', (href) => {
      const html = `<a href="${href}">l</a>`;
      expect(sanitizeHtml(html)).toBe(html);
    });

    it.each<[string, boolean]>([
      ['https://e.com', true],
      ['relative', true],
      ['java\u0000script:x', false],
      ['\u00a0javascript:x', false],
    ])('isSafeUrl(%j) is %s', (url, safe) => {
      expect(isSafeUrl(url)).toBe(safe);
    });
  });

  describe('what was text stays text', () => {
    it.each<Case>([
      ['< in text is escaped', '<p>5 < 6</p>', '<p>5 &lt; 6</p>'],
      // Removing the script must not glue `<` and `img …>` into a tag.
      ['no tag glued together across a removed element', '<<script>x</script>img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)>'],
      ['nor across a removed comment', '<<!-- -->img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)>'],
      // Browsers read <![CDATA[ in HTML as a comment that ends at the first `>`.
      ['CDATA becomes escaped text', '<![CDATA[ ><img src=x onerror=alert(1)> ]]>', ' &gt;&lt;img src=x onerror=alert(1)&gt; '],
      ['a tag cut off by the end is dropped', 'text <a href="javascript:x', 'text '],
      ['raw text of kept elements is copied', '<xmp><img src=x onerror=y></xmp>', '<xmp><img src=x onerror=y></xmp>'],
    ])('%s', (_name, html, expected) => {
      expect(sanitizeHtml(html)).toBe(expected);
    });
  });

  describe('deep nesting', () => {
    const N = 100_000;

    it('100,000 nested divs are copied through', () => {
      const html = '<div>'.repeat(N) + 'x' + '</div>'.repeat(N);
      expect(sanitizeHtml(html)).toBe(html);
    });

    it('a script below 100,000 elements is still dropped', () => {
      expect(sanitizeHtml('<span>'.repeat(N) + '<script>x()</script>ok')).toBe('<span>'.repeat(N) + 'ok');
    });

    it('a large input finishes', () => {
      const body = '<p onclick="x">Some <a href="https://e.com/">text</a><script>y()</script></p>\n';
      const out = sanitizeHtml(body.repeat(Math.ceil(5e6 / body.length)));
      expect(out.startsWith('<p>Some <a href="https://e.com/">text</a></p>\n')).toBe(true);
    });
  });
});

describe('converting sanitized HTML gives the same text', () => {
  const fixtures = new URL('../../fixtures/html/', import.meta.url);
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.html'));
  const inputs: [string, string][] = [
    ...files.map((f): [string, string] => [f, readFileSync(new URL(f, fixtures), 'utf8')]),
    ['links of every scheme', '<a href="javascript:x">js</a> <a href="https://e.com/">web</a> <a href="/r">rel</a>'],
    ['dropped content', '<p>a<script>x</script><form><p>f</p></form>b</p><div><button>c</div>d'],
    ['text and CDATA', '5 < 6 <![CDATA[<b>x</b>]]> &amp;'],
    ['tables and lists', '<table><tr><td><ul><li>a<li>b</ul><td>c</table>'],
    ['deep nesting', '<blockquote>'.repeat(300) + 'x'],
  ];

  it('there are fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(inputs)('%s', (_name, html) => {
    const clean = sanitizeHtml(html);
    expect(htmlToText(clean)).toBe(htmlToText(html));
    expect(htmlToText(clean, { footnotes: true })).toBe(htmlToText(html, { footnotes: true }));
  });
});
