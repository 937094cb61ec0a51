// What a command gets from the edge: the clock, the environment, terminal facts
// and output channels. Commands never touch process.* themselves.
import type { Config } from '../io/config.js';
import type { Theme } from '../render/theme.js';

export interface Context {
  env: Record<string, string | undefined>;
  /** NEWS_NOW, or the real clock at start-up. */
  now: number;
  isTTY: boolean;
  /** Terminal columns (or --width/COLUMNS when given); 80 when not a terminal. */
  columns: number;
  rows: number;
  theme: Theme;
  config: Config;
  version: string;
  signal: AbortSignal;
  /** Data to stdout (bytes as they are: UTF-8); resolves when the stream can take more (backpressure). */
  out(text: string | Uint8Array): Promise<void>;
  /** One message line to stderr (without the trailing newline). */
  warn(message: string): void;
  notice(message: string): void;
  /** Whether stderr is a terminal (live progress goes there). */
  errIsTTY: boolean;
  /** Raw text to stderr, for progress lines; untrusted text must be sanitized first. */
  errWrite(text: string): void;
  readStdin(): Promise<Uint8Array>;
  /** Shows long text through the pager on a terminal (the caller decides when). */
  page(text: string): Promise<void>;
}
