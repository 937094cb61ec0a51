import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { exportOpml, parseOpml, type Subscription } from '../../src/feeds/opml.js';

const DIR = fileURLToPath(new URL('../../fixtures/opml/', import.meta.url));
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.opml'))
  .sort();

// 2024-03-03T10:00:00Z, a Sunday
const NOW = Date.UTC(2024, 2, 3, 10, 0, 0);

function opml(body: string, head = ''): string {
  return `<?xml version="1.0"?>\n<opml version="2.0"><head>${head}</head><body>\n${body}\n</body></opml>`;
}

function subs(body: string): Subscription[] {
  return parseOpml(opml(body), 'test.opml').subscriptions;
}

describe('OPML fixtures', () => {
  it('has the six exporters', () => {
    expect(FIXTURES).toEqual([
      'feedly-nested.opml',
      'inoreader.opml',
      'netnewswire.opml',
      'newsboat-flat.opml',
      'odd.opml',
      'thunderbird.opml',
    ]);
  });

  it.each(FIXTURES)('%s', (file) => {
    const expected = JSON.parse(readFileSync(DIR + file.replace(/\.opml$/, '.expected.json'), 'utf8')) as unknown;
    expect(parseOpml(readFileSync(DIR + file, 'utf8'), file)).toEqual(expected);
  });
});

describe('parseOpml feeds', () => {
  it.each([
    ['title wins over text', '<outline title="T" text="X" xmlUrl="https://a.example/f"/>', 'T'],
    ['text when no title', '<outline text="X" xmlUrl="https://a.example/f"/>', 'X'],
    ['text when title is blank', '<outline title=" \t" text="X" xmlUrl="https://a.example/f"/>', 'X'],
    ['URL when neither', '<outline xmlUrl="https://a.example/f"/>', 'https://a.example/f'],
    ['whitespace collapsed', '<outline title="  A \n  B&#160;C " xmlUrl="https://a.example/f"/>', 'A B C'],
    ['entities decoded once', '<outline title="Tom &amp;amp; Jerry &eacute;" xmlUrl="https://a.example/f"/>', 'Tom &amp; Jerry é'],
    ['uppercase attribute names', '<outline TITLE="Up" XMLURL="https://a.example/f"/>', 'Up'],
  ])('%s', (_, body, name) => {
    expect(subs(body)).toEqual([{ url: 'https://a.example/f', name, category: null }]);
  });

  it.each([
    ['xmlUrl', 'rss'],
    ['xmlurl', 'atom'],
    ['xmlURL', null],
    ['XmlUrl', 'RSS'],
  ])('reads %s with type %s', (attrName, type) => {
    const typeAttr = type === null ? '' : ` type="${type}"`;
    expect(subs(`<outline text="F"${typeAttr} ${attrName}="http://a.example/f"/>`)).toEqual([
      { url: 'http://a.example/f', name: 'F', category: null },
    ]);
  });

  it('ignores a namespaced attribute that only looks like xmlUrl', () => {
    expect(subs('<outline text="Folder" fz:xmlUrl="https://a.example/f"/>')).toEqual([]);
  });

  it.each([
    ['', 'empty xmlUrl'],
    ['   ', 'empty xmlUrl'],
    ['javascript:alert(1)', 'xmlUrl is not an http(s) URL'],
    ['feed://a.example/f', 'xmlUrl is not an http(s) URL'],
    ['file:///etc/passwd', 'xmlUrl is not an http(s) URL'],
    ['/relative/feed.xml', 'xmlUrl is not an http(s) URL'],
  ])('skips xmlUrl %j: %s', (url, reason) => {
    const result = parseOpml(opml(`<outline text="x" xmlUrl="${url}"/>`), 'f.opml');
    expect(result.subscriptions).toEqual([]);
    expect(result.skipped).toEqual([{ line: 3, reason }]);
  });

  it('keeps the first of duplicate URLs, comparing scheme and host without case', () => {
    const result = parseOpml(
      opml(
        [
          '<outline text="first" xmlUrl="https://a.example/Feed"/>',
          '<outline text="same" xmlUrl=" https://a.example/Feed "/>',
          '<outline text="host case" xmlUrl="HTTPS://A.Example/Feed"/>',
          '<outline text="path case" xmlUrl="https://a.example/feed"/>',
        ].join('\n'),
      ),
      'f.opml',
    );
    expect(result.subscriptions.map((s) => s.name)).toEqual(['first', 'path case']);
    expect(result.skipped).toEqual([
      { line: 4, reason: 'duplicate of line 3' },
      { line: 5, reason: 'duplicate of line 3' },
    ]);
  });
});

