// `--since`/`--until` take either a moment (any date parseDate reads) or a
// duration back from now: 90s, 30m, 2h, 3d, 1w.
import { UsageError } from '../errors.js';
import { parseDate } from './dates.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i;

export function parseMoment(value: string, now: number, option: string): number {
  const d = DURATION.exec(value.trim());
  if (d) return now - Number(d[1]) * (UNIT_MS[d[2]!.toLowerCase()] ?? 0);
  const ms = parseDate(value);
  if (ms == null) {
    throw new UsageError(`${option} takes a date (2025-06-01, 2025-06-01T10:00Z) or a duration (30m, 2h, 3d, 1w), not "${value}"`);
  }
  return ms;
}
