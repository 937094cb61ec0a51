// node's own modules that only some runs need, required on first use: each costs
// `news list` a few tenths of a millisecond to load at start-up. An ES module has
// no require() of its own, but both places this code runs give it one: the
// bundle's CommonJS wrapper (bin/news.js) and vitest's module runner. (Importing
// module.createRequire instead cost 0.3 ms itself: node builds node:module's
// ES module facade on its first require.) Literal ids, so that the bundle keeps
// requiring only what test/e2e/startup.test.ts allows. The same pattern as
// core/entities.ts and render/width.ts use for packages.

/** node:tty, for a stream that may be a terminal. */
export const nodeTty = () => require('node:tty') as typeof import('node:tty');

/** node:os, for a home directory when $HOME is not set. */
export const nodeOs = () => require('node:os') as typeof import('node:os');

/** node:string_decoder, for a store read in chunks. */
export const nodeStringDecoder = () => require('node:string_decoder') as typeof import('node:string_decoder');
