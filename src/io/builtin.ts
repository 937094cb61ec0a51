// node's own modules that only some runs need (node:tty for a terminal, node:os
// without $HOME, node:string_decoder for streaming a store), loaded on first use:
// each costs `news list` a few tenths of a millisecond to load at start-up, and
// an ES module cannot require() one where it is needed.
import { createRequire } from 'node:module';

export function builtin<T>(id: `node:${string}`): T {
  return createRequire(import.meta.url)(id) as T;
}
