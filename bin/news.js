#!/usr/bin/env node
// The shim: `news --version` answers without loading the bundle; everything else
// runs the built CLI in dist/ (made by `npm install`'s prepare step). It is
// CommonJS (bin/package.json) because an ES module entry costs node's ESM loader
// start-up, about a fifth of `node -e 0`, which `--version` need not pay.
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  import('../dist/cli.js').catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('/dist/')) {
      process.stderr.write('news: the build is missing; run `npm install` (or `npm run build`) in the news folder\n');
      process.exitCode = 1;
    } else {
      throw err;
    }
  });
}
