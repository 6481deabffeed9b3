import { DateTime } from 'luxon';

/** A schedule's posting occasion: a key unique per local day (daily) or ISO week (weekly), and when it is due. */
export interface Slot {
  key: string;
  dueAt: number;
}

export interface SlotRule {
  kind: 'daily' | 'weekly';
  localTime: string;
  timezone: string;
  /** ISO weekday, 1 = Monday; weekly schedules only. */
  weekday: number | null;
}

const sameWall = (dt: DateTime, day: DateTime, minutes: number) =>
  dt.hasSame(day, 'day') && dt.hour * 60 + dt.minute === minutes;

/**
 * The instant the wall clock in `day`'s zone shows `localTime` on that day. On a spring-forward day a time in the
 * gap does not exist: we take the first minute after it that does. On a fall-back day a time occurs twice: we take
 * the first. (Luxon alone would move a gap time forward by the gap's length and pick the later of two.)
 */
export function wallClockInstant(day: DateTime, localTime: string): DateTime {
  const [hour, minute] = localTime.split(':').map(Number) as [number, number];
  const wanted = hour * 60 + minute;
  for (let extra = 0; extra < 24 * 60; extra++) {
    const total = wanted + extra;
    if (total >= 24 * 60) break;
    const candidate = day.set({ hour: Math.floor(total / 60), minute: total % 60, second: 0, millisecond: 0 });
    if (!sameWall(candidate, day, total)) continue; // inside a daylight-saving gap
    for (const back of [60, 30]) {
      const earlier = candidate.minus({ minutes: back });
      if (sameWall(earlier, day, total)) return earlier;
    }
    return candidate;
  }
  return day.endOf('day');
}

function slotOn(rule: SlotRule, day: DateTime): Slot {
  const key = rule.kind === 'daily' ? day.toISODate()! : day.toFormat("kkkk-'W'WW");
  return { key, dueAt: wallClockInstant(day, rule.localTime).toMillis() };
}

/** Walks day by day from today (back or ahead) to the first slot that satisfies `wanted`. */
function findSlot(rule: SlotRule, now: number, step: -1 | 1, wanted: (slot: Slot) => boolean): Slot {
  const today = DateTime.fromMillis(now, { zone: rule.timezone }).startOf('day');
  for (let days = 0; days <= 8; days++) {
    const day = today.plus({ days: step * days });
    if (rule.kind === 'weekly' && day.weekday !== rule.weekday) continue;
    const slot = slotOn(rule, day);
    if (wanted(slot)) return slot;
  }
  throw new Error('unreachable: a slot falls within eight days');
}

/** The most recent slot due at or before `now` (the one a tick should make sure is posted). */
export const latestDueSlot = (rule: SlotRule, now: number): Slot => findSlot(rule, now, -1, (slot) => slot.dueAt <= now);

/** The first slot due strictly after `now`. */
export const nextSlot = (rule: SlotRule, now: number): Slot => findSlot(rule, now, 1, (slot) => slot.dueAt > now);

/**
 * latestDueSlot for every tick: a rule's latest slot stays the same until its next slot is due, so the date arithmetic
 * (a millisecond per rule outside UTC, the costliest part of planning) runs about once per rule per day instead of
 * once per server per tick. Servers with the same time, zone and weekday share an entry.
 */
export function dueSlotCache(): (rule: SlotRule, now: number) => Slot {
  const known = new Map<string, { slot: Slot; until: number }>();
  return (rule, now) => {
    const key = `${rule.kind} ${rule.localTime} ${rule.timezone} ${rule.weekday ?? ''}`;
    const hit = known.get(key);
    if (hit && hit.slot.dueAt <= now && now < hit.until) return hit.slot;
    if (known.size >= MAX_CACHED_RULES) known.clear(); // rules come and go as servers change their schedules
    const slot = latestDueSlot(rule, now);
    known.set(key, { slot, until: nextSlot(rule, now).dueAt });
    return slot;
  };
}

const MAX_CACHED_RULES = 10_000;
