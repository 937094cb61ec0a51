// One minified ESM bundle (with lazy chunks for rarely used commands) so `news`
// starts in about the time of `node -e 0`; unbundled imports cost ~4x here.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist/', import.meta.url);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Chunks sit beside cli.js: choose.ts finds the sample store relative to itself.
  chunkNames: '[name]-[hash]',
  define: { __NEWS_VERSION__: JSON.stringify(version) },
  // CommonJS dependencies (cli-table3) call require() for Node built-ins.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});

writeFileSync(new URL('version.js', dist), `export const version = ${JSON.stringify(version)};\n`);
copyFileSync(new URL('../fixtures/sample-store.json', import.meta.url), new URL('sample-store.json', dist));
