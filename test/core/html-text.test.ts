// One table per rule of docs/text-rules.md ("HTML or plain text?", "HTML to text").
// Expected strings are written from the rules, not captured from the converter.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, looksLikeHtml } from '../../src/core/html-text.js';
import { rng } from '../support/rng.js';

type Case = [name: string, html: string, expected: string];

const text = (html: string): string => htmlToText(html);
const reader = (html: string): string => htmlToText(html, { footnotes: true });

describe('looksLikeHtml', () => {
  it.each([
    ['<b>bold</b>', true],
    ['text</p>', true],
    ['line<br/>', true],
    ['<!-- note -->', true],
    ['<![CDATA[x]]>', true],
    ['<P>upper', true],
    ['5 < 6', false],
    ['I <3 feeds', false],
    ['x <- y', false],
    ['a <', false],
    ['Tom &amp; Jerry', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(looksLikeHtml(s)).toBe(expected);
  });

  it('is /<[A-Za-z/!]/ on any text', () => {
    const { pick, int } = rng(17);
    const pieces = ['<', '<<', 'a', 'Z', '/', '!', '@', '[', '`', '{', ' ', '3', 'é', '\u212a'];
    for (let n = 0; n < 20_000; n++) {
      const s = Array.from({ length: int(7) }, () => pick(pieces)).join('');
      expect(looksLikeHtml(s), JSON.stringify(s)).toBe(/<[A-Za-z/!]/.test(s));
    }
  });
});

describe('decodeEntities', () => {
  it.each([
    ['named', 'Tom &amp; Jerry', 'Tom & Jerry'],
    ['decimal', '&#8220;Hi&#8221;', '\u201cHi\u201d'],
    ['hex', '&#x2014; &#X2014;', '\u2014 \u2014'],
    ['astral', '&#x1F600;', '\u{1F600}'],
    ['windows-1252 range', '&#150; &#128; &#153;', '\u2013 \u20ac \u2122'],
    ['NUL', '&#0;', '\ufffd'],
    ['out of range', '&#x110000;', '\ufffd'],
    ['surrogate', '&#xD800;', '\ufffd'],
    ['legacy name without semicolon', '&amp &lt &copy 2024', '& < \u00a9 2024'],
    ['legacy prefix of a longer name', '&notit;', '\u00acit;'],
    ['longer name', '&notin;', '\u2209'],
    ['unknown name', '&bogus; AT&T', '&bogus; AT&T'],
    ['decoded once', '&amp;amp;', '&amp;'],
    ['no-break space', 'a&nbsp;b', 'a\u00a0b'],
    // Control characters survive: the terminal sanitizer removes them at print time.
    ['ESC stays ESC', '&#27;[31m', '\u001b[31m'],
    ['BEL stays BEL', '&#7;', '\u0007'],
  ])('%s', (_name, input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('htmlToText', () => {
  describe('paragraphs and blocks', () => {
    it.each<Case>([
      ['empty input', '', ''],
      ['plain text passes through', 'Just text', 'Just text'],
      ['two paragraphs', '<p>One</p><p>Two</p>', 'One\n\nTwo'],
      ['heading and body', '<h1>Title</h1><p>Body</p>', 'Title\n\nBody'],
      ['inline text around a block', 'Intro<div>Block</div>Outro', 'Intro\n\nBlock\n\nOutro'],
      ['nested blocks make one break', '<section><article><div><p>Deep</p></div></article></section>', 'Deep'],
      ['every listed block', '<header>h</header><main>m</main><aside>a</aside><nav>n</nav><footer>f</footer>', 'h\n\nm\n\na\n\nn\n\nf'],
      ['address, details, summary', '<details><summary>More</summary>Hidden</details><address>Addr</address>', 'More\n\nHidden\n\nAddr'],
      ['figure and caption', '<figure><img alt="Cat"><figcaption>A cat</figcaption></figure>', '[image: Cat]\n\nA cat'],
      ['hr is only a break', '<p>a</p><hr><p>b</p>a<hr/>b', 'a\n\nb\n\na\n\nb'],
      ['empty blocks leave nothing', '<p></p><p> </p><div></div><p>x</p><p></p>', 'x'],
      ['inline elements do not break', '<span>in</span><em>line</em> <b>bold</b>', 'inline bold'],
      ['unclosed p is closed by the next', '<p>a<p>b<div>c</div>', 'a\n\nb\n\nc'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('br', () => {
    it.each<Case>([
      ['line break', 'a<br>b', 'a\nb'],
      ['all spellings', 'a<br/>b<BR>c<br />d', 'a\nb\nc\nd'],
      ['two make a blank line', 'a<br><br>b', 'a\n\nb'],
      ['more collapse to one blank line', 'a<br><br><br><br>b', 'a\n\nb'],
      ['trailing br in a paragraph adds nothing', '<p>a<br></p><p>b</p>', 'a\n\nb'],
      ['leading and trailing br are trimmed', '<br>a<br>', 'a'],
      ['whitespace after br is trimmed', 'a<br>\n   b', 'a\nb'],
      ['stray </br> is a br', 'a</br>b', 'a\nb'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('whitespace', () => {
    it.each<Case>([
      ['runs collapse', '  a \n\t b  ', 'a b'],
      ['source newlines are spaces', '<p>\n  Hello,\n  world\n</p>', 'Hello, world'],
      ['space across inline tags', 'a<b> b </b>c', 'a b c'],
      ['CR and form feed', 'a\r\nb\fc', 'a b c'],
      ['no-break spaces do not collapse', 'a&nbsp;&nbsp;b', 'a\u00a0\u00a0b'],
      ['a no-break space alone is an empty line', '<p>&nbsp;</p><p>x</p>', 'x'],
      ['lines are trimmed', '<p>  x  </p><div>\t y \u00a0</div>', 'x\n\ny'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('lists', () => {
    it.each<Case>([
      ['ul', '<ul><li>One</li><li>Two</li></ul>', '- One\n- Two'],
      ['ol', '<ol><li>One</li><li>Two</li></ol>', '1. One\n2. Two'],
      ['ol start', '<ol start="5"><li>a<li>b</ol>', '5. a\n6. b'],
      ['ol start not a number', '<ol start="x"><li>a</ol>', '1. a'],
      ['ol start zero', '<ol start=0><li>a<li>b</ol>', '0. a\n1. b'],
      ['li outside any list', '<li>loose</li>', '- loose'],
      ['a list is one paragraph', '<p>Before</p><ul><li>a</li><li>b</li></ul><p>After</p>', 'Before\n\n- a\n- b\n\nAfter'],
      ['paragraphs inside items do not break the list', '<ul><li><p>Para</p></li><li><p>b</p></li></ul>', '- Para\n- b'],
      ['unclosed items', '<ul><li>a<li>b<li>c</ul>', '- a\n- b\n- c'],
      ['whitespace between items', '<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>', '- a\n- b'],
      ['empty item', '<ul><li></li><li>b</li></ul>', '- b'],
      ['br inside an item', '<ul><li>a<br>more</li><li>b</li></ul>', '- a\n  more\n- b'],
      ['block after text inside an item', '<ol><li>a<p>second</p></li></ol>', '1. a\n  second'],
      ['br opening an item', '<ul><li><br>text</li></ul>', '- text'],
      ['definition list', '<dl><dt>Term</dt><dd>Definition</dd><dt>T2</dt><dd>D2</dd></dl>', 'Term\n  Definition\nT2\n  D2'],
      ['unclosed dt and dd', '<dl><dt>a<dd>b<dt>c<dd>d</dl>', 'a\n  b\nc\n  d'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('nested lists: two spaces per level', () => {
    it.each<Case>([
      ['three levels', '<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>', '- a\n  - b\n    - c\n- d'],
      ['ol in ol', '<ol><li>one<ol><li>sub</li></ol></li><li>two</li></ol>', '1. one\n  1. sub\n2. two'],
      ['ol in ul keeps its start', '<ul><li>a<ol start="3"><li>x</li><li>y</li></ol></li></ul>', '- a\n  3. x\n  4. y'],
      ['unclosed nested items', '<ul><li>a<ul><li>b<li>c</ul><li>d</ul>', '- a\n  - b\n  - c\n- d'],
      ['continuation line of a nested item', '<ul><li>a<ul><li>b<br>b2</li></ul></li></ul>', '- a\n  - b\n    b2'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('blockquote', () => {
    it.each<Case>([
      ['one line', '<blockquote>Quoted</blockquote>', '> Quoted'],
      [
        'paragraphs inside and around',
        '<p>He said:</p><blockquote><p>One</p><p>Two</p></blockquote><p>End</p>',
        'He said:\n\n> One\n>\n> Two\n\nEnd',
      ],
      ['br inside', '<blockquote>a<br>b</blockquote>', '> a\n> b'],
      ['nested', '<blockquote>outer<blockquote>inner</blockquote>back</blockquote>', '> outer\n>\n> > inner\n>\n> back'],
      ['list inside', '<blockquote><ul><li>x</li><li>y</li></ul></blockquote>', '> - x\n> - y'],
      ['pre inside', '<blockquote><pre>  a\n  b</pre></blockquote>', '>   a\n>   b'],
      ['unclosed', '<blockquote><p>a', '> a'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('tables', () => {
    it.each<Case>([
      ['rows and cells', '<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr></table>', 'Name | Qty\nApple | 3'],
      [
        'sections and whitespace',
        '<table>\n <thead><tr><th>A</th><th>B</th></tr></thead>\n <tbody>\n  <tr><td>1</td><td>2</td></tr>\n </tbody>\n</table>',
        'A | B\n1 | 2',
      ],
      ['a table is one paragraph', '<p>x</p><table><tr><td>a</td></tr><tr><td>b</td></tr></table><p>y</p>', 'x\n\na\nb\n\ny'],
      ['unclosed rows and cells', '<table><tr><td>a<td>b<tr><td>c<td>d</table>', 'a | b\nc | d'],
      ['empty cells are skipped', '<table><tr><td>a</td><td> </td><td></td><td>c</td></tr><tr><td></td></tr></table>', 'a | c'],
      ['blocks in cells stay in the row', '<table><tr><td><p>a</p></td><td><div>b</div></td></tr></table>', 'a | b'],
      ['several paragraphs in one cell', '<table><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>', 'a\nb | c'],
      ['br at the end of a cell', '<table><tr><td>a<br></td><td>b</td></tr></table>', 'a | b'],
      ['layout table in a table', '<table><tr><td><table><tr><td>Inner 1</td></tr><tr><td>Inner 2</td></tr></table></td></tr></table>', 'Inner 1\nInner 2'],
      ['caption is a line', '<table><caption>Prices</caption><tr><td>a</td><td>1</td></tr></table>', 'Prices\na | 1'],
      ['stray end tag inside a cell', '<div><table><tr><td>a</div></td><td>b</td></tr></table></div>', 'a | b'],
      ['td outside a table is inline', 'x<td>y</td>', 'xy'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('images', () => {
    it.each<Case>([
      ['alt', '<img src="x.png" alt="A cat">', '[image: A cat]'],
      ['no alt', '<img src="x.png">', '[image]'],
      ['empty alt', '<img alt="">', '[image]'],
      ['blank alt', '<img alt="  \n ">', '[image]'],
      ['inline', 'Look: <img alt="chart"> here', 'Look: [image: chart] here'],
      ['entities and whitespace in alt', '<img alt="a &amp;\n b">', '[image: a & b]'],
      ['unquoted uppercase', '<IMG ALT=Unquoted SRC=x.png>', '[image: Unquoted]'],
      ['image is img', '<image alt="old">', '[image: old]'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('links without footnotes', () => {
    it.each<Case>([
      ['http', '<a href="http://e.com">text</a>', 'text'],
      ['javascript', '<a href="javascript:x()">js</a>', 'js'],
      ['no href', '<a name="top">anchor</a>', 'anchor'],
      ['empty', 'a<a href="http://e.com"></a>b', 'ab'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('links with footnotes', () => {
    it.each<Case>([
      ['one link', '<p>Read <a href="https://e.com/a">the post</a>.</p>', 'Read the post [1].\n\n[1] https://e.com/a'],
      [
        'same URL reuses its number',
        '<a href="http://a">x</a> <a href="http://b">y</a> <a href="http://a">z</a>',
        'x [1] y [2] z [1]\n\n[1] http://a\n[2] http://b',
      ],
      ['text equal to the URL', 'See <a href="https://e.com/">https://e.com/</a>.', 'See [1].\n\n[1] https://e.com/'],
      ['empty text', 'see <a href="http://e.com"></a> here', 'see [1] here\n\n[1] http://e.com'],
      ['whitespace only text', 'see <a href="http://e.com"> </a> here', 'see [1] here\n\n[1] http://e.com'],
      ['image as text', '<a href="http://e.com"><img alt="Logo"></a>', '[image: Logo] [1]\n\n[1] http://e.com'],
      ['non-http links are text only', '<a href="mailto:a@b.c">mail</a> <a href="/rel">rel</a> <a href="ftp://x">ftp</a>', 'mail rel ftp'],
      ['scheme in any case, URL as written', '<a href="HTTPS://E.com/X">x</a>', 'x [1]\n\n[1] HTTPS://E.com/X'],
      ['entities in href', '<a href="http://e.com/?a=1&amp;b=2">q</a>', 'q [1]\n\n[1] http://e.com/?a=1&b=2'],
      ['whitespace in href', '<a href=" http://e.com/\n">x</a>', 'x [1]\n\n[1] http://e.com/'],
      ['unquoted href', '<a href=http://e.com/x>u</a>', 'u [1]\n\n[1] http://e.com/x'],
      ['a new link closes an open one', '<a href="http://a">one<a href="http://b">two</a>', 'one [1]two [2]\n\n[1] http://a\n[2] http://b'],
      ['link around a paragraph', '<a href="http://a"><p>Para</p></a><p>next</p>', 'Para [1]\n\nnext\n\n[1] http://a'],
      [
        'links in a list',
        '<ul><li><a href="http://a">A</a></li><li><a href="http://b">B</a></li></ul>',
        '- A [1]\n- B [2]\n\n[1] http://a\n[2] http://b',
      ],
      ['only a link', '<a href="http://a"></a>', '[1]\n\n[1] http://a'],
      ['unclosed link at the end', '<p><a href="http://a">open', 'open [1]\n\n[1] http://a'],
      ['link in a dropped element', '<form><a href="http://a">x</a></form>ok', 'ok'],
    ])('%s', (_name, html, expected) => {
      expect(reader(html)).toBe(expected);
    });
  });

  describe('pre', () => {
    it.each<Case>([
      ['verbatim', '<pre>  a  b\n    c</pre>', '  a  b\n    c'],
      ['newline after <pre> is dropped', '<pre>\nline</pre>', 'line'],
      ['only one newline is dropped', '<pre>\n\n  x</pre>', '  x'],
      ['a block', '<p>x</p><pre>code</pre><p>y</p>', 'x\n\ncode\n\ny'],
      ['entities decoded', '<pre>if (a &lt; b) {\n  go();\n}</pre>', 'if (a < b) {\n  go();\n}'],
      ['tags inside', '<pre><code>x  = <b>1</b>\ny</code></pre>', 'x  = 1\ny'],
      ['blank lines still collapse', '<pre>a\n\n\n\nb\n</pre>', 'a\n\nb'],
      ['CRLF', '<pre>a\r\nb\rc</pre>', 'a\nb\nc'],
      ['tabs kept', '<pre>\tx\ty</pre>', '\tx\ty'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('dropped elements', () => {
    it.each([
      'script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'form', 'button', 'select',
      'textarea',
    ])('%s goes with its content', (name) => {
      expect(text(`<div>before<${name} id="x"><b>inside</b> text</${name}>after</div>`)).toBe('beforeafter');
    });

    it.each<Case>([
      ['tags inside script are text', 'a<script>var s = "<p>x</p>";</script>b', 'ab'],
      ['style', '<style>p { color: red }</style><p>x</p>', 'x'],
      ['whole document head', '<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body><p>Body</p></body></html>', 'Body'],
      ['head without its end tag', '<head><title>T</title><meta charset="utf-8"><p>Body', 'Body'],
      ['unclosed button ends with its parent', '<div><button>Click</div>after', 'after'],
      ['nested svg', '<svg><g><text>Chart</text><svg><text>in</text></svg><text>more</text></g></svg>Caption', 'Caption'],
      ['form controls', '<form><label>Name</label><input name=n><select><option>One<option>Two</select></form>After', 'After'],
      ['uppercase', '<SCRIPT>x()</SCRIPT>y', 'y'],
      ['XHTML self-closed script', '<script src="x.js"/>visible', 'visible'],
      ['unterminated script', 'a<script>never closed <p>b', 'a'],
      ['embed is void: what follows is not its content', 'a<embed src="x.swf">b</embed>c', 'abc'],
      ['a dropped element ends no paragraph', '<p>before<form>x</form>after', 'beforeafter'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('entities in text', () => {
    it.each<Case>([
      ['named', 'Tom &amp; Jerry', 'Tom & Jerry'],
      ['tags as entities stay text', '&lt;p&gt;not a tag&lt;/p&gt;', '<p>not a tag</p>'],
      ['windows-1252 numbers', 'a &#150; b &#133;', 'a \u2013 b \u2026'],
      ['NUL', 'a&#0;b', 'a\ufffdb'],
      ['ESC is kept for the terminal sanitizer', 'x&#27;]0;title&#7;y', 'x\u001b]0;title\u0007y'],
      ['without semicolon', 'fish &amp chips', 'fish & chips'],
      ['decoded once', '&amp;lt;', '&lt;'],
      ['whitespace from entities collapses too', 'a&#9;&#10;b', 'a b'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('blank lines', () => {
    it.each<Case>([
      ['empty blocks and br between paragraphs', '<p>a</p><p></p><br><br><div></div><p>b</p>', 'a\n\nb'],
      ['nested block ends make one blank line', '<div><div><p>a</p></div></div><div><p>b</p></div>', 'a\n\nb'],
      ['nothing at the start or end', '<br><br><p>a</p><br><br><hr>', 'a'],
      ['blank line after a quote is not quoted', '<blockquote>a<br><br></blockquote>b', '> a\n\nb'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('malformed and unusual markup', () => {
    it.each<Case>([
      ['unclosed inline and block', '<p>unclosed <b>bold <i>both</p><p>next', 'unclosed bold both\n\nnext'],
      ['stray </p> is an empty paragraph', 'a</p>b', 'a\n\nb'],
      ['other stray end tags are ignored', 'a</div></span>b', 'ab'],
      ['unquoted attributes', '<p class=x id=y>unquoted</p>', 'unquoted'],
      ['> inside a quoted attribute', '<p title="a > b">x</p>', 'x'],
      ['uppercase tags', '<P>UPPER</P><DIV>Case</DIV>', 'UPPER\n\nCase'],
      ['< that starts no tag', '5 < 6 and 7 > 3, a <3 b, x <- y', '5 < 6 and 7 > 3, a <3 b, x <- y'],
      ['< before a tag', '<<b>x</b>', '<x'],
      ['comment', 'x<!-- comment <p>hidden</p> -->y', 'xy'],
      ['short comments', 'a<!-->b<!--->c', 'abc'],
      ['comment ended by --!>', 'a<!-- x --!>b', 'ab'],
      ['unterminated comment', 'a<!-- open', 'a'],
      ['doctype', '<!DOCTYPE html>x', 'x'],
      ['CDATA content is text', 'a<![CDATA[<b>&amp;</b>]]>b', 'a<b>&amp;</b>b'],
      ['processing instruction', 'x<?php echo 1 ?>y', 'xy'],
      ['tag cut off by the end', 'text <a href="x', 'text'],
      ['empty end tag', 'a</>b', 'ab'],
      ['bogus end tag', 'a</ b>c', 'ac'],
      ['XHTML empty elements', '<p/>x<div/>y', 'x\n\ny'],
      ['content after </html>', '<p>x</p></body></html>trailing', 'x\n\ntrailing'],
      ['attribute without value', '<p hidden>x</p>', 'x'],
      ['slash between attributes', '<img/alt="s"/src=x>', '[image: s]'],
      ['title outside head is text', '<title>T &amp; U</title>', 'T & U'],
      ['xmp is raw text', '<xmp><b>raw</b></xmp>', '<b>raw</b>'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });
  });

  describe('deep nesting is flattened, never recursed', () => {
    const N = 100_000;

    it.each<Case>([
      ['100,000 nested divs', '<div>'.repeat(N) + 'deep' + '</div>'.repeat(N), 'deep'],
      ['100,000 unclosed divs', '<div>'.repeat(N) + 'deep', 'deep'],
      ['100,000 unclosed inline tags', '<b>'.repeat(N) + 'x', 'x'],
      ['100,000 nested quotes stop at 256', '<blockquote>'.repeat(N) + 'x', `${'> '.repeat(256)}x`],
      ['100,000 nested spans then a script', '<span>'.repeat(N) + '<script>gone</script><style>x</style>ok', 'ok'],
    ])('%s', (_name, html, expected) => {
      expect(text(html)).toBe(expected);
    });

    it('100,000 nested lists indent only to the depth bound', () => {
      const lines = text('<ul><li>'.repeat(N) + 'x').split('\n');
      expect(lines.at(-1)?.trim()).toBe('- x');
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(256 + 3);
    });

    it('100,000 elements nested in a link', () => {
      const out = reader(`<a href="http://e.com/">${'<span>'.repeat(N)}x`);
      expect(out).toBe('x [1]\n\n[1] http://e.com/');
    });

    it('100,000 unclosed links: each new one ends the last, empty ones get just [N]', () => {
      const out = reader('<a href="http://e.com/">'.repeat(N) + 'x');
      expect(out).toBe(`${'[1]'.repeat(N - 1)}x [1]\n\n[1] http://e.com/`);
    });

    it('honors maxDepth', () => {
      expect(htmlToText('<blockquote><blockquote><blockquote>x', { maxDepth: 2 })).toBe('> > x');
    });

    it('keeps the text of flattened elements', () => {
      const html = '<div>'.repeat(300) + 'a<p>b</p>c' + '</div>'.repeat(300) + '<p>d</p>';
      expect(text(html)).toBe('abc\n\nd');
    });
  });

  // No timing assertions: vitest's timeout is the guard against quadratic behaviour.
  describe('large inputs finish', () => {
    const post =
      '<h2>Heading</h2><p>Some <a href="https://example.com/a?b=1&amp;c=2">linked</a> text &mdash; with ' +
      '<em>emphasis</em> and an image <img src="x.jpg" alt="photo">.</p><ul><li>one</li><li>two</li></ul>' +
      '<blockquote><p>Quote</p></blockquote><table><tr><td>a</td><td>b</td></tr></table><pre>code\n  more</pre>';

    it.each([
      ['5 MB of ordinary HTML', post.repeat(Math.ceil(5e6 / post.length))],
      ['a million unclosed tags', '<b>'.repeat(1e6)],
      ['a million stray end tags', '</div>'.repeat(1e6)],
      ['a million unclosed paragraphs', '<p>a'.repeat(1e6)],
      ['half a million list items', '<li>x'.repeat(5e5)],
      ['deep tables', '<table><tr><td>'.repeat(1e5) + 'x'],
      ['a million < that start nothing', '5 < 6 '.repeat(1e6)],
      ['an unterminated comment', `<!--${'x'.repeat(5e6)}`],
      ['a tag with a million attributes', `<div ${'a=1 '.repeat(1e6)}>x</div>`],
      ['a hundred thousand links', Array.from({ length: 1e5 }, (_, i) => `<a href="http://e.com/${i}">l</a>`).join(' ')],
    ])('%s', (_name, html) => {
      expect(typeof reader(html)).toBe('string');
    });

    it('repeated posts convert to repeated text', () => {
      const n = 1000;
      const out = text(post.repeat(n));
      expect(out.split('Heading').length - 1).toBe(n);
    });
  });
});

// Each fixtures/html/NAME.html has a hand-written NAME.expected.txt (the `body` field)
// and may have NAME.footnotes.expected.txt (the reader view).
describe('fixtures', () => {
  const dir = new URL('../../fixtures/html/', import.meta.url);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length));
  // Editors add a final newline to the expected files; the converter's output has none.
  const expected = (file: string): string => readFileSync(new URL(file, dir), 'utf8').replace(/\n$/, '');

  it.each(names)('%s', (name) => {
    const html = readFileSync(new URL(`${name}.html`, dir), 'utf8');
    expect(htmlToText(html)).toBe(expected(`${name}.expected.txt`));
    if (existsSync(new URL(`${name}.footnotes.expected.txt`, dir))) {
      expect(htmlToText(html, { footnotes: true })).toBe(expected(`${name}.footnotes.expected.txt`));
    }
  });
});
