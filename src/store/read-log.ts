// Read state changes as an append-only log beside store.json (read.log), so that
// marking one article read appends a line instead of rewriting a store of 100,000
// headlines. Each line is a JSON object {"slug":…,"read":true|false}; later lines
// win. The next commit of the store folds the log into store.json and removes it.
import { DataError } from '../errors.js';

export class ReadLogError extends DataError {}

export function readLogLine(slug: string, read: boolean): string {
  return `${JSON.stringify({ slug, read })}\n`;
}

/**
 * The state each slug was last given. A last line without its newline is an
 * append cut short by a crash: that mark never happened, so it is skipped. Any
 * other bad line means the file was damaged and is reported, never guessed at.
 */
export function parseReadLog(text: string, label: string): Map<string, boolean> {
  const states = new Map<string, boolean>();
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  let line = 0;
  for (const raw of complete.split('\n')) {
    line++;
    if (raw === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(raw);
    } catch {
      entry = null;
    }
    const e = entry as { slug?: unknown; read?: unknown } | null;
    if (!e || typeof e.slug !== 'string' || typeof e.read !== 'boolean') {
      throw new ReadLogError(`the read-state log ${label} is corrupt at line ${line}; it was left untouched: run "news doctor" to recover`);
    }
    states.set(e.slug, e.read);
  }
  return states;
}

/** Applies logged states to headlines in place. */
export function applyReadLog(headlines: readonly { slug: string; read: boolean }[], states: ReadonlyMap<string, boolean>): void {
  if (states.size === 0) return;
  for (const h of headlines) {
    const read = states.get(h.slug);
    if (read !== undefined) h.read = read;
  }
}
