// src/io/builtin.ts relies on a require() in module scope: the bundle's CommonJS
// wrapper gives one, and so must the test runner, or these paths break under test.
import { describe, expect, it } from 'vitest';
import { nodeOs, nodeStringDecoder, nodeTty } from '../../src/io/builtin.js';

describe('node modules required on first use', () => {
  it('load where the source runs unbundled', () => {
    expect(nodeOs().homedir()).toBe((process.env.HOME || nodeOs().userInfo().homedir));
    expect(nodeTty().isatty(-1)).toBe(false);
    expect(new (nodeStringDecoder().StringDecoder)('utf8').write(Buffer.from('é'))).toBe('é');
  });
});
