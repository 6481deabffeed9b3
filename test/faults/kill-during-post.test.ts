import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { useBotProcesses } from '../helpers/bot-process.js';

describe('a crash in the middle of a scheduled post', () => {
  const setUp = useBotProcesses();

  it.each(['before', 'after'] as const)('killed after the claim and %s Discord stores the message: one post after the restart', async (when) => {
    const world = await setUp();
    const { discord, env } = world;
    const guild = discord.addGuild({ name: 'Study group', channels: [{ name: 'study' }] });
    const channel = guild.channels.study!;
    const databasePath = env.DATABASE_PATH!;
    // A daily schedule whose slot fell due a minute ago, so the first tick after start-up posts it.
    const db = openDatabase(databasePath);
    migrate(db, migrations);
    const dueTime = DateTime.utc().minus({ minutes: 1 }).toFormat('HH:mm');
    db.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
                VALUES (?, 'daily', ?, ?, NULL, 'UTC', 0, 0)`).run(guild.id, channel, dueTime);
    db.close();

    // Discord holds the request (before or after creating the message) long enough for us to kill the bot.
    const held = discord.faults.add({ route: 'POST /channels/:channel_id/messages', delayMs: 60_000, when });
    const first = world.spawn();
    await expect.poll(() => held.hits.length, { timeout: 15_000 }).toBe(1);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(discord.state.messagesIn(channel)).toHaveLength(when === 'after' ? 1 : 0);

    discord.faults.clear();
    const second = world.spawn();
    await expect.poll(() => second.output(), { timeout: 15_000 }).toContain('scheduled post sent');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    expect(discord.state.messagesIn(channel)).toHaveLength(1);
    const sends = discord.requests.filter((r) => r.route === 'POST /channels/:channel_id/messages' && r.status === 200);
    expect(new Set(sends.map((r) => (r.body as { nonce: string }).nonce)).size).toBe(1);
    const check = openDatabase(databasePath);
    expect(check.prepare("SELECT status, message_id AS messageId FROM posts WHERE kind = 'daily'").all()).toEqual([
      { status: 'sent', messageId: discord.state.messagesIn(channel)[0]!.id },
    ]);
    check.close();
  });
});
