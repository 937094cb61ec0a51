// Writes to stdout and stderr without making process.stdout and process.stderr
// when they are pipes or files. For a pipe, node makes those streams from its
// net and stream modules, which cost `news list | …` about a fifth of `node -e 0`;
// and most runs write a few kilobytes that one write(2) delivers.
//
// So the first DIRECT_LIMIT bytes of each go out by fs.writeSync: as much as an
// empty pipe takes (64 KiB on Linux), so a reader that is slow to start keeps
// news waiting only as long as it would with a full pipe anyway. Terminals,
// larger output, and every failed write (EAGAIN on a non-blocking pipe, EPIPE
// when the reader left, ...) go to the node stream from then on: the same bytes
// in the same order, and errors reach the stream's 'error' handling as before.
import { fstatSync, statSync, writeSync } from 'node:fs';
import { nodeTty } from './builtin.js';

export const DIRECT_LIMIT = 65_536;

/**
 * tty.isatty(fd), without loading node:tty (which loads net and stream) for what
 * cannot be a terminal: only a character device can be one, and /dev/null (the
 * usual one for output) is not.
 */
export function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || stat.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // not open, not ours to stat, or no /dev/null: let isatty answer
  }
  const { isatty } = nodeTty();
  return isatty(fd);
}

export interface StdWriter {
  /** Whether the file descriptor is a terminal (isTerminal, asked once). */
  readonly terminal: boolean;
  /** As stream.write: false means wait for 'drain' on stream(). Bytes are written as they are. */
  write(text: string | Uint8Array): boolean;
  /** The node stream, made on first use. */
  stream(): NodeJS.WriteStream;
}

export function stdWriter(fd: number, stream: () => NodeJS.WriteStream, limit = DIRECT_LIMIT): StdWriter {
  const terminal = isTerminal(fd);
  let direct = !terminal;
  let written = 0;
  return {
    terminal,
    stream,
    write(text) {
      if (direct) {
        const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
        if (written + bytes.length <= limit) {
          let done = 0;
          try {
            while (done < bytes.length) done += writeSync(fd, bytes, done);
            written += done;
            return true;
          } catch {
            direct = false;
            return stream().write(done === 0 ? text : bytes.subarray(done));
          }
        }
        direct = false;
      }
      return stream().write(text);
    },
  };
}
