import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { schedulerWorld } from '../helpers/scheduler-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();

describe('a tick with many servers due', () => {
  const tempDir = useTempDir();
  let world: ReturnType<typeof schedulerWorld>;
  afterEach(() => world.db.close());

  it('given 540 servers due at once, when the tick plans them, then other work gets turns in between, and each is still posted once', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    // One server a minute from 00:00 to 08:59, each a rule of its own; the oldest are past their grace and skipped.
    const servers = Array.from({ length: 540 }, (_, i) => `g${i}`);
    world.db.transaction(() => {
      servers.forEach((id, i) => world.schedule(id, 'daily', `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, 'UTC'));
    })();
    const claims = () => world.db.prepare('SELECT count(*) FROM posts').pluck().get() as number;

    const tick = world.scheduler.tick();
    // A timer set now runs at the event loop's next turn: during the tick only if planning yields.
    const seenByTimer = await new Promise<number>((resolve) => setTimeout(() => resolve(claims()), 0));
    await tick;
    expect(seenByTimer).toBeGreaterThan(0);
    expect(seenByTimer).toBeLessThan(servers.length);

    // 03:00 to 08:59 are inside the six-hour grace: one post each; the 180 before are recorded as skipped.
    expect(world.discord.messages).toHaveLength(360);
    expect(new Set(world.discord.messages.map((m) => m.channelId)).size).toBe(360);
    expect(world.db.prepare('SELECT status, count(*) AS n FROM posts GROUP BY status ORDER BY status').all()).toEqual([
      { status: 'sent', n: 360 }, { status: 'skipped', n: 180 },
    ]);
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(360);
  });
  it('given 2,500 servers, 2 of them paused, a tick reads their schedules a page at a time and posts once to each of the others', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    const servers = Array.from({ length: 2500 }, (_, i) => `g${String(i).padStart(4, '0')}`);
    world.db.transaction(() => servers.forEach((id) => world.schedule(id, 'daily', '09:00', 'UTC')))();
    world.db.prepare("UPDATE schedules SET paused = 1 WHERE guild_id IN ('g0999', 'g1000')").run();
    const active = () => world.db.prepare('SELECT guild_id FROM schedules WHERE paused = 0 ORDER BY guild_id').pluck().all() as string[];
    expect(active()).toHaveLength(2498);

    await world.scheduler.tick();
    const posted = world.db.prepare("SELECT guild_id FROM posts WHERE status = 'sent' ORDER BY guild_id").pluck().all();
    expect(posted).toEqual(active());
    expect(world.discord.messages).toHaveLength(2498);
  });
});
