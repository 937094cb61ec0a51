// The floor of reading a whole local store: parse store.json and every bodies
// file and keep them all (one parsed copy of everything), nothing else.
//   node bench/floor-local-store.mjs <XDG_DATA_HOME>/news
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const kept = [JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'))];
for (const f of readdirSync(join(dir, 'bodies'))) {
  if (f.endsWith('.json')) kept.push(JSON.parse(readFileSync(join(dir, 'bodies', f), 'utf8')));
}
process.stdout.write(`${kept.length} files\n`);
