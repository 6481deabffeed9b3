import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dueSlotCache, latestDueSlot, type SlotRule } from '../../src/schedule/slots.js';

const MINUTE = 60_000;
const rules: SlotRule[] = [
  { kind: 'daily', localTime: '01:30', timezone: 'Europe/London', weekday: null },
  { kind: 'daily', localTime: '02:30', timezone: 'America/New_York', weekday: null },
  { kind: 'daily', localTime: '02:15', timezone: 'Australia/Lord_Howe', weekday: null },
  { kind: 'weekly', localTime: '01:00', timezone: 'Europe/London', weekday: 7 },
  { kind: 'daily', localTime: '00:00', timezone: 'UTC', weekday: null },
];

/** Every 7 minutes around the spring and autumn changes of 2026 in these zones, then a few jumps back in time. */
function ticks(): number[] {
  const times: number[] = [];
  for (const around of ['2026-03-07', '2026-03-28', '2026-04-04', '2026-10-03', '2026-10-24', '2026-10-31']) {
    const start = DateTime.fromISO(around, { zone: 'UTC' }).toMillis();
    for (let t = start; t < start + 3 * 24 * 60 * MINUTE; t += 7 * MINUTE) times.push(t);
  }
  return [...times, times[10]!, times[500]!, times[0]!, times.at(-1)!];
}

describe('the due-slot cache', () => {
  it('answers exactly as latestDueSlot at every tick, through daylight-saving changes and when the clock goes back', () => {
    const cached = dueSlotCache();
    const wrong: string[] = [];
    for (const now of ticks()) {
      for (const rule of rules) {
        const expected = latestDueSlot(rule, now);
        const got = cached(rule, now);
        if (got.key !== expected.key || got.dueAt !== expected.dueAt) wrong.push(`${rule.timezone} ${rule.localTime} at ${new Date(now).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
    // Some 18,000 slot computations with luxon: seconds alone, far longer beside the browser and e2e suites.
  }, 120_000);

  it('gives servers with the same time, zone and weekday the same slot, and others their own', () => {
    const cached = dueSlotCache();
    const now = Date.parse('2026-11-23T12:00:00Z');
    const london = cached(rules[0]!, now);
    expect(cached({ ...rules[0]! }, now)).toBe(london);
    expect(cached({ ...rules[0]!, localTime: '01:31' }, now).dueAt).toBe(london.dueAt + MINUTE);
  });
});
