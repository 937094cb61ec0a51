// Deterministic, seeded text for the generators: news-like titles, paragraphs of
// varied words (Zipf-distributed real words plus made-up names), some HTML, a
// little non-ASCII. Same seed, same bytes, on every machine.

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    /** An integer in [lo, hi]. */
    between: (lo, hi) => lo + int(hi - lo + 1),
    pick: (list) => list[int(list.length)],
    chance: (p) => next() < p,
  };
}

const COMMON = `the of and to in a is that for it as was with be by on not he this are or his from at which but have an they
you were her all she there would their we him been has when who will more no if out so said what up its about into than them
can only other new some could time these two may then do first any my now such like our over man me even most made after
also did many before must through back years where much your way well down should because each just those people how too
little state good very make world still own see men work long get here between both life being under never day same another
know while last might us great old year off come since against go came right used take three government market city report
council minister police court election company public health school water energy climate team season players coach league
officials spokesperson residents researchers study data growth prices inflation budget tax trade deal talks agreement
security border summit president parliament vote campaign candidate policy reform plan project program service network
system technology software users platform update release launch product customers sales revenue quarter profit shares
investors bank rates economy jobs workers union strike transport rail airport flights weather storm flood heat drought
fire emergency hospital patients doctors vaccine research university students teachers exam festival film music album
artist museum exhibition book author award match final goal victory defeat record points title championship tournament
morning evening week month weekend yesterday today tomorrow recently later earlier announced confirmed reported warned
expected said added noted according statement interview press conference local national regional international global
northern southern eastern western central major minor key significant several number figures percent million billion
thousands hundreds dozens rise fall increase decrease higher lower strong weak early late open closed free available
community neighbourhood district province region country capital village coast river mountain valley island bridge road`
  .split(/\s+/)
  .filter(Boolean);

const SYLLABLES = ['ka', 'lo', 'mer', 'din', 'ta', 'ro', 'vel', 'an', 'is', 'tor', 'na', 'bel', 'qu', 'ex', 'ri', 'son', 'ha', 'wen', 'ly', 'gar', 'mon', 'pel', 'zu', 'fi'];
const ACCENTED = ['café', 'São Paulo', 'Zürich', 'Kraków', 'naïve', 'Málaga', 'Ålesund', 'Łódź', 'Besançon', 'Göteborg', 'Düsseldorf', 'Ñuñoa'];
const CJK_TITLES = ['東京で新しい鉄道路線が開業', '北京市举行国际科技博览会', '서울 지하철 신규 노선 개통', '大阪の港で記録的な貨物量', '上海股市收盘小幅上涨'];

export const FIRST = ['Parijat', 'Samuel', 'Lena', 'Ritika', 'Tomás', 'Aiko', 'Oluwaseun', 'Marta', 'Jonas', 'Priya', 'Chen', 'Fatima', 'Noah', 'Ingrid', 'Mateo', 'Sofia', 'Kwame', 'Hana', 'Luca', 'Amara'];
export const LAST = ['Tripathi', 'Ortiz', 'Okafor', 'Menon', 'García', 'Tanaka', 'Adeyemi', 'Kowalski', 'Berg', 'Nair', 'Wei', 'Haddad', 'Fischer', 'Larsen', 'Rossi', 'Silva', 'Mensah', 'Kim', 'Dubois', 'Novak'];
export const CATEGORIES = ['World', 'Politics', 'Business', 'Technology', 'Science', 'Health', 'Sports', 'Entertainment', 'Culture', 'Climate', 'Local', 'Opinion'];
export const SOURCES = Array.from({ length: 25 }, (_, i) => `${['Meridian', 'Northwind', 'Harbor', 'Summit', 'Riverside'][i % 5]} ${['Herald', 'Tech', 'Daily', 'Times', 'Post'][Math.floor(i / 5)]}`);

