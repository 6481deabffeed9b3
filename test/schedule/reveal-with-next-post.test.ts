import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { schedulerWorld } from '../helpers/scheduler-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();

describe('revealing a daily answer with the next post', () => {
  const tempDir = useTempDir();
  let world: ReturnType<typeof schedulerWorld>;
  afterEach(() => world.db.close());

  it('given two servers, when one server\'s next daily is out, then its previous answer is shown while the other server\'s post is still on its way', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    world.schedule('g2', 'daily', '09:00', 'UTC');
    await world.scheduler.tick();
    const [first1, first2] = ['chan-g1', 'chan-g2'].map((channel) => world.discord.messages.find((m) => m.channelId === channel)!.id);

    // The next day g2's post is held up (a slow channel); g1's goes through at once.
    const send = world.discord.poster.sendDaily;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    world.discord.poster.sendDaily = async (channelId, post, nonce, pingRoleId) => {
      if (channelId === 'chan-g2') await held;
      return send(channelId, post, nonce, pingRoleId);
    };
    world.clock.set(at('2026-11-24T09:00:00'));
    let tickDone = false;
    const tick = world.scheduler.tick().then(() => (tickDone = true));

    await vi.waitFor(() => expect(world.discord.reveals.map((r) => r.messageId)).toEqual([first1]));
    expect(tickDone).toBe(false);
    expect(world.posts.bySlot('g1', 'daily', '2026-11-23')!.closedAt).toBe(at('2026-11-24T09:00:00'));
    expect(world.posts.bySlot('g2', 'daily', '2026-11-23')!.closedAt).toBeNull();

    release();
    await tick;
    expect(world.discord.reveals.map((r) => r.messageId)).toEqual([first1, first2]);
    expect(world.discord.messages).toHaveLength(4);
  });

  it('given a reveal that fails with the next post and again in that tick\'s sweep, then a later tick shows it, once', async () => {
    world = schedulerWorld(tempDir(), at('2026-11-23T09:00:00'));
    world.schedule('g1', 'daily', '09:00', 'UTC');
    await world.scheduler.tick();
    const reveal = world.discord.poster.revealDaily;
    let failures = 2;
    world.discord.poster.revealDaily = async (...args) => {
      if (failures-- > 0) throw new Error('Discord answered 503');
      return reveal(...args);
    };
    world.clock.set(at('2026-11-24T09:00:00'));
    await world.scheduler.tick();
    // The new post is out and stays sent; only the reveal waits for another try.
    expect(world.posts.bySlot('g1', 'daily', '2026-11-24')).toMatchObject({ status: 'sent' });
    expect(world.discord.reveals).toHaveLength(0);
    world.clock.advance(60_000);
    await world.scheduler.tick();
    world.clock.advance(60_000);
    await world.scheduler.tick();
    expect(world.discord.reveals.map((r) => r.messageId)).toEqual([world.discord.messages[0]!.id]);
  });
});
