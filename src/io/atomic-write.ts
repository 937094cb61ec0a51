// Crash-safe replacement of a file: a reader (or a crash at any instant) sees
// either the whole old file or the whole new one. write-file-atomic and
// `atomically` skip the directory fsync, so the rename itself could be lost.
import { close, closeSync, fsync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
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
  fsyncDir(dir);
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
 * writeNewFileDurably with only the fsync done off the main thread (libuv's
 * pool): the data is handed to the kernel at once, so the caller's copy can go.
 */
export function writeNewFileDurablyAsync(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return new Promise((resolve, reject) => {
    fsync(fd, (err) => {
      close(fd, () => (err ? reject(err) : resolve()));
    });
  });
}
