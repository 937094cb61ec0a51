import { describe, expect, it } from 'vitest';
import { ReadLogError, applyReadLog, parseReadLog, readLogLine } from '../../src/store/read-log.js';

describe('read.log lines', () => {
  it('round-trip any slug, last entry winning', () => {
    const text = readLogLine('a', true) + readLogLine('odd "slug"\n\u2028', true) + readLogLine('a', false);
    expect(text.split('\n')).toHaveLength(4);
    expect(parseReadLog(text, 'read.log')).toEqual(new Map([['a', false], ['odd "slug"\n\u2028', true]]));
  });

  it('skip a last line cut short by a crash, but not a damaged earlier one', () => {
    expect(parseReadLog('{"slug":"a","read":true}\n{"slug":"b","re', 'L')).toEqual(new Map([['a', true]]));
    expect(parseReadLog('{"slug":"a","re', 'L')).toEqual(new Map());
    expect(parseReadLog('', 'L')).toEqual(new Map());
    expect(() => parseReadLog('{"slug":"a","re\n{"slug":"b","read":true}\n', 'L')).toThrow(
      new ReadLogError('the read-state log L is corrupt at line 1; it was left untouched: run "news doctor" to recover'),
    );
  });

  it.each(['{"slug":1,"read":true}', '{"slug":"a","read":"yes"}', '[]', 'null', '"a"'])('refuse %s', (line) => {
    expect(() => parseReadLog(`{"slug":"a","read":true}\n\n${line}\n`, 'L')).toThrow('corrupt at line 3');
  });

  it('apply to the headlines they name, leaving others alone', () => {
    const hs = [{ slug: 'a', read: false }, { slug: 'b', read: true }, { slug: 'c', read: false }];
    applyReadLog(hs, new Map([['a', true], ['b', false], ['gone', true]]));
    expect(hs).toEqual([{ slug: 'a', read: true }, { slug: 'b', read: false }, { slug: 'c', read: false }]);
  });
});
