// --timeout <seconds> and --max-size <MiB>, as every command that fetches takes
// them: checked once, with one message, into the HTTP client's options.
import { UsageError } from '../errors.js';

export interface LimitFlags {
  timeout?: string;
  maxSize?: string;
}

function positiveNumber(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option} takes a positive number, not "${value}"`);
  return n;
}

export function networkLimits(o: LimitFlags): { timeoutMs?: number; maxBytes?: number } {
  return {
    ...(o.timeout !== undefined && { timeoutMs: positiveNumber(o.timeout, '--timeout') * 1000 }),
    ...(o.maxSize !== undefined && { maxBytes: positiveNumber(o.maxSize, '--max-size') * 1024 * 1024 }),
  };
}