export function makeText(seed) {
  const r = rng(seed);
  // Vocabulary: the common words, then made-up names, ranked; Zipf weights 1/rank.
  const made = Array.from({ length: 1500 }, () => {
    const n = r.between(2, 4);
    let w = '';
    for (let i = 0; i < n; i++) w += r.pick(SYLLABLES);
    return w;
  });
  const vocab = [...COMMON, ...made];
  const cum = new Float64Array(vocab.length);
  let total = 0;
  for (let i = 0; i < vocab.length; i++) cum[i] = total += 1 / (i + 1) ** 0.9;
  const word = () => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    const w = vocab[lo];
    return lo >= COMMON.length && r.chance(0.5) ? w[0].toUpperCase() + w.slice(1) : w;
  };
  const cap = (s) => s[0].toUpperCase() + s.slice(1);

  const sentence = () => {
    const n = r.between(8, 22);
    const ws = [];
    for (let i = 0; i < n; i++) ws.push(word());
    if (r.chance(0.08)) ws.splice(r.int(ws.length), 0, r.pick(ACCENTED));
    if (r.chance(0.15)) ws.splice(r.int(ws.length), 0, `${r.between(2, 980)}`);
    let s = cap(ws.join(' '));
    if (r.chance(0.2)) s = s.replace(/ (\S+) /, ' $1, ');
    return s + (r.chance(0.07) ? '?' : '.');
  };
  const paragraph = (sentences) => Array.from({ length: sentences ?? r.between(2, 5) }, sentence).join(' ');

  /** Plain paragraphs until about `chars` characters. */
  const paragraphs = (chars) => {
    const out = [];
    let len = 0;
    while (len < chars) {
      const p = paragraph();
      out.push(p);
      len += p.length + 2;
    }
    return out;
  };

  const inline = (p, url) => {
    // Wrap a few words in links and emphasis.
    const ws = p.split(' ');
    if (ws.length > 6 && r.chance(0.5)) {
      const i = r.int(ws.length - 3);
      ws[i] = `<a href="${url}/related/${r.int(100000)}">${ws[i]}`;
      ws[i + 1] = `${ws[i + 1]}</a>`;
    }
    if (ws.length > 6 && r.chance(0.4)) {
      const i = r.int(ws.length - 2);
      const tag = r.pick(['em', 'strong', 'b', 'i']);
      ws[i] = `<${tag}>${ws[i]}</${tag}>`;
    }
    return ws.join(' ').replace(/&/g, '&amp;');
  };

  /** An HTML article body of about `chars` characters. */
  const html = (chars, url) => {
    const parts = [];
    let len = 0;
    let i = 0;
    while (len < chars) {
      let part;
      if (i > 0 && r.chance(0.1)) part = `<h2>${cap(word())} ${word()} ${word()}</h2>`;
      else if (i > 0 && r.chance(0.08)) part = `<ul>${Array.from({ length: r.between(2, 4) }, () => `<li>${inline(sentence(), url)}</li>`).join('')}</ul>`;
      else if (i > 0 && r.chance(0.06)) part = `<blockquote><p>${sentence()}</p></blockquote>`;
      else if (i > 0 && r.chance(0.05)) part = `<figure><img src="${url}/img/${r.int(1e6)}.jpg" alt="${word()} ${word()}"><figcaption>${sentence()}</figcaption></figure>`;
      else part = `<p>${inline(paragraph(), url)}</p>`;
      parts.push(part);
      len += part.length + 1;
      i++;
    }
    return parts.join('\n');
  };

  const title = () => {
    if (r.chance(0.01)) return r.pick(CJK_TITLES) + ` ${r.int(1000)}`;
    const n = r.between(5, 12);
    const ws = Array.from({ length: n }, word);
    if (r.chance(0.1)) ws.splice(r.int(n), 0, r.pick(ACCENTED));
    return ws.map((w, i) => (i === 0 || r.chance(0.6) ? cap(w) : w)).join(' ') + (r.chance(0.05) ? '?' : '');
  };

  const author = () => {
    const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
    return r.chance(0.1) ? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@news.example (${name})` : name;
  };

  return { r, word, sentence, paragraph, paragraphs, html, title, author, cap };
}

export function slugish(title) {
  return title.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'item';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => String(n).padStart(2, '0');

/** RFC 822 as feeds write it: `Mon, 09 Jun 2025 10:59:30 +0000` (or GMT). */
export function rfc822(ms, gmt = false) {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${gmt ? 'GMT' : '+0000'}`;
}

export function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One RSS 2.0 document with content:encoded bodies. `items` items of about
 * `bodyChars` characters of HTML each, newest first from `newest` (ms).
 */
export function rssFeed({ seed, items, bodyChars, title, link, newest, spacingMs = 6 * 60_000, idPrefix = 'item' }) {
  const t = makeText(seed);
  const { r } = t;
  const parts = [];
  parts.push(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xmlEscape(title)}</title>
<link>${link}</link>
<atom:link href="${link}/feed.xml" rel="self" type="application/rss+xml"/>
<description>${xmlEscape(title)}: generated for benchmarks</description>
<language>en</language>
<lastBuildDate>${rfc822(newest)}</lastBuildDate>
`);
  let when = newest;
  for (let i = 0; i < items; i++) {
    when -= r.between(spacingMs / 3, spacingMs * 2);
    const head = t.title();
    const url = `${link}/${new Date(when).getUTCFullYear()}/${slugish(head)}-${i}`;
    const cats = Array.from({ length: r.between(1, 3) }, () => r.pick(CATEGORIES));
    const summary = t.sentence();
    parts.push(`<item>
<title>${xmlEscape(head)}</title>
<link>${url}</link>
<guid isPermaLink="false">${idPrefix}-${i}</guid>
<pubDate>${rfc822(when, r.chance(0.3))}</pubDate>
<dc:creator>${xmlEscape(t.author())}</dc:creator>
${[...new Set(cats)].map((c) => `<category>${c}</category>`).join('\n')}
<description>${xmlEscape(summary)}</description>
<content:encoded><![CDATA[${t.html(bodyChars, link)}]]></content:encoded>
</item>
`);
  }
  parts.push('</channel>\n</rss>\n');
  return parts.join('');
}
