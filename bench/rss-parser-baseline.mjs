// The baseline of target 4: parse a feed file with rss-parser (xml2js underneath)
// and print its items as a JSON array, the way a small script built on the most
// used npm feed parser would. rss-parser keeps content:encoded as HTML
// (item['content:encoded']) and adds a text snippet (contentSnippet).
//
//   node bench/rss-parser-baseline.mjs big.xml > /dev/null
import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';

const xml = readFileSync(process.argv[2], 'utf8');
const feed = await new Parser().parseString(xml);
process.stdout.write(JSON.stringify(feed.items, null, 2) + '\n');
