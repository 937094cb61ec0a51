import { describe, expect, it } from 'vitest';
import { XmlText, parseXml, type XmlElement } from '../../src/feeds/xml.js';
import { Utf8View } from '../../src/io/utf8-view.js';
import { decodeXmlText } from '../../src/feeds/xml-entities.js';
import { attr, childElements, innerMarkup, textOf } from '../../src/feeds/xml-tree.js';

function root(xml: string): XmlElement {
  const doc = parseXml(xml);
  expect(doc.fault).toBeNull();
  if (doc.root === null) throw new Error('no root');
  return doc.root;
}

function first(el: XmlElement): XmlElement {
  const c = childElements(el)[0];
  if (c === undefined) throw new Error(`no child in <${el.name}>`);
  return c;
}

describe('decodeXmlText', () => {
  it.each([
    ['plain', 'plain'],
    ['Tom &amp;amp; Jerry', 'Tom &amp; Jerry'],
    ['&lt;b&gt; &quot;q&quot; &apos;a&apos;', `<b> "q" 'a'`],
    ['&#65;&#x42;&#X43;', 'ABC'],
    ['a&nbsp;b&mdash;c&eacute;', 'a\u00a0b\u2014c\u00e9'],
    ['&foo; &lol9; &xxe;', '&foo; &lol9; &xxe;'],
    ['AT&T & co', 'AT&T & co'],
    ['&amp&lt;', '&amp<'],
    ['&#150;', '\u2013'],
    ['&#0;', '\ufffd'],
    ['&#27;[31m', '\u001b[31m'],
    ['&#xD800;', '\ufffd'],
    ['&#99999999999;', '&#99999999999;'],
    ['&#;&#x;&;', '&#;&#x;&;'],
    ['&nbsp', '&nbsp'],
  ])('%j → %j', (input, expected) => {
    expect(decodeXmlText(input)).toBe(expected);
  });
});

