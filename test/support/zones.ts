// Time zones where calendars are awkward, for tests that compare date code with
// date-fns in each: date lines crossed (Apia skipped 30 Dec 2011, Sitka and Manila
// moved across it long ago), half-hour offsets and DST (Lord Howe, St John's), and
// the far east of UTC+14 (Kiritimati).
import { afterAll } from 'vitest';

export const ODD_ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Apia', 'Pacific/Kiritimati', 'America/Sitka', 'Asia/Manila', 'America/St_Johns'];

/** Sets TZ for the rest of this test file (node resets its zone on assignment), and puts it back after. */
export function zoneSetter(): (zone: string) => void {
  const saved = process.env.TZ;
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  return (zone) => {
    process.env.TZ = zone;
  };
}
