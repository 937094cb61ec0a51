import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/feeds/detect.js';

describe('detectKind', () => {
  it.each([
    ['JSON array', '[{"title":"x"}]', 'json-store'],
    ['BOM and whitespace first', '\ufeff \n [ ]', 'json-store'],
    ['object with articles', '{"articles": [{"title": "x"}]}', 'json-store'],
    ['articles after other keys', '{"generator": {"name": "x", "v": [1, "]}"]}, "count": 3, "articles": []}', 'json-store'],
    ['JSON Feed 1.1', '{"version": "https://jsonfeed.org/version/1.1", "items": []}', 'json-feed'],
    ['JSON Feed 1.0 with version later', '{"title": "t", "home_page_url": "https://x/", "version": "https://jsonfeed.org/version/1"}', 'json-feed'],
    ['JSON Feed escaped key', '{"\\u0076ersion": "https://jsonfeed.org/version/1.1"}', 'json-feed'],
    ['nested version does not count', '{"meta": {"version": "https://jsonfeed.org/version/1.1"}}', 'unknown'],
    ['articles that is no array', '{"articles": {}}', 'unknown'],
    ['other JSON', '{"a": 1}', 'unknown'],
    ['RSS', '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', 'xml-feed'],
    ['RSS 0.91 with DOCTYPE', '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"/>', 'xml-feed'],
    ['DOCTYPE with internal subset', '<!DOCTYPE rss [<!ENTITY a "<html>">]><rss/>', 'xml-feed'],
    ['comment and stylesheet first', '<?xml version="1.0"?><!-- <html> --><?xml-stylesheet href="s.xsl"?><rss/>', 'xml-feed'],
    ['RDF', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', 'xml-feed'],
    ['Atom', '<feed xmlns="http://www.w3.org/2005/Atom">', 'xml-feed'],
    ['prefixed Atom', '<a:feed xmlns:a="http://www.w3.org/2005/Atom">', 'xml-feed'],
    ['HTML doctype', '<!DOCTYPE html>\n<html><head>', 'html'],
    ['HTML doctype any case', '<!doctype HTML><title>x</title>', 'html'],
    ['html element', '<html lang="en">', 'html'],
    ['XHTML', '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><html xmlns="http://www.w3.org/1999/xhtml">', 'html'],
    ['other XML', '<?xml version="1.0"?><opml version="2.0"/>', 'unknown'],
    ['plain text', 'hello', 'unknown'],
    ['empty', '   ', 'unknown'],
  ])('%s', (_name, text, kind) => {
    expect(detectKind(text)).toBe(kind);
  });

  it('decides a huge store from its first bytes', () => {
    const big = `{"articles": [${'{"title": "x", "body": "[{}]"},'.repeat(200_000)}{}]}`;
    const start = performance.now();
    expect(detectKind(big)).toBe('json-store');
    expect(performance.now() - start).toBeLessThan(50);
  });

  it('gives up past the first 64 KB rather than read the whole text', () => {
    expect(detectKind(`{"padding": "${'x'.repeat(100_000)}", "articles": []}`)).toBe('unknown');
  });
});
