// Crash-safe replacement of a file: a reader (or a crash at any instant) sees
// either the whole old file or the whole new one. write-file-atomic and
// `atomically` skip the directory fsync, so the rename itself could be lost.
import { close, closeSync, fsync, fsyncSync, open, openSync, renameSync, unlinkSync, write, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `durable: false` skips both fsyncs: for derived files that every reader checks
 * and can do without (the listing index), where a crash may leave the old file,
 * the new one, or the new one's name over data that never reached the disk.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644, { durable = true } = {}): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file may already be gone; the original error is what matters
    }
    throw err;
  }
  if (durable) fsyncDir(dir);
}

/**
 * Writes a new file durably without the temp-and-rename dance: for files that
 * nothing refers to until a later atomic step (a bodies file before the
 * store.json that names it). The caller fsyncs the directory once for a batch.
 */
export function writeNewFileDurably(path: string, data: string | Uint8Array, mode = 0o644): void {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * writeNewFileDurably off the main thread: open, write, fsync and close run in
 * libuv's pool (on ext4 an open() waits while another file's fsync commits the
 * journal). Only the conversion of a string to bytes happens here, so the
 * caller's string can go at once.
 */
export function writeNewFileDurablyAsync(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return new Promise((resolve, reject) => {
    open(path, 'wx', mode, (err, fd) => {
      if (err) return reject(err);
      const fail = (e: Error) => close(fd, () => reject(e));
      const rest = (at: number): void => {
        if (at === bytes.length) {
          fsync(fd, (e) => (e ? fail(e) : close(fd, (e2) => (e2 ? reject(e2) : resolve()))));
          return;
        }
        write(fd, bytes, at, bytes.length - at, null, (e, n) => (e ? fail(e) : rest(at + n)));
      };
      rest(0);
    });
  });
}
