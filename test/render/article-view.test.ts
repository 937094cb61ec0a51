import { afterEach, describe, expect, it, vi } from 'vitest';
import { format } from 'date-fns/format';
import { localDateTime } from '../../src/render/article-view.js';

// What localDateTime printed before it skipped Intl for UTC.
function viaIntl(ms: number): string {
  const zone = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
  return `${format(ms, 'EEE d MMM yyyy HH:mm')}${zone ? ` ${zone}` : ''}`;
}

describe('localDateTime', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
    vi.restoreAllMocks();
  });

  it('names the zone as Intl does, in every time zone', () => {
    // Node applies a change of TZ at once, to Date and to Intl alike.
    const aliases = ['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu', 'UCT', 'Etc/GMT', 'GMT', 'Etc/GMT+0', 'Europe/London', ''];
    const dates = [
      Date.UTC(2025, 5, 9, 10, 59), Date.UTC(2025, 0, 15, 12), 0, Date.UTC(2000, 2, 26, 1, 30), Date.UTC(2024, 9, 27, 0, 59),
      // years of fewer and more than four digits, and before year 1
      new Date(0).setUTCFullYear(999, 11, 31), new Date(0).setUTCFullYear(12345, 6, 1), new Date(0).setUTCFullYear(-44, 2, 15), -1,
    ];
    let checked = 0;
    for (const zone of [...aliases, ...Intl.supportedValuesOf('timeZone')]) {
      process.env.TZ = zone;
      for (const ms of dates) {
        expect(localDateTime(ms), `${zone} ${ms}`).toBe(viaIntl(ms));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3_500);
  });

  it('does not make an Intl.DateTimeFormat for UTC', () => {
    process.env.TZ = 'UTC';
    // Only where the default locale names UTC in English (as C, POSIX and en_* do).
    if (!new Date(0).toString().endsWith('(Coordinated Universal Time)')) return;
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    expect(localDateTime(Date.UTC(2025, 5, 9, 10, 59))).toBe('Mon 9 Jun 2025 10:59 UTC');
    expect(spy).not.toHaveBeenCalled();
  });
});
