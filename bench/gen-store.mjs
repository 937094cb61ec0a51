// A big JSON store (README "The JSON store format"): 100,000 articles, ≈180 MB,
// deterministic (seeded). Bodies are paragraphs of varied words; about a third
// are HTML (paragraphs, links, emphasis, lists, figures), the rest plain text with
// blank lines between paragraphs. A few titles are CJK or accented, a few dates
// are RFC 822, a few articles are undated, as in real exports.
//
//   node bench/gen-store.mjs [out=bench/data/big.json] [count=100000] [seed=1]
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, SOURCES, isoSeconds, makeText, rfc822, slugish } from './gen-text.mjs';
import { DATA } from './lib.mjs';

const out = process.argv[2] ?? join(DATA, 'big.json');
const count = Number(process.argv[3] ?? 100_000);
const seed = Number(process.argv[4] ?? 1);

const t = makeText(seed);
const { r } = t;
const fd = openSync(out, 'w');
let buffer = '';
let written = 0;
const flush = () => {
  written += writeSync(fd, buffer);
  buffer = '';
};

buffer += '[\n';
let when = Date.parse('2025-06-09T10:59:00Z');
for (let i = 0; i < count; i++) {
  when -= r.between(30_000, 9 * 60_000); // ≈ one article every 5 minutes, ~1 year in all
  const title = t.title();
  const src = r.int(SOURCES.length);
  const source = SOURCES[src];
  const domain = source.toLowerCase().replace(/\s+/g, '') + '.example';
  const category = r.pick(CATEGORIES);
  const url = `https://www.${domain}/${category.toLowerCase()}/${slugish(title)}-${i}`;
  const a = { id: `bench-${seed}-${i}`, title, url, source, category };
  if (r.chance(0.3)) a.categories = [category, r.pick(CATEGORIES)];
  a.author = t.author();
  a.publishedAt = r.chance(0.01) ? null : r.chance(0.05) ? rfc822(when) : isoSeconds(when);
  if (r.chance(0.2)) a.updatedAt = isoSeconds(when + r.between(60_000, 6 * 3600_000));
  a.summary = t.sentence() + ' ' + t.sentence();
  const size = r.between(700, 1550);
  a.body = r.chance(0.35) ? t.html(size, `https://www.${domain}`) : t.paragraphs(size).join('\n\n');
  if (r.chance(0.4)) a.image = `https://img.${domain}/${i}.jpg`;
  buffer += (i ? ',\n' : '') + JSON.stringify(a);
  if (buffer.length > 1 << 20) flush();
}
buffer += '\n]\n';
flush();
closeSync(fd);
console.error(`${out}: ${count} articles, ${(written / 1e6).toFixed(1)} MB`);