describe('parseOpml categories', () => {
  it.each<[string, string, string | null]>([
    ['no folder', '<outline text="F" xmlUrl="https://a.example/f"/>', null],
    ['one folder', '<outline text="Tech"><outline text="F" xmlUrl="https://a.example/f"/></outline>', 'Tech'],
    ['folder title over text', '<outline title="T" text="X"><outline text="F" xmlUrl="https://a.example/f"/></outline>', 'T'],
    // Nested folders become one path, outermost first, joined with "/".
    [
      'nested folders joined with /',
      '<outline text="Tech"><outline text="Linux"><outline text="F" xmlUrl="https://a.example/f"/></outline></outline>',
      'Tech/Linux',
    ],
    ['nameless folder left out', '<outline text="Tech"><outline><outline text="F" xmlUrl="https://a.example/f"/></outline></outline>', 'Tech'],
    ['category attribute, first entry', '<outline text="F" category="/tech,/news" xmlUrl="https://a.example/f"/>', 'tech'],
    ['category attribute path', '<outline text="F" category="/Boston/Weather/" xmlUrl="https://a.example/f"/>', 'Boston/Weather'],
    ['category attribute without slash', '<outline text="F" category="news" xmlUrl="https://a.example/f"/>', 'news'],
    ['category attribute skips empty entries', '<outline text="F" category=" , /,/ Late  news " xmlUrl="https://a.example/f"/>', 'Late news'],
    ['empty category attribute', '<outline text="F" category="" xmlUrl="https://a.example/f"/>', null],
    ['folder beats category attribute', '<outline text="Tech"><outline text="F" category="/news" xmlUrl="https://a.example/f"/></outline>', 'Tech'],
    ['feed under a feed keeps the folder', '<outline text="Tech"><outline text="P" xmlUrl="https://a.example/p"><outline text="F" xmlUrl="https://a.example/f"/></outline></outline>', 'Tech'],
  ])('%s', (_, body, category) => {
    const found = subs(body).find((s) => s.url === 'https://a.example/f');
    expect(found?.category).toBe(category);
  });

  it('survives 100,000 nested folders and caps the path at 16 levels', () => {
    const depth = 100_000;
    const body = '<outline text="d">'.repeat(depth) + '<outline text="F" xmlUrl="https://a.example/f"/>' + '</outline>'.repeat(depth);
    expect(subs(body)).toEqual([{ url: 'https://a.example/f', name: 'F', category: Array(16).fill('d').join('/') }]);
  });
});

describe('parseOpml documents', () => {
  it.each([
    ['<opml><head><title> My   feeds </title></head><body/></opml>', 'My feeds'],
    ['<opml><head><title></title></head><body/></opml>', null],
    ['<opml><body/></opml>', null],
    ['<OPML><HEAD><TITLE>Shouty</TITLE></HEAD><BODY><OUTLINE TEXT="F" XMLURL="https://a.example/f"/></BODY></OPML>', 'Shouty'],
  ])('title of %j', (text, title) => {
    expect(parseOpml(text, 'f.opml').title).toBe(title);
  });

  it('reads element names in any case', () => {
    const text = '<OPML><BODY><Outline Text="F" xmlUrl="https://a.example/f"/></BODY></OPML>';
    expect(parseOpml(text, 'f.opml').subscriptions).toEqual([{ url: 'https://a.example/f', name: 'F', category: null }]);
  });

  it('reads a byte order mark, DOCTYPE, comments and a default namespace', () => {
    const text = '\ufeff<!DOCTYPE opml><!-- x --><opml xmlns="http://opml.example/ns"><body><outline xmlUrl="https://a.example/f"/></body></opml>';
    expect(parseOpml(text, 'f.opml').subscriptions).toHaveLength(1);
  });

  it.each([
    ['an RSS feed', '<rss version="2.0"><channel><title>x</title></channel></rss>'],
    ['an HTML page', '<!DOCTYPE html><html><body><p>hi</p></body></html>'],
    ['OPML without a body', '<opml version="2.0"><head><title>x</title></head></opml>'],
    ['a body outside the root', '<opml version="2.0"><head/><x><body/></x></opml>'],
    ['plain text', 'just some words'],
    ['nothing', ''],
    ['JSON', '{"opml": {"body": []}}'],
  ])('rejects %s', (_, text) => {
    expect(() => parseOpml(text, 'subs.opml')).toThrow(new DataError('subs.opml: not an OPML file'));
  });

  it('rejects a cut-off file rather than importing part of it', () => {
    const text = '<opml version="2.0">\n<body>\n<outline text="A" xmlUrl="https://a.example/f"/>\n<outline text="B" xml';
    expect(() => parseOpml(text, 'subs.opml')).toThrow(new DataError('subs.opml: malformed OPML at line 4 (unterminated start tag)'));
  });
});

