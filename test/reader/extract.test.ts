// The reader view's core, extractArticle: every fixtures/pages/NAME.html against
// its hand-written NAME.expected.json, then the rules one at a time on small pages.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { finishArticles } from '../../src/core/articles.js';
import { formatIsoUtc } from '../../src/core/dates.js';
import { htmlToText } from '../../src/core/html-text.js';
import { extractArticle, extractPage } from '../../src/reader/extract.js';
import { MAX_NESTING, limitNesting } from '../../src/reader/limit-nesting.js';
import { toJsonObject } from '../../src/render/json.js';

const DIR = fileURLToPath(new URL('../../fixtures/pages/', import.meta.url));
const PAGES = readdirSync(DIR).filter((f) => f.endsWith('.html')).sort();

interface Expected {
  /** Where the page lives (the input's second argument). */
  pageUrl: string | null;
  pageTitle: string | null;
  /** The article in the public JSON schema, without `html`; null for a page that is not an article. */
  article: Record<string, unknown> | null;
}

const expectedFor = (page: string): Expected => JSON.parse(readFileSync(DIR + page.replace(/\.html$/, '.expected.json'), 'utf8')) as Expected;
const html = (page: string) => readFileSync(DIR + page, 'utf8');

describe('fixture pages', () => {
  it('has an article page modeled on the seed, 3 more, and one that is not an article', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(4);
    expect(PAGES.filter((p) => expectedFor(p).article === null).length).toBeGreaterThanOrEqual(1);
  });

  it.each(PAGES)('%s', (page) => {
    const want = expectedFor(page);
    const got = extractPage(html(page), want.pageUrl);
    expect(got.pageTitle).toBe(want.pageTitle);
    if (want.article === null) {
      expect(got.article).toBeNull();
      return;
    }
    expect(got.article).not.toBeNull();
    const json = toJsonObject(finishArticles([got.article!])[0]!) as unknown as Record<string, unknown>;
    // Every disagreeing field at once, so one run shows the whole picture.
    const mismatches = Object.entries(want.article)
      .filter(([field, value]) => !isDeepStrictEqual(json[field], value))
      .map(([field, value]) => `${field}: expected ${JSON.stringify(value)}, got ${JSON.stringify(json[field])}`);
    expect(mismatches).toEqual([]);
    // The html field renders to the same text and carries nothing executable.
    expect(htmlToText(got.article!.html!, { footnotes: true })).toBe(got.article!.body);
    expect(got.article!.html).not.toMatch(/<script|<style|\son\w+=|javascript:/i);
  });

  it('is the same function as extractArticle', () => {
    for (const page of PAGES) {
      const { pageUrl } = expectedFor(page);
      expect(extractArticle(html(page), pageUrl)).toEqual(extractPage(html(page), pageUrl).article);
    }
  });
});

describe('the seed page (WordPress, "World")', () => {
  const page = 'wordpress-world.html';
  const article = extractArticle(html(page), expectedFor(page).pageUrl)!;
  const everything = `${article.body}\n${article.html}`;

  it('keeps all four body paragraphs', () => {
    const paragraphs = article.body!.split('\n\n');
    expect(paragraphs.slice(1, 5).map((p) => p.split(' ').slice(0, 6).join(' '))).toEqual([
      'On the sidelines of the Russia-Ukrain',
      'As per the Russian Ministry of',
      'If happened this would be the',
      'This significant visit has not yet',
    ]);
    expect(paragraphs[4]!.endsWith('development and peace around the world.')).toBe(true);
  });

  it.each([
    // The Recent Posts widget: headlines, teasers and times.
    'Hina Khan Hails', 'Subhash Ghai', 'Rare Earth Cooperation', 'Beej Se Bazaar', 'EV Sales Cross', 'Self-Reliant Defence',
    'actress Hina Khan', 'Recent Posts', '16 mins ago', '41 mins ago', '1 hour ago', '2 hours ago',
    // menu, breadcrumbs, share and like buttons, tags, author box, post navigation
    'Skip to content', 'Contact Us', 'E-Paper', 'Share this', 'Click to share', 'WhatsApp', 'Like this', 'Loading...',
    'Tagged', 'Posted in', 'Post navigation', 'G20 Finance', 'IMF Bailout',
    // comments and the reply form
    'thoughts on', 'Arvind', 'says:', 'Until Beijing confirms', 'Leave a Reply', 'Post Comment',
    // sidebar and footer
    'Search for', 'Categories', 'About Us', 'Privacy Policy', 'All rights reserved', 'Powered by',
  ])('drops "%s"', (text) => {
    expect(everything).not.toContain(text);
  });
});

