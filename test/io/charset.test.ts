import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, normalizeCharset, parseContentType } from '../../src/io/charset.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

describe('parseContentType', () => {
  it('splits the media type and charset', () => {
    expect(parseContentType('Text/XML; Charset="ISO-8859-1"; foo=bar')).toEqual({
      mediaType: 'text/xml',
      charset: 'iso-8859-1',
    });
    expect(parseContentType('application/rss+xml;charset=utf-8')).toEqual({
      mediaType: 'application/rss+xml',
      charset: 'utf-8',
    });
  });

  it('copes with missing parts', () => {
    expect(parseContentType(null)).toEqual({ mediaType: null, charset: null });
    expect(parseContentType('')).toEqual({ mediaType: null, charset: null });
    expect(parseContentType('text/html; charset=')).toEqual({ mediaType: 'text/html', charset: null });
    expect(parseContentType('text/html; q')).toEqual({ mediaType: 'text/html', charset: null });
  });
});

describe('normalizeCharset', () => {
  it('folds labels as WHATWG does', () => {
    expect(normalizeCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeCharset('latin1')).toBe('windows-1252');
    expect(normalizeCharset('US-ASCII')).toBe('windows-1252');
    expect(normalizeCharset('UTF8')).toBe('utf-8');
    expect(normalizeCharset('gb2312')).toBe('gb18030');
    expect(normalizeCharset('Shift_JIS')).toBe('shift_jis');
    expect(normalizeCharset('koi8-r')).toBe('koi8-r');
  });

  it('refuses unknown and dangerous labels', () => {
    expect(normalizeCharset('x-no-such-charset')).toBeNull();
    expect(normalizeCharset('base64')).toBeNull();
    expect(normalizeCharset('utf-7')).toBeNull();
    expect(normalizeCharset('')).toBeNull();
  });
});

