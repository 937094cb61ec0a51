// A big RSS 2.0 feed: 10,000 items, each with a title, link, guid, RFC 822 date,
// dc:creator, categories, a short description and a content:encoded HTML body of
// about 2.6 KB; ≈31 MB in all (the issue says ≈27 MB: the fixed fields of each
// item add ≈0.5 KB to its body). Deterministic (seeded).
//
//   node bench/gen-feed.mjs [out=bench/data/big.xml] [items=10000] [seed=2]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rssFeed } from './gen-text.mjs';
import { DATA } from './lib.mjs';

const out = process.argv[2] ?? join(DATA, 'big.xml');
const items = Number(process.argv[3] ?? 10_000);
const seed = Number(process.argv[4] ?? 2);

const xml = rssFeed({
  seed,
  items,
  bodyChars: 2400, // the body ends with the paragraph that passes this: ≈2.6 KB
  title: 'Meridian Herald: everything',
  link: 'https://www.meridianherald.example',
  newest: Date.parse('2025-06-09T10:59:00Z'),
  spacingMs: 30 * 60_000,
});
writeFileSync(out, xml);
console.error(`${out}: ${items} items, ${(Buffer.byteLength(xml) / 1e6).toFixed(1)} MB`);