describe('the news page (JSON-LD, cookie banner)', () => {
  const page = 'news-jsonld-cookie-banner.html';
  const article = extractArticle(html(page), expectedFor(page).pageUrl)!;
  it.each(['We value your privacy', 'partners use cookies', 'Accept all', 'Manage preferences', 'Most read', 'Related stories',
    'Harbour repairs', 'Share on', 'morning briefing', 'Subscribe', 'Lakeside Media Ltd'])('drops "%s"', (text) => {
    expect(`${article.body}\n${article.html}`).not.toContain(text);
  });
});

// A page with enough prose for Readability to call it an article.
const PROSE = [
  'The harbour authority confirmed on Monday that the northern breakwater will be rebuilt over the next two summers, with work starting as soon as the last ferry of the season has left.',
  'Engineers surveyed the old wall after the winter storms and found that long sections had been undermined by the tide, leaving gaps that fishing boats now have to steer around at night.',
  'The council said the cost would be shared with the national government and that no increase in mooring fees was planned, although the final budget will only be agreed in the autumn.',
];

function pageWith(o: { head?: string; before?: string; body?: string; after?: string } = {}): string {
  const body = o.body ?? PROSE.map((p) => `<p>${p}</p>`).join('\n');
  return `<!DOCTYPE html><html><head><title>Breakwater to be rebuilt - Harbour News</title>${o.head ?? ''}</head>
<body>${o.before ?? ''}<main><article><h1>Breakwater to be rebuilt</h1>${body}</article></main>${o.after ?? ''}</body></html>`;
}

const meta = (property: string, content: string) => `<meta property="${property}" content="${content}">`;
const jsonLd = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const published = (page: string, url: string | null = 'https://news.example/a') => formatIsoUtc(extractArticle(page, url)?.publishedAt ?? null);

describe('published time', () => {
  const ld = jsonLd({ '@context': 'https://schema.org', '@type': 'NewsArticle', datePublished: '2024-02-02T10:00:00Z' });
  const time = '<p class="meta"><time datetime="2024-03-03T10:00:00Z">3 March</time></p>';
  it.each([
    ['article:published_time first', pageWith({ head: meta('article:published_time', '2024-01-01T10:00:00+01:00') + ld, body: time + pageWith().match(/<p>[\s\S]*<\/p>/)![0] }), '2024-01-01T09:00:00Z'],
    ['then JSON-LD datePublished', pageWith({ head: ld, before: time }), '2024-02-02T10:00:00Z'],
    ['JSON-LD in a @graph, on the Article', pageWith({ head: jsonLd({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'x' }, { '@type': ['Article'], datePublished: '2024-04-04' }] }) }), '2024-04-04T00:00:00Z'],
    ['then <time datetime>', pageWith({ body: time + PROSE.map((p) => `<p>${p}</p>`).join('') }), '2024-03-03T10:00:00Z'],
    ['an unparseable date falls through to the next', pageWith({ head: meta('article:published_time', 'last Tuesday') + ld }), '2024-02-02T10:00:00Z'],
    ['broken JSON-LD is skipped', pageWith({ head: '<script type="application/ld+json">{"datePublished": </script>' }), null],
    ['a time in a sidebar is another text\'s', pageWith({ before: '<aside><ul><li>Older story <time datetime="2020-01-01">1 Jan</time></li></ul></aside>' }), null],
    ['a time in the comments is a comment\'s', pageWith({ after: `<div id="comments"><p>Nice. <time datetime="2020-01-01">1 Jan</time></p></div>` }), null],
    ['itemprop=datePublished beats an earlier time', pageWith({ before: '<header><time datetime="2020-05-05">today</time></header>', body: `<p><time itemprop="datePublished" datetime="2024-06-06T06:00:00Z">6 June</time></p>${PROSE.map((p) => `<p>${p}</p>`).join('')}` }), '2024-06-06T06:00:00Z'],
  ])('%s', (_name, page, want) => {
    expect(published(page)).toBe(want);
  });
});

