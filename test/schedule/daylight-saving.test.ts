import { DateTime, FixedOffsetZone } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { schedulerWorld } from '../helpers/scheduler-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

const START = '2026-01-01';
const END = '2027-12-31';
const MINUTE = 60_000;

/** Days whose UTC offset differs from the day before: the daylight-saving changes. */
function changeDays(zone: string): DateTime[] {
  const days: DateTime[] = [];
  for (let day = DateTime.fromISO(START, { zone }); day <= DateTime.fromISO(END, { zone }); day = day.plus({ days: 1 })) {
    if (day.endOf('day').offset !== day.startOf('day').offset) days.push(day);
  }
  return days;
}

/** Tick every four hours (inside the six-hour grace), and every half hour from a day before to a day after each change. */
function tickTimes(zone: string): number[] {
  const times = new Set<number>();
  const start = DateTime.fromISO(START, { zone }).toMillis();
  const end = DateTime.fromISO(END, { zone }).endOf('day').toMillis();
  for (let t = start; t <= end; t += 240 * MINUTE) times.add(t);
  for (const day of changeDays(zone)) {
    for (let t = day.minus({ days: 1 }).toMillis(); t <= day.plus({ days: 2 }).toMillis(); t += 30 * MINUTE) times.add(t);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * The wall time a post should carry: the requested one or, when a spring-forward gap swallows it, the first minute
 * after the gap. In all these zones the gap is the one hour from H:00, so that minute is (H+1):00.
 */
function expectedWallTime(date: DateTime, localTime: string): string {
  const [hour, minute] = localTime.split(':').map(Number) as [number, number];
  const exists = date.set({ hour, minute }).toFormat('HH:mm') === localTime;
  return exists ? localTime : `${String(hour + 1).padStart(2, '0')}:00`;
}

const cases = [
  { zone: 'Europe/London', time: '01:30' },
  { zone: 'America/New_York', time: '02:30' },
  { zone: 'America/New_York', time: '01:30' },
  { zone: 'Australia/Sydney', time: '02:30' },
  { zone: 'Asia/Kolkata', time: '09:00' },
];

describe('daylight saving over two years', () => {
  const tempDir = useTempDir();
  let world: ReturnType<typeof schedulerWorld>;
  afterEach(() => world.db.close());

  it.each(cases)('$zone at $time: every local day posts exactly once, at the right wall time', async ({ zone, time }) => {
    const changes = changeDays(zone);
    expect(changes.length).toBe(zone === 'Asia/Kolkata' ? 0 : 4);
    world = schedulerWorld(tempDir(), DateTime.fromISO(START, { zone }).toMillis());
    world.schedule('g', 'daily', time, zone);
    for (const t of tickTimes(zone)) {
      world.clock.set(t);
      await world.scheduler.tick();
    }
    // The first tick also sees the day before START, long past its grace window: skipped, and left out here.
    const posts = world.db.prepare("SELECT slot, due_at AS dueAt, status FROM posts WHERE kind = 'daily' AND slot >= ? ORDER BY due_at").all(START) as { slot: string; dueAt: number; status: string }[];
    const days = Math.round(DateTime.fromISO(END, { zone }).diff(DateTime.fromISO(START, { zone }), 'days').days) + 1;
    expect(posts).toHaveLength(days);
    expect(new Set(posts.map((p) => p.slot)).size).toBe(days);
    expect(posts.every((p) => p.status === 'sent')).toBe(true);
    expect(world.discord.messages).toHaveLength(days);
    for (const post of posts) {
      const local = DateTime.fromMillis(post.dueAt, { zone });
      expect(local.toISODate()).toBe(post.slot);
      expect(local.toFormat('HH:mm'), post.slot).toBe(expectedWallTime(local.startOf('day'), time));
    }
    // On a fall-back day a time the clock shows twice posts once, at its first occurrence (the summer offset).
    const shownAt = (day: DateTime, offset: number) =>
      DateTime.fromISO(`${day.toISODate()}T${time}`, { zone: FixedOffsetZone.instance(offset) }).setZone(zone).toFormat('HH:mm');
    const repeated = changes.filter((d) => d.endOf('day').offset < d.startOf('day').offset && shownAt(d, d.startOf('day').offset) === time && shownAt(d, d.endOf('day').offset) === time);
    expect(repeated.length).toBe(zone === 'Asia/Kolkata' || time === '02:30' && zone === 'America/New_York' ? 0 : 2);
    for (const day of repeated) {
      const post = posts.find((p) => p.slot === day.toISODate())!;
      expect(DateTime.fromMillis(post.dueAt, { zone }).offset, day.toISODate()!).toBe(day.startOf('day').offset);
    }
  });

  it('a weekly slot on the day of each change posts once per week', async () => {
    const zone = 'Europe/London';
    world = schedulerWorld(tempDir(), DateTime.fromISO(START, { zone }).toMillis());
    world.schedule('w', 'weekly', '01:30', zone, { weekday: 7 });
    for (const t of tickTimes(zone)) {
      world.clock.set(t);
      await world.scheduler.tick();
    }
    const weeks = world.db.prepare("SELECT slot, due_at AS dueAt FROM posts WHERE kind = 'weekly' AND status = 'sent' ORDER BY due_at").all() as { slot: string; dueAt: number }[];
    expect(new Set(weeks.map((w) => w.slot)).size).toBe(weeks.length);
    expect(weeks.length).toBe(104);
    const springForward = changeDays(zone)[0]!;
    const post = weeks.find((w) => DateTime.fromMillis(w.dueAt, { zone }).hasSame(springForward, 'day'))!;
    expect(DateTime.fromMillis(post.dueAt, { zone }).toFormat('HH:mm')).toBe('02:00');
  });
});
