import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/render/theme.js';

describe('colorLevel', () => {
  it.each([
    ['TTY', { isTTY: true, env: {} }, 1],
    ['pipe', { isTTY: false, env: {} }, 0],
    ['NO_COLOR on a TTY', { isTTY: true, env: { NO_COLOR: '1' } }, 0],
    ['empty NO_COLOR is unset', { isTTY: true, env: { NO_COLOR: '' } }, 1],
    ['FORCE_COLOR on a pipe', { isTTY: false, env: { FORCE_COLOR: '1' } }, 1],
    ['FORCE_COLOR beats NO_COLOR', { isTTY: false, env: { FORCE_COLOR: '3', NO_COLOR: '1' } }, 3],
    ['FORCE_COLOR=0', { isTTY: true, env: { FORCE_COLOR: '0' } }, 0],
    ['--no-color beats FORCE_COLOR', { isTTY: true, env: { FORCE_COLOR: '1' }, flag: false }, 0],
    ['--color on a pipe', { isTTY: false, env: {}, flag: true }, 1],
    ['TERM=dumb', { isTTY: true, env: { TERM: 'dumb' } }, 0],
    ['config never', { isTTY: true, env: {}, config: 'never' as const }, 0],
    ['config always on a pipe', { isTTY: false, env: {}, config: 'always' as const }, 1],
    ['NO_COLOR beats config always', { isTTY: true, env: { NO_COLOR: 'x' }, config: 'always' as const }, 0],
  ])('%s', (_name, inputs, level) => {
    expect(colorLevel(inputs)).toBe(level);
  });
});