describe('URL and links', () => {
  const linkBody = `${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>Read the <a href="../plans/breakwater.pdf">engineering report</a> and the <a href="#notes">notes</a>.</p>`;
  it.each([
    ['the canonical URL wins over the page URL', pageWith({ head: '<link rel="canonical" href="https://news.example/a">' }), 'https://news.example/a?utm_source=feed', 'https://news.example/a'],
    ['a relative canonical URL resolves against the page', pageWith({ head: '<link rel="canonical" href="/b">' }), 'https://news.example/x/a', 'https://news.example/b'],
    ['without one, the page URL', pageWith(), 'https://news.example/a?page=1', 'https://news.example/a?page=1'],
    ['a file without one has none', pageWith(), null, null],
    ['only http(s) canonicals count', pageWith({ head: '<link rel="canonical" href="ftp://news.example/a">' }), null, null],
  ])('%s', (_name, page, pageUrl, want) => {
    const a = extractArticle(page, pageUrl);
    expect(a?.url).toBe(want);
    expect(a?.id).toBe(want);
  });

  it('resolves relative links against the page URL, as a browser does', () => {
    const a = extractArticle(pageWith({ body: linkBody }), 'https://news.example/harbour/today/story')!;
    expect(a.body).toContain('Read the engineering report [1] and the notes [2].\n\n[1] https://news.example/harbour/plans/breakwater.pdf\n[2] https://news.example/harbour/today/story#notes');
  });

  it('honours <base href>, itself relative to the page', () => {
    const a = extractArticle(pageWith({ head: '<base href="/static/v2/">', body: linkBody }), 'https://news.example/harbour/story')!;
    expect(a.body).toContain('[1] https://news.example/static/plans/breakwater.pdf');
  });

  it('resolves a saved page\'s links against its canonical URL', () => {
    const a = extractArticle(pageWith({ head: '<link rel="canonical" href="https://news.example/harbour/today/story">', body: linkBody }), null)!;
    expect(a.body).toContain('[1] https://news.example/harbour/plans/breakwater.pdf');
    expect(a.url).toBe('https://news.example/harbour/today/story');
  });
});

describe('metadata', () => {
  it('takes site name, section, image and description from the page tags', () => {
    const a = extractArticle(
      pageWith({ head: meta('og:site_name', 'Harbour  News') + meta('article:section', 'Local') + meta('og:image', '/img/wall.jpg') + meta('og:description', 'The wall   goes.') }),
      'https://news.example/a',
    )!;
    expect([a.source, a.category, a.categories, a.image, a.summary]).toEqual(['Harbour News', 'Local', ['Local'], 'https://news.example/img/wall.jpg', 'The wall goes.']);
  });

  it('falls back to JSON-LD for the section, description and image', () => {
    const a = extractArticle(
      pageWith({ head: jsonLd({ '@context': 'https://schema.org', '@type': 'Article', articleSection: ['Local', 'Transport'], description: 'From JSON-LD.', image: { '@type': 'ImageObject', url: 'https://cdn.example/i.jpg' } }) }),
      'https://news.example/a',
    )!;
    expect([a.category, a.categories, a.summary, a.image]).toEqual(['Local', ['Local', 'Transport'], 'From JSON-LD.', 'https://cdn.example/i.jpg']);
  });

  it.each([
    ['<meta name="author">', pageWith({ head: '<meta name="author" content="Jane Doe">' }), 'Jane Doe'],
    ['JSON-LD authors', pageWith({ head: jsonLd({ '@context': 'https://schema.org', '@type': 'NewsArticle', author: [{ name: 'Jane Doe' }, { name: 'Max Roe' }] }) }), 'Jane Doe, Max Roe'],
    ['a byline in the page, without "By"', pageWith({ body: `<p class="byline">By Jane Doe</p>${PROSE.map((p) => `<p>${p}</p>`).join('')}` }), 'Jane Doe'],
    ['a profile URL is no name', pageWith({ head: '<meta name="author" content="https://social.example/@jane">' }), null],
    ['none', pageWith(), null],
  ])('author from %s', (_name, page, want) => {
    expect(extractArticle(page, 'https://news.example/a')?.author).toBe(want);
  });

  it('takes the headline without the site name', () => {
    expect(extractArticle(pageWith(), null)?.title).toBe('Breakwater to be rebuilt');
  });
});