describe('parseXml', () => {
  it('builds the element tree with names, lines and attributes', () => {
    const r = root('<?xml version="1.0"?>\n<rss version="2.0">\n  <channel>\n    <title a=\'1\' b="x &amp; y">T</title>\n  </channel>\n</rss>\n');
    expect(r.name).toBe('rss');
    expect(r.line).toBe(2);
    expect(r.attrs.version).toBe('2.0');
    const title = first(first(r));
    expect(title).toMatchObject({ name: 'title', local: 'title', ns: null, line: 4, closed: true });
    expect({ ...title.attrs }).toEqual({ a: '1', b: 'x & y' });
    expect('toString' in title.attrs).toBe(false);
    expect(textOf(title)).toBe('T');
  });

  it.each([
    ['prefixed', '<rss xmlns:c="http://purl.org/rss/1.0/modules/content/"><c:encoded/></rss>', 'http://purl.org/rss/1.0/modules/content/', 'encoded'],
    ['default', '<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>', 'http://www.w3.org/2005/Atom', 'entry'],
    ['undeclared conventional prefix', '<rss><dc:creator/></rss>', 'http://purl.org/dc/elements/1.1/', 'creator'],
    ['undeclared unknown prefix', '<rss><zz:thing/></rss>', null, 'thing'],
    ['media namespace without slash', '<rss xmlns:m="http://search.yahoo.com/mrss"><m:thumbnail/></rss>', 'http://search.yahoo.com/mrss/', 'thumbnail'],
    ['redeclared inside', '<a xmlns="urn:one"><b xmlns="urn:two"/></a>', 'urn:two', 'b'],
    ['undeclared default', '<a xmlns="urn:one"><b xmlns=""/></a>', null, 'b'],
  ])('resolves namespaces: %s', (_name, xml, ns, local) => {
    const child = first(root(xml));
    expect(child.ns).toBe(ns);
    expect(child.local).toBe(local);
  });

  it('scopes a declaration to its element', () => {
    const r = root('<a><b xmlns="urn:x"><c/></b><d/></a>');
    const [b, d] = childElements(r);
    expect(first(b!).ns).toBe('urn:x');
    expect(d!.ns).toBeNull();
  });

  it('resolves prefixed attributes by namespace', () => {
    const r = root('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item r:about="http://x/1" xml:base="http://b/"/></rdf:RDF>');
    const item = first(r);
    expect(r.local).toBe('RDF');
    expect(attr(item, 'about', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#')).toBe('http://x/1');
    expect(attr(item, 'base', 'http://www.w3.org/XML/1998/namespace')).toBe('http://b/');
    expect(attr(item, 'about')).toBeNull();
  });

  it.each([
    ['CDATA kept raw', '<t><![CDATA[<p>a &amp; b</p>]]></t>', '<p>a &amp; b</p>'],
    ['text and CDATA merged', '<t>a &amp; <![CDATA[<b>]]> c</t>', 'a & <b> c'],
    ['comments dropped', '<t>a<!-- <x> -->b</t>', 'ab'],
    ['processing instructions dropped', '<t>a<?php echo 1 ?>b</t>', 'ab'],
    ['numeric text stays a string', '<t>0012345</t>', '0012345'],
    ['stray < is text', '<t>5 < 6 and <3</t>', '5 < 6 and <3'],
    ['control characters kept', '<t>a\u0001b\u001b[31mc</t>', 'a\u0001b\u001b[31mc'],
    ['entities decoded once', '<t>&amp;lt;b&amp;gt;</t>', '&lt;b&gt;'],
  ])('text: %s', (_name, xml, text) => {
    expect(textOf(root(xml))).toBe(text);
  });

  it.each([
    ['unquoted and bare attributes', '<t a=1 b c = "2"/>', { a: '1', b: '', c: '2' }],
    ['first duplicate wins', '<t a="1" a="2"/>', { a: '1' }],
    ['whitespace in values kept', '<t href=" http://x/\n"/>', { href: ' http://x/\n' }],
    ['> inside quotes', '<t a="1>2"/>', { a: '1>2' }],
    ['xmlns not an attribute', '<t xmlns="urn:a" xmlns:b="urn:b" b:c="1"/>', { 'b:c': '1' }],
  ])('attributes: %s', (_name, xml, attrs) => {
    expect({ ...root(xml).attrs }).toEqual(attrs);
  });

  it('skips a DOCTYPE with an internal subset, honoring no entity', () => {
    const r = root('<!DOCTYPE rss [<!ENTITY a "x>y"> <!-- ] > --> <!ENTITY b \'[\'>]>\n<rss>&a;&b;</rss>');
    expect(textOf(r)).toBe('&a;&b;');
  });

  it('recovers from mismatched tags by closing to the matching open element', () => {
    const r = root('<rss><channel><item><title>a</titl><description>b<br>c</item><item><title>d</title></item></channel></rss>');
    const items = childElements(first(r));
    expect(items.map((i) => i.name)).toEqual(['item', 'item']);
    expect(items.every((i) => i.closed)).toBe(true);
    expect(textOf(items[0]!)).toBe('abc');
    expect(textOf(items[1]!)).toBe('d');
  });

  it('ignores an end tag that closes nothing', () => {
    expect(textOf(root('<a>x</b>y</a>'))).toBe('xy');
  });

  it('writes inline markup back as HTML', () => {
    const r = root('<c><x:div xmlns:x="http://www.w3.org/1999/xhtml"><x:p class="a&amp;b">1 &lt; 2 &amp; <x:br/>3<x:img src="i.png"></x:img></x:p></x:div></c>');
    expect(innerMarkup(first(r))).toBe('<p class="a&amp;b">1 &lt; 2 &amp; <br>3<img src="i.png"></p>');
  });

  it.each([
    ['truncated inside an element', '<rss>\n<channel>\n<item>\n<title>x', 4, 'document ended inside <title>'],
    ['truncated in a start tag', '<rss>\n<channel>\n<item><title', 3, 'unterminated start tag'],
    ['truncated in an attribute', '<rss>\n<a href="x>\n\n', 2, 'unterminated start tag'],
    ['unterminated CDATA', '<rss>\n\n<t><![CDATA[abc\n\n\n', 3, 'unterminated CDATA section'],
    ['unterminated comment', '<rss>\n<!-- x', 2, 'unterminated comment'],
    ['empty document', '  \n', 1, 'no root element'],
  ])('reports a fault with its line: %s', (_name, xml, line, message) => {
    expect(parseXml(xml).fault).toEqual({ line, message });
  });

  it('keeps the tree before a fault, marking what was cut short', () => {
    const doc = parseXml('<rss><channel><item><title>1</title></item><item><title>2');
    const items = childElements(first(doc.root!));
    expect(items.map((i) => i.closed)).toEqual([true, false]);
  });

  it('never overflows the stack on 100,000 nested elements', () => {
    const n = 100_000;
    const doc = parseXml(`<r>${'<a>'.repeat(n)}deep${'</a>'.repeat(n)}</r>`);
    expect(doc.fault).toBeNull();
    expect(textOf(doc.root!)).toBe('deep');
    expect(innerMarkup(doc.root!).length).toBe(n * 7 + 4);
  });

  it('pollutes no prototype with element or attribute names', () => {
    const r = root('<__proto__ __proto__="x" constructor="y" polluted="z"><constructor><prototype polluted="1"/></constructor></__proto__>');
    expect(r.name).toBe('__proto__');
    expect(r.attrs.__proto__).toBe('x');
    expect(r.attrs.constructor).toBe('y');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

// Runs of text from 512 source characters on are kept as XmlText and decoded when
// read: what is read must be what decoding at once gave, however the run was cut up.
describe('long runs of text', () => {
  const long = (word: string) => `${word} `.repeat(Math.ceil(600 / (word.length + 1)));

  it('are kept undecoded until read, then decoded once per read', () => {
    const text = long('Tom &amp; Jerry &eacute;');
    const r = root(`<r><a>${text}</a></r>`);
    const a = first(r);
    expect(a.children).toHaveLength(1);
    expect(a.children[0]).toBeInstanceOf(XmlText);
    expect(textOf(a)).toBe(decodeXmlText(text));
    expect(textOf(r)).toBe(decodeXmlText(text));
  });

  it('join CDATA, text either side of it and text around a comment into one run', () => {
    const body = long('<p>x</p>');
    const a = first(root(`<r><a>\n  <![CDATA[${body}]]>\n  &lt;<!-- note -->&gt;${long('y')}</a></r>`));
    expect(a.children).toHaveLength(1);
    expect(textOf(a)).toBe(`\n  ${body}\n  <>${long('y')}`);
  });

  it('are one run across an end tag that closes nothing, long or short on either side', () => {
    const [x, y] = [long('x'), long('y')];
    expect(first(root(`<r><a>${x}</b>${y}</a></r>`)).children).toHaveLength(1);
    expect(textOf(first(root(`<r><a>${x}</b>${y}</a></r>`)))).toBe(x + y);
    expect(textOf(first(root(`<r><a>short</b>${y}</a></r>`)))).toBe(`short${y}`);
    expect(textOf(first(root(`<r><a>${x}</b>short</a></r>`)))).toBe(`${x}short`);
  });

  it('keep a stray < as text', () => {
    expect(textOf(first(root(`<r><a>${long('a')}< b &amp; 1<2</a></r>`)))).toBe(`${long('a')}< b & 1<2`);
  });

  it('are written back escaped as markup', () => {
    const a = first(root(`<r><a><p>${long('&lt;x&gt; &amp;')}</p></a></r>`));
    expect(innerMarkup(a)).toBe(`<p>${long('&lt;x&gt; &amp;')}</p>`);
  });

  it('keep the text before a fault', () => {
    const doc = parseXml(`<r><a>${long('kept')}<!-- cut`);
    expect(doc.fault?.message).toBe('unterminated comment');
    expect(textOf(first(doc.root!))).toBe(long('kept'));
  });

  it('read from a Utf8View in any order give the decoded text', () => {
    const parts = [long('Café 東京 &amp;'), long('plain ascii'), long('Łódź &#x6771;'), long('tail é')];
    const xml = `<r>${parts.map((p) => `<a>${p}</a>`).join('<b>short é</b>')}</r>`;
    const fromBytes = parseXml(new Utf8View(Buffer.from(xml, 'utf8'))).root!;
    const fromText = root(xml);
    // Read backwards: the view's forward search for non-ASCII bytes must not be relied on.
    const texts = (r: XmlElement) => childElements(r).reverse().map(textOf).reverse();
    expect(texts(fromBytes)).toEqual(texts(fromText));
    expect(texts(fromText).filter((_, i) => i % 2 === 0)).toEqual(parts.map(decodeXmlText));
  });
});
