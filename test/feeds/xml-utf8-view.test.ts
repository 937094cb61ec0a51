import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/feeds/xml.js';
import { Utf8View } from '../../src/io/utf8-view.js';

// parseXml scans a UTF-8 document's bytes read as Latin-1 and decodes only the spans it
// keeps: the tree must be the one the decoded text gives, whatever the characters.
const view = (xml: string) => new Utf8View(Buffer.from(xml, 'utf8'));

describe('parseXml on a Utf8View', () => {
  it.each([
    ['ascii', '<rss><channel><title>Plain &amp; simple</title></channel></rss>'],
    ['latin-1 text', '<rss><item><title>Café naïve Düsseldorf</title></item></rss>'],
    ['beyond latin-1', '<rss><item><title>東京 – Łódź 🎉</title><d><![CDATA[<p>市 é</p>]]></d></item></rss>'],
    ['names and attributes', '<feed xmlns:ü="urn:ü"><ü:título lang="日本" ü:x=\'é\'>v</ü:título><e a=ö>t</e></feed>'],
    ['entities next to characters', '<r>é&amp;東&#233;&#x6771;&eacute;</r>'],
    ['a BOM and text before the root', '\ufeff \u00a0<r>x</r>'],
    ['end tags with characters', '<r><ä>1</ä><b>2</ä></b></r>'],
  ])('%s', (_, xml) => {
    expect(parseXml(view(xml))).toEqual(parseXml(xml));
  });

  it('reports a fault at the same line', () => {
    const xml = '<r>\n<é>東京\n<b>cut';
    expect(parseXml(view(xml)).fault).toEqual(parseXml(xml).fault);
  });
});

describe('Utf8View', () => {
  it('decodes spans that are asked for out of order', () => {
    const v = view('ab é cd 東 ef');
    const text = 'ab é cd 東 ef';
    const at = (chars: number) => Buffer.byteLength(text.slice(0, chars));
    expect(v.span(at(8), at(12))).toBe('東 ef');
    expect(v.span(at(0), at(2))).toBe('ab');
    expect(v.span(at(3), at(7))).toBe('é cd');
    expect(v.span(at(5), at(7))).toBe('cd');
  });

  it('decodes spans anywhere, each on its own bytes', () => {
    const text = 'ab é cd 東 ef';
    const v = view(text);
    const at = (chars: number) => Buffer.byteLength(text.slice(0, chars));
    expect(v.spanAnywhere(at(8), at(12))).toBe('東 ef');
    expect(v.spanAnywhere(at(5), at(7))).toBe('cd');
    expect(v.spanAnywhere(at(0), at(4))).toBe('ab é');
    expect(v.spanAnywhere(at(5), at(9))).toBe('cd 東');
  });

  it('gives a head of whole characters', () => {
    expect(view('東京東京').head(3)).toBe('東京東');
    expect(view('ab').head(10)).toBe('ab');
  });
});
