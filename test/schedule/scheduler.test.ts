import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { schedulerWorld } from '../helpers/scheduler-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

const at = (iso: string, zone = 'UTC') => DateTime.fromISO(iso, { zone }).toMillis();
const MINUTE = 60_000;

describe('the scheduler', () => {
  const tempDir = useTempDir();
  let world: ReturnType<typeof schedulerWorld>;
  afterEach(() => world.db.close());

  it('posts a due slot once, however many ticks run in that minute, at the same time or one after another', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:10'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    await Promise.all([world.scheduler.tick(), world.scheduler.tick(), world.scheduler.tick()]);
    await world.scheduler.tick();
    world.clock.advance(30_000);
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(1);
    expect(world.posts.bySlot('g1', 'daily', '2026-11-23')).toMatchObject({ status: 'sent', topicId: 'averages', planDay: 0 });
  });

  it('does not post before the slot, nor a slot that was due before the schedule was set', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T08:59:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC', { since: at('2026-11-23T08:00:00') });
    world.schedule('g2', 'daily', '07:00', 'UTC', { since: at('2026-11-23T08:00:00') });
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(0);
    world.clock.set(at('2026-11-23T09:00:00'));
    await world.scheduler.tick();
    expect(world.discord.messages.map((m) => m.channelId)).toEqual(['chan-g1']);
  });

  it('after a restart, catches up a slot missed within the grace window and skips (and records) an older one', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T08:00:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    await world.scheduler.tick();
    // Down from 08:00 to 14:30: the 09:00 slot is 5.5 hours old, inside the 6-hour grace.
    world.restart();
    world.clock.set(at('2026-11-23T14:30:00'));
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(1);
    // Down all of the next day until 15:01: that slot is 6 h 1 min old.
    world.restart();
    world.clock.set(at('2026-11-24T15:01:00'));
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(1);
    expect(world.posts.bySlot('g1', 'daily', '2026-11-24')).toMatchObject({ status: 'skipped' });
    // The skipped day does not consume a topic of the study plan.
    world.clock.set(at('2026-11-25T09:00:00'));
    await world.scheduler.tick();
    expect(world.posts.bySlot('g1', 'daily', '2026-11-25')).toMatchObject({ status: 'sent', planDay: 1, topicId: 'spread' });
  });

  it('a refused channel marks its schedule with the fix, stops retrying that slot, and does not hold up other servers', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    world.schedule('g2', 'daily', '09:00', 'UTC');
    world.discord.refuse('chan-g1', 'channel-missing');
    await world.scheduler.tick();
    await world.scheduler.tick();
    expect(world.discord.messages.map((m) => m.channelId)).toEqual(['chan-g2']);
    expect(world.posts.bySlot('g1', 'daily', '2026-11-23')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(world.guilds.schedules('g1')[0]!.lastError).toBe('refused: channel-missing');
  });

  it('retries a transient failure on the next tick with the same nonce, posting once', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    world.discord.failNext(2);
    await world.scheduler.tick();
    expect(world.posts.bySlot('g1', 'daily', '2026-11-23')).toMatchObject({ status: 'claimed' });
    world.clock.advance(MINUTE);
    await world.scheduler.tick();
    world.clock.advance(MINUTE);
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(1);
    expect(world.posts.bySlot('g1', 'daily', '2026-11-23')).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('finds a post that went out before a crash instead of posting it again, even after Discord forgot the nonce', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    await world.scheduler.tick();
    // As if the process died after Discord created the message but before the row was marked sent.
    world.db.prepare("UPDATE posts SET status = 'claimed', message_id = NULL").run();
    world.discord.messages[0]!.nonce = 'forgotten';
    world.restart();
    world.clock.advance(10 * MINUTE);
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(1);
    expect(world.posts.bySlot('g1', 'daily', '2026-11-23')).toMatchObject({ status: 'sent', messageId: world.discord.messages[0]!.id });
  });

  it('reveals the previous daily answer when the next daily goes out, or after 24 hours', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    await world.scheduler.tick();
    world.clock.set(at('2026-11-24T09:00:00'));
    await world.scheduler.tick();
    expect(world.discord.reveals.map((r) => r.messageId)).toEqual([world.discord.messages[0]!.id]);
    world.db.prepare("UPDATE schedules SET paused = 1").run();
    world.clock.set(at('2026-11-25T09:00:01'));
    await world.scheduler.tick();
    expect(world.discord.reveals.map((r) => r.messageId)).toEqual(world.discord.messages.map((m) => m.id));
  });

  it('closes the previous weekly challenge with a results post when the next one opens', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-27T18:00:00'));
    world.schedule('g1', 'weekly', '18:00', 'UTC', { weekday: 5 });
    await world.scheduler.tick();
    world.clock.set(at('2026-12-04T18:00:00'));
    await world.scheduler.tick();
    expect(world.discord.messages.map((m) => m.kind)).toEqual(['weekly', 'weekly', 'results']);
    expect(world.discord.closed).toEqual([world.discord.messages[0]!.id]);
    expect(world.posts.bySlot('g1', 'weekly', '2026-W48')!.closedAt).not.toBeNull();
  });

  it('posts on demand: as the due slot if it has not gone out, otherwise as an extra post', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:30:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC', { since: at('2026-11-23T09:10:00') });
    const first = await world.scheduler.postNow('g1', 'daily');
    expect(first).toMatchObject({ ok: true, post: { slot: 'manual-' + at('2026-11-23T09:30:00') } });
    world.schedule('g2', 'daily', '09:00', 'UTC');
    expect(await world.scheduler.postNow('g2', 'daily')).toMatchObject({ ok: true, post: { slot: '2026-11-23' } });
    await world.scheduler.tick();
    expect(world.discord.messages).toHaveLength(2);
    expect(await world.scheduler.postNow('g3', 'weekly')).toEqual({ ok: false, error: 'There is no weekly schedule yet. Set one with /schedule weekly first.' });
  });
});
