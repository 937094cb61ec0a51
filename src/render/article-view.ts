// `news read`: the article laid out like the seed page — category, headline,
// byline, body, then "Recent posts" from the same source. Widths and wrapping go
// through ./width.js, which loads string-width and wrap-ansi only for text that
// needs them.
import type { Article } from '../article.js';
import { selectArticles } from '../core/filter.js';
import { htmlToText } from '../core/html-text.js';
import { relativeTime } from '../core/relative-time.js';
import { sanitize, sanitizeLine } from './sanitize.js';
import type { Theme } from './theme.js';
import { textWidth, wrapHard } from './width.js';

export interface ViewOptions {
  now: number;
  width: number;
  theme: Theme;
  /** Other articles of the same source, newest first, already chosen by the caller. */
  recent: readonly Article[];
}

const WORDS_PER_MINUTE = 230;

export function readingTime(text: string): string {
  const words = text.split(/\s+/).filter(Boolean).length;
  return `${Math.max(1, Math.round(words / WORDS_PER_MINUTE))} min read`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Local date and time with the zone, e.g. "Tue 14 Mar 2023 09:30 UTC": what
 * date-fns' format(ms, 'EEE d MMM yyyy HH:mm') gives (the test compares them in
 * every zone), from Date's own fields; loading date-fns' formatter cost `news
 * read` a few milliseconds of its start-up.
 */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  const zone = zoneName(ms);
  const year = d.getFullYear();
  const yyyy = String(year > 0 ? year : 1 - year).padStart(4, '0'); // years before 1 by era, as date-fns does
  const text = `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${yyyy} ${two(d.getHours())}:${two(d.getMinutes())}`;
  return `${text}${zone ? ` ${zone}` : ''}`;
}

// The zone's short name in US English. The first Intl.DateTimeFormat loads ICU's
// locale and zone data, ~25 ms (most of a `node -e 0`); a Date's own string names
// the zone too (long, in the default locale) without that, and when the name is
// UTC's English one the short name is "UTC" (the test checks every time zone).
function zoneName(ms: number): string | undefined {
  if (new Date(ms).toString().endsWith(' (Coordinated Universal Time)')) return 'UTC';
  return new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
}

export function renderArticle(a: Article, o: ViewOptions): string {
  const t = o.theme;
  const wrap = (s: string) => wrapText(s, o.width);
  const out: string[] = [];
  if (a.category) out.push(t.category(sanitizeLine(a.category)));
  out.push(t.bold(wrap(sanitizeLine(a.title))));

  const text = a.html ? htmlToText(a.html, { footnotes: true }) : (a.body ?? a.summary ?? '');
  const meta: string[] = [];
  if (a.author) meta.push(`By ${sanitizeLine(a.author)}`);
  if (a.publishedAt != null) meta.push(`${relativeTime(a.publishedAt, o.now)} (${localDateTime(a.publishedAt)})`);
  if (text) meta.push(readingTime(text));
  if (meta.length) out.push(t.dim(wrap(meta.join(' · '))));
  // A URL is never broken across lines: a broken URL cannot be clicked or copied.
  const source = a.source ? sanitizeLine(a.source) : null;
  const url = a.url ? sanitizeLine(a.url) : null;
  if (source && url && textWidth(`${source} · ${url}`) <= o.width) out.push(t.dim(`${source} · ${t.link(url)}`));
  else {
    if (source) out.push(t.dim(wrap(source)));
    if (url) out.push(t.dim(t.link(url)));
  }

  if (text) out.push('', wrap(sanitize(text).replace(/\t/g, '    ')));

  if (o.recent.length) {
    out.push('', t.bold('Recent posts'), '');
    for (const r of o.recent) {
      out.push(wrap(`${t.bold(sanitizeLine(r.title))}`));
      if (r.summary) out.push(wrap(sanitizeLine(r.summary)));
      const age = relativeTime(r.publishedAt, o.now);
      // The slug is what to type next; it is never broken, so it gets its own line when long.
      const meta = textWidth(`${age} · ${r.slug}`) <= o.width ? `${age} · ${r.slug}` : `${age}\n${r.slug}`;
      out.push(t.dim(meta), '');
    }
    out.pop();
  }
  return out.join('\n') + '\n';
}

const URL_LINE = /^(?:\[\d+\] )?https?:\/\/\S+$/;

// Hard wrapping is needed for CJK text, which has no spaces to break at, but a
// line that is just a URL (or a footnote's URL) is left whole.
function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => (URL_LINE.test(line) ? line : wrapLine(line, width)))
    .join('\n')
    .replace(/[ \t]+$/gm, '');
}

// trim: false keeps a line's own indentation (nested lists, "> " quotes), but then
// wrap-ansi also keeps the space it broke at, starting the next line with it;
// the indentation of the source line is what every wrapped line should start with.
function wrapLine(line: string, width: number): string {
  const indent = /^ */.exec(line)![0];
  const wrapped = wrapHard(line.slice(indent.length), Math.max(1, width - indent.length));
  return wrapped.split('\n').map((l, i) => (i === 0 ? indent + l : indent + l)).join('\n');
}

/** The six newest other articles from the same source, as the seed page shows them. */
export function recentPosts(article: Article, all: readonly Article[], count = 6): Article[] {
  const same = all.filter((o) => o !== article && o.source === article.source);
  return selectArticles(same, { sort: 'date' }).slice(0, count);
}