describe('what is not an article', () => {
  it.each([
    ['an empty document', ''],
    ['plain text', 'just some words'],
    ['a page with a sentence', '<!DOCTYPE html><html><head><title>Hi</title></head><body><p>Hello there.</p></body></html>'],
    ['a list of linked teasers', pageWith({ body: PROSE.map((p, i) => `<section><h2><a href="/s${i}">Story ${i}</a></h2><p>${p}</p></section>`).join('') })],
  ])('%s', (_name, page) => {
    expect(extractArticle(page, 'https://news.example/')).toBeNull();
  });

  it('still names the page', () => {
    expect(extractPage('<title>  Index &amp; more </title><p>x</p>', null)).toEqual({ pageTitle: 'Index & more', article: null });
  });

  it('keeps an article whose text has a box of related links', () => {
    const related = '<div class="more"><h3><a href="/1">One</a></h3><h3><a href="/2">Two</a></h3></div>';
    const body = [...PROSE, ...PROSE].map((p) => `<p>${p}</p>`).join('') + related;
    expect(extractArticle(pageWith({ body }), 'https://news.example/a')).not.toBeNull();
  });
});

describe('robustness', () => {
  it('reads a fragment without <html> and <body>', () => {
    // Four paragraphs: without an <article> around them, three are just short of Readability's threshold.
    const prose = [...PROSE, PROSE[0]];
    const a = extractArticle(`<title>Breakwater</title><h1>Breakwater</h1>${prose.map((p) => `<p>${p}</p>`).join('')}`, null);
    expect(a?.body).toBe(prose.join('\n\n'));
  });

  it('removes scripts, handlers and javascript: links from html and text', () => {
    const body = `<p>${PROSE[0]} <img src="x.png" alt="wall" onerror="alert(1)"><script>alert(2)</script></p><p>${PROSE[1]} <a href="javascript:alert(3)">click</a></p><p>${PROSE[2]}</p>`;
    const a = extractArticle(pageWith({ body }), 'https://news.example/a')!;
    expect(a.html).not.toMatch(/alert|onerror|javascript:/);
    expect(a.body).not.toMatch(/alert|\[1\]/);
    expect(a.body).toContain('[image: wall]');
  });

  it('writes element names in lower case', () => {
    const body = `<div>${PROSE[0]}<br><br>${PROSE[1]}<br><br>${PROSE[2]}</div>`;
    expect(extractArticle(pageWith({ body }), null)!.html).not.toMatch(/<\/?[A-Z]/);
  });
});

describe('deep nesting (a hostile page must not hang or crash the reader)', () => {
  const paragraphs = [...PROSE, ...PROSE].map((p) => `<p>${p}</p>`).join('');
  const deep = (n: number, open = '<div>', close = '</div>') =>
    `<!DOCTYPE html><html><head><title>Deep</title></head><body>${open.repeat(n)}${paragraphs}${close.repeat(n)}</body></html>`;

  it('leaves ordinary pages exactly as they are', () => {
    for (const page of PAGES) expect(limitNesting(html(page))).toBe(html(page));
  });

  it.each([1_000, 100_000])('keeps the text of %i nested divs, and its paragraphs', (n) => {
    const started = Date.now();
    const a = extractArticle(deep(n), null);
    expect(a?.body).toBe([...PROSE, ...PROSE].join('\n\n'));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('bounds nesting of elements that shape text too', () => {
    const limited = limitNesting(deep(100_000, '<blockquote>', ''));
    expect(limited.split('<blockquote>').length - 1).toBeLessThanOrEqual(MAX_NESTING);
    for (const p of PROSE) expect(limited).toContain(p);
  });

  it('drops wrappers past their depth and keeps what shapes the text', () => {
    expect(limitNesting('<div><div><div><p>a</p></div></div></div>', 2, 4)).toBe('<div><div><p>a</p></div></div>');
    expect(limitNesting('<div><div><div><div><span>a</span></div></div></div></div>', 2, 4)).toBe('<div><div>a</div></div>');
  });

  it('does not count unclosed paragraphs and list items as depth', () => {
    const list = `<ul>${'<li>item'.repeat(500)}</ul>${'<p>para'.repeat(500)}`;
    expect(limitNesting(list, 4, 8)).toBe(list);
  });
});