describe('decodeBytes', () => {
  it('defaults to UTF-8', () => {
    expect(decodeBytes(Buffer.from('<rss>héllo €</rss>'))).toEqual({ text: '<rss>héllo €</rss>', charset: 'utf-8' });
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', charset: 'utf-8' });
  });

  it('honours and strips a UTF-8 BOM, even against the header', () => {
    const r = decodeBytes(bytes([0xef, 0xbb, 0xbf], Buffer.from('<a>é</a>').toString('latin1')), 'iso-8859-1');
    expect(r).toEqual({ text: '<a>é</a>', charset: 'utf-8' });
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    const doc = '<?xml version="1.0"?><a>日本 ü</a>';
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(doc)]))).toEqual({
      text: doc,
      charset: 'utf-16le',
    });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(doc)]), 'utf-8')).toEqual({
      text: doc,
      charset: 'utf-16be',
    });
  });

  it('detects UTF-16 without a BOM from the leading <', () => {
    const doc = '<?xml version="1.0" encoding="UTF-16"?><a>ß</a>';
    expect(decodeBytes(utf16le(doc))).toEqual({ text: doc, charset: 'utf-16le' });
    expect(decodeBytes(utf16be(doc))).toEqual({ text: doc, charset: 'utf-16be' });
    // An ASCII-compatible header label cannot be right about such bytes.
    expect(decodeBytes(utf16le(doc), 'utf-8').charset).toBe('utf-16le');
  });

  it('uses a UTF-16 header label for BOM-less UTF-16 that does not start with <', () => {
    expect(decodeBytes(utf16be('{"a":"ü"}'), 'utf-16be')).toEqual({ text: '{"a":"ü"}', charset: 'utf-16be' });
  });

  it('ignores a UTF-16 label on ASCII-compatible bytes', () => {
    const doc = '<?xml version="1.0" encoding="utf-16"?><a>é</a>';
    expect(decodeBytes(Buffer.from(doc), 'utf-16')).toEqual({ text: doc, charset: 'utf-8' });
  });

  it('reads the XML declaration', () => {
    const r = decodeBytes(bytes('<?xml version="1.0" encoding="ISO-8859-15"?><a>', [0xa4], '</a>'));
    expect(r).toEqual({ text: '<?xml version="1.0" encoding="ISO-8859-15"?><a>€</a>', charset: 'iso-8859-15' });
    const single = decodeBytes(bytes("  <?xml version='1.0' encoding='windows-1251'?><a>", [0xcf, 0xf0, 0xe8], '</a>'));
    expect(single.text).toContain('<a>При</a>');
    expect(single.charset).toBe('windows-1251');
  });

  it('lets the HTTP charset beat the XML declaration', () => {
    const body = bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>', Buffer.from('é').toString('latin1'), '</a>');
    expect(decodeBytes(body, 'utf-8')).toEqual({
      text: '<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>',
      charset: 'utf-8',
    });
  });

  it('falls through an unknown HTTP label to the declaration', () => {
    const body = bytes('<?xml version="1.0" encoding="windows-1252"?><a>', [0x93, 0x94], '</a>');
    expect(decodeBytes(body, 'x-bogus').text).toContain('“”');
  });

  it('reads <meta charset> and http-equiv in HTML', () => {
    const a = decodeBytes(bytes('<!doctype html><html><head><meta charset="windows-1252"><title>', [0x80], '</title>'));
    expect(a).toEqual({ text: '<!doctype html><html><head><meta charset="windows-1252"><title>€</title>', charset: 'windows-1252' });
    const b = decodeBytes(
      bytes('<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=koi8-r"><title>', [0xf0, 0xd2], '</title>'),
    );
    expect(b.charset).toBe('koi8-r');
    expect(b.text).toContain('<title>Пр</title>');
  });

  it('ignores a <meta> quoted inside an XML feed', () => {
    const doc = '<rss><item><description><![CDATA[<meta charset="iso-8859-1">é]]></description></item></rss>';
    expect(decodeBytes(Buffer.from(doc))).toEqual({ text: doc, charset: 'utf-8' });
  });

  it('maps windows-1252 bytes 0x80-0x9F to punctuation, not C1 controls', () => {
    const r = decodeBytes(bytes([0x93, 0x94, 0x80, 0x85, 0x96, 0x99, 0x81]), 'iso-8859-1');
    expect(r).toEqual({ text: '“”€…–™\u0081', charset: 'windows-1252' });
    expect(decodeBytes(bytes('x', [0xe9]), 'US-ASCII').text).toBe('xé');
  });

  it('decodes invalid UTF-8 declared as UTF-8 whole as windows-1252', () => {
    const body = bytes('<?xml version="1.0" encoding="utf-8"?><a>caf', [0xe9], ' ', [0x93], 'hi', [0x94], '</a>');
    expect(decodeBytes(body)).toEqual({
      text: '<?xml version="1.0" encoding="utf-8"?><a>café “hi”</a>',
      charset: 'windows-1252',
    });
    expect(decodeBytes(bytes([0xe9]), 'utf-8').charset).toBe('windows-1252');
    expect(decodeBytes(bytes([0xe9]), 'no-such-charset')).toEqual({ text: 'é', charset: 'windows-1252' });
  });

  it('turns invalid bytes in other charsets into U+FFFD', () => {
    const sjis = decodeBytes(bytes([0x82, 0xa0, 0xff, 0x41]), 'shift_jis');
    expect(sjis).toEqual({ text: 'あ\ufffdA', charset: 'shift_jis' });
    const lone = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x3c, 0, 0x00, 0xd8, 0x3e, 0])]));
    expect(lone.text).toBe('<\ufffd>');
  });

  it('decodes Shift_JIS and GB18030', () => {
    const ja = '<?xml version="1.0" encoding="Shift_JIS"?><title>日本語のニュース</title>';
    expect(decodeBytes(iconv.encode(ja, 'shiftjis'))).toEqual({ text: ja, charset: 'shift_jis' });
    const zh = '<?xml version="1.0" encoding="GB2312"?><title>新闻 𠀀</title>';
    expect(decodeBytes(iconv.encode(zh, 'gb18030'))).toEqual({ text: zh, charset: 'gb18030' });
    const big5 = iconv.encode('<p>新聞</p>', 'big5');
    expect(decodeBytes(big5, 'big5').text).toBe('<p>新聞</p>');
  });

  it('is fast on 30 MB', () => {
    const line = Buffer.from('<item><title>Ünïcödé “quotes”</title></item>\n');
    const big = Buffer.concat(Array.from({ length: Math.ceil(30e6 / line.length) }, () => line));
    let t = performance.now();
    expect(decodeBytes(big).text.length).toBeGreaterThan(25e6);
    const utf8Ms = performance.now() - t;
    const legacy = iconv.encode(big.toString('utf8'), 'windows1252');
    t = performance.now();
    expect(decodeBytes(legacy, 'iso-8859-1').charset).toBe('windows-1252');
    const legacyMs = performance.now() - t;
    expect(utf8Ms).toBeLessThan(3000);
    expect(legacyMs).toBeLessThan(3000);
  });
});
