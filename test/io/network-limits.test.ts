import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { networkLimits } from '../../src/io/network-limits.js';
import { runNews } from '../e2e/run-news.js';

describe('networkLimits', () => {
  it('turns seconds and MiB into the client options', () => {
    expect(networkLimits({})).toEqual({});
    expect(networkLimits({ timeout: '2.5', maxSize: '1' })).toEqual({ timeoutMs: 2500, maxBytes: 1_048_576 });
  });
  it.each([['0'], ['-1'], ['abc'], ['']])('rejects --timeout %j', (v) => {
    expect(() => networkLimits({ timeout: v })).toThrowError(new UsageError(`--timeout takes a positive number, not "${v}"`));
  });
  it('is checked by news fetch before anything else', async () => {
    expect(await runNews(['fetch', '--timeout', 'soon'])).toEqual({ stdout: '', stderr: 'news: --timeout takes a positive number, not "soon"\n', code: 2 });
  });
});
