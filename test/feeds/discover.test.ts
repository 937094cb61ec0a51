import { describe, expect, it } from 'vitest';
import { findFeedLinks } from '../../src/feeds/discover.js';

describe('findFeedLinks', () => {
  it.each<[string, string, string | null, { url: string; type: string; title: string | null }[]]>([
    ['RSS link', '<link rel="alternate" type="application/rss+xml" href="https://x/feed" title="Main">', null,
      [{ url: 'https://x/feed', type: 'application/rss+xml', title: 'Main' }]],
    ['all four types in document order',
      `<head><link rel=alternate type=application/atom+xml href=/atom>
       <link rel="alternate" type="application/feed+json" href="/feed.json">
       <link rel="alternate" type="application/json" href="/j.json">
       <link type="application/rss+xml" rel="alternate" href="/rss"></head>`, 'https://site.example/blog/',
      [
        { url: 'https://site.example/atom', type: 'application/atom+xml', title: null },
        { url: 'https://site.example/feed.json', type: 'application/feed+json', title: null },
        { url: 'https://site.example/j.json', type: 'application/json', title: null },
        { url: 'https://site.example/rss', type: 'application/rss+xml', title: null },
      ]],
    ['several rel tokens, any case', '<LINK REL="Alternate Home" TYPE="Application/RSS+XML; charset=utf-8" HREF="f.xml">', 'https://s.example/a/b',
      [{ url: 'https://s.example/a/f.xml', type: 'application/rss+xml', title: null }]],
    ['other rels and types ignored',
      '<link rel="stylesheet" type="application/rss+xml" href="/a"><link rel="alternate" type="text/html" href="/b"><link rel="alternate" hreflang="fr" href="/c">',
      'https://s.example/', []],
    ['base href first, then the page URL', '<link rel="alternate" type="application/rss+xml" href="feed"><base href="/sub/">', 'https://s.example/x/y',
      [{ url: 'https://s.example/sub/feed', type: 'application/rss+xml', title: null }]],
    ['entities in attributes and titles', '<link rel="alternate" type="application/rss+xml" href="/f?a=1&amp;b=2" title=" Caf&eacute;  &amp; co ">', 'https://s.example/',
      [{ url: 'https://s.example/f?a=1&b=2', type: 'application/rss+xml', title: 'Café & co' }]],
    ['relative without any base dropped', '<link rel="alternate" type="application/rss+xml" href="/feed">', null, []],
    ['javascript: dropped', '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">', 'https://s.example/', []],
    ['commented out and script text ignored',
      '<!-- <link rel="alternate" type="application/rss+xml" href="/old"> --><script>var s = \'<link rel="alternate" type="application/rss+xml" href="/js">\';</script>',
      'https://s.example/', []],
    ['duplicates listed once', '<link rel="alternate" type="application/rss+xml" href="/f"><link rel="alternate" type="application/rss+xml" href="https://s.example/f">', 'https://s.example/',
      [{ url: 'https://s.example/f', type: 'application/rss+xml', title: null }]],
  ])('%s', (_name, html, base, expected) => {
    expect(findFeedLinks(html, base)).toEqual(expected);
  });
});