describe('exportOpml', () => {
  it('writes OPML 2.0 with folders, nested folders and feeds in given order', () => {
    const list: Subscription[] = [
      { url: 'https://a.example/1', name: 'One', category: null },
      { url: 'https://a.example/2', name: 'Two', category: 'Tech/Linux' },
      { url: 'https://a.example/3', name: 'Three', category: 'Tech' },
      { url: 'https://a.example/4', name: 'Four', category: null },
      { url: 'https://a.example/5', name: 'Five', category: 'News' },
      { url: 'https://a.example/6', name: 'Six', category: 'Tech/Linux' },
    ];
    expect(exportOpml(list, { now: NOW })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>news subscriptions</title>',
        '    <dateCreated>Sun, 03 Mar 2024 10:00:00 GMT</dateCreated>',
        '  </head>',
        '  <body>',
        '    <outline type="rss" text="One" title="One" xmlUrl="https://a.example/1"/>',
        '    <outline text="Tech" title="Tech">',
        '      <outline text="Linux" title="Linux">',
        '        <outline type="rss" text="Two" title="Two" xmlUrl="https://a.example/2"/>',
        '        <outline type="rss" text="Six" title="Six" xmlUrl="https://a.example/6"/>',
        '      </outline>',
        '      <outline type="rss" text="Three" title="Three" xmlUrl="https://a.example/3"/>',
        '    </outline>',
        '    <outline type="rss" text="Four" title="Four" xmlUrl="https://a.example/4"/>',
        '    <outline text="News" title="News">',
        '      <outline type="rss" text="Five" title="Five" xmlUrl="https://a.example/5"/>',
        '    </outline>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty list as an empty body', () => {
    expect(exportOpml([], { now: NOW, title: 'Mine' })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>Mine</title>',
        '    <dateCreated>Sun, 03 Mar 2024 10:00:00 GMT</dateCreated>',
        '  </head>',
        '  <body>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['A & B', 'A &amp; B'],
    ['"quoted" <tag> 1 > 0', '&quot;quoted&quot; &lt;tag&gt; 1 &gt; 0'],
    ["it's", "it's"],
    ['tab\there\nline', 'tab&#9;here&#10;line'],
    ['bell\u0007 esc\u001b[31m nul\u0000 cr\r', 'bell esc[31m nul cr'],
    ['lone \ud800 pair \ud83d\ude00 \uffff', 'lone  pair \ud83d\ude00 '],
    ['del\u007f c1\u0085', 'del\u007f c1\u0085'],
  ])('escapes name %j', (name, written) => {
    const out = exportOpml([{ url: 'https://a.example/f', name, category: null }], { now: NOW });
    expect(out).toContain(`<outline type="rss" text="${written}" title="${written}" xmlUrl="https://a.example/f"/>`);
  });

  it('escapes the title and URLs', () => {
    const out = exportOpml([{ url: 'https://a.example/f?a=1&b="2"', name: 'F', category: 'x<y' }], {
      now: NOW,
      title: 'Jo & <Co>\u0001',
    });
    expect(out).toContain('<title>Jo &amp; &lt;Co&gt;</title>');
    expect(out).toContain('<outline text="x&lt;y" title="x&lt;y">');
    expect(out).toContain('xmlUrl="https://a.example/f?a=1&amp;b=&quot;2&quot;"/>');
  });

  it('drops empty path segments', () => {
    const out = exportOpml([{ url: 'https://a.example/f', name: 'F', category: '/a//b/' }], { now: NOW });
    expect(parseOpml(out, 'x').subscriptions[0]?.category).toBe('a/b');
    expect(exportOpml([{ url: 'https://a.example/f', name: 'F', category: ' / ' }], { now: NOW })).toContain(
      '  <body>\n    <outline type="rss"',
    );
  });

  it('leaves dateCreated out for a clock value that is no date', () => {
    expect(exportOpml([], { now: Number.NaN })).not.toContain('dateCreated');
  });
});

describe('OPML round trip', () => {
  const tricky: Subscription[] = [
    { url: 'https://a.example/plain', name: 'Plain', category: null },
    { url: 'https://a.example/amp?x=1&y=2', name: 'Tom & Jerry', category: 'Cartoons & Co' },
    { url: 'https://a.example/q', name: 'Say "hi" & \'bye\'', category: 'Cartoons & Co' },
    { url: 'https://a.example/lt', name: 'a < b > c', category: 'Maths <3' },
    { url: 'http://a.example/uni', name: 'Ünïcödé 日本語 😀 العربية', category: 'Тема/話題' },
    { url: 'https://a.example/ent', name: '&amp; stays &lt;literal&gt;', category: 'Тема/話題/深い' },
    { url: 'https://a.example/deep', name: 'Deep', category: 'Tech/Linux/Kernel' },
    { url: 'https://a.example/mid', name: 'Mid', category: 'Tech/Linux' },
    { url: 'https://a.example/top', name: 'Top', category: 'Tech' },
    { url: 'https://a.example/last', name: 'https://a.example/last', category: null },
  ];

  it('parseOpml(exportOpml(subs)) gives back subs exactly', () => {
    const back = parseOpml(exportOpml(tricky, { now: NOW, title: 'A & "B"' }), 'round.opml');
    expect(back).toEqual({ subscriptions: tricky, skipped: [], title: 'A & "B"' });
  });

  it.each(FIXTURES)('%s survives export and import', (file) => {
    const first = parseOpml(readFileSync(DIR + file, 'utf8'), file).subscriptions;
    const exported = exportOpml(first, { now: NOW });
    expect(parseOpml(exported, file).subscriptions).toEqual(first);
    expect(exportOpml(parseOpml(exported, file).subscriptions, { now: NOW })).toBe(exported);
  });
});
