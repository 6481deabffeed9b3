import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../src/loopback/permissions.js';
import { useBotProcesses } from '../helpers/bot-process.js';

const THREAD_ROUTE = 'POST /channels/:channel_id/messages/:message_id/threads';

describe('a crash between a daily post and its thread', () => {
  const setUp = useBotProcesses();

  it.each(['before', 'after'] as const)('killed once the post is recorded, %s Discord makes the thread: one post and one thread after the restart', async (when) => {
    const world = await setUp();
    const { discord, env } = world;
    const guild = discord.addGuild({
      name: 'Study group', channels: [{ name: 'study' }], bot: { permissions: DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.CreatePublicThreads },
    });
    const channel = guild.channels.study!;
    const databasePath = env.DATABASE_PATH!;
    // A daily schedule whose slot fell due a minute ago, so the first tick after start-up posts it.
    const db = openDatabase(databasePath);
    migrate(db, migrations);
    const dueTime = DateTime.utc().minus({ minutes: 1 }).toFormat('HH:mm');
    db.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
                VALUES (?, 'daily', ?, ?, NULL, 'UTC', 0, 0)`).run(guild.id, channel, dueTime);
    db.close();

    // Discord holds the thread request (before or after making the thread) long enough for us to kill the bot.
    const held = discord.faults.add({ route: THREAD_ROUTE, delayMs: 60_000, when });
    const first = world.spawn();
    await expect.poll(() => held.hits.length, { timeout: 15_000 }).toBe(1);
    first.child.kill('SIGKILL');
    await first.exited;
    const threads = () => [...discord.state.channels.values()].filter((c) => c.type === ChannelType.PublicThread);
    expect(discord.state.messagesIn(channel)).toHaveLength(1);
    expect(threads()).toHaveLength(when === 'after' ? 1 : 0);
    const between = openDatabase(databasePath);
    expect(between.prepare("SELECT status, thread_status AS thread FROM posts WHERE kind = 'daily'").get()).toEqual({ status: 'sent', thread: 'owed' });
    between.close();

    discord.faults.clear();
    const second = world.spawn();
    await expect.poll(() => second.output(), { timeout: 15_000 }).toContain('daily thread opened');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const post = discord.state.messagesIn(channel);
    expect(post).toHaveLength(1);
    expect(threads().map((t) => t.id)).toEqual([post[0]!.id]);
    const attempts = discord.requests.filter((r) => r.route === THREAD_ROUTE);
    // The restart's attempt: a new thread if the first never reached Discord, else "already created", taken as done.
    expect(attempts.at(-1)!.status).toBe(when === 'after' ? 400 : 201);
    const check = openDatabase(databasePath);
    expect(check.prepare("SELECT status, thread_status AS thread, thread_error AS error FROM posts WHERE kind = 'daily'").all()).toEqual([
      { status: 'sent', thread: 'opened', error: null },
    ]);
    check.close();
  });
});
