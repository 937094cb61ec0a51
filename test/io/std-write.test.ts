import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTerminal, stdWriter } from '../../src/io/std-write.js';

function fakeStream() {
  const written: string[] = [];
  let made = 0;
  const stream = {
    write(chunk: string | Uint8Array) {
      written.push(Buffer.from(chunk).toString('utf8'));
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { written, made: () => made, get: () => (made++, stream) };
}

function tempFile(): { fd: number; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'news-std-write-')), 'out');
  return { fd: openSync(path, 'w'), path };
}

describe('stdWriter', () => {
  it('writes to a file or pipe itself, without making the stream', () => {
    const { fd, path } = tempFile();
    const s = fakeStream();
    const w = stdWriter(fd, s.get);
    expect(w.write('héllo ')).toBe(true);
    expect(w.write('wörld\n')).toBe(true);
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('héllo wörld\n');
    expect(s.made()).toBe(0);
  });

  it('hands everything after the first limit bytes to the stream, in order', () => {
    const { fd, path } = tempFile();
    const s = fakeStream();
    const w = stdWriter(fd, s.get, 10);
    w.write('12345');
    w.write('678');
    w.write('9abc'); // would pass 10 bytes
    w.write('d');
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('12345678');
    expect(s.written).toEqual(['9abc', 'd']);
  });

  it('hands a failed write and all later ones to the stream, whose errors are handled as before', () => {
    const { fd: out, path } = tempFile();
    closeSync(out);
    const fd = openSync(path, 'r'); // writing fails: EBADF
    const s = fakeStream();
    const w = stdWriter(fd, s.get);
    w.write('one\n');
    w.write('two\n');
    closeSync(fd);
    expect(s.written).toEqual(['one\n', 'two\n']);
  });
});

describe('isTerminal', () => {
  it('is false for a file, without asking node:tty', () => {
    const { fd } = tempFile();
    expect(isTerminal(fd)).toBe(false);
    closeSync(fd);
  });

  it('is false for /dev/null, a character device but no terminal', () => {
    const fd = openSync('/dev/null', 'w');
    expect(isTerminal(fd)).toBe(false);
    closeSync(fd);
  });
});
