import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOT_PERMISSIONS } from '../../src/loopback/permissions.js';
import { manualClock, useBot, type Bot } from '../helpers/bot.js';
import { finalReply, textOf } from '../helpers/replies.js';

const THREAD_ROUTE = 'POST /channels/:channel_id/messages/:message_id/threads';
const WITH_THREADS = DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.CreatePublicThreads;
const clock = manualClock(Date.parse('2026-11-23T08:59:00Z'));

async function moderator(bot: Bot, subcommand: string, options: Record<string, string | boolean> = {}) {
  const run = bot.discord.slashCommand({ channelId: bot.guild.channels.study!, userId: bot.guild.users.mod!, name: 'schedule', subcommand, options });
  return textOf(await finalReply(run));
}

/** A daily schedule at 09:00 UTC, then the clock at 09:00 and one tick: the first daily post. */
async function firstDailyPost(bot: Bot) {
  clock.set(Date.parse('2026-11-23T08:59:00Z'));
  await moderator(bot, 'daily', { channel: bot.guild.channels.study!, time: '09:00', timezone: 'UTC' });
  clock.set(Date.parse('2026-11-23T09:00:05Z'));
  await bot.app.services.scheduler.tick();
  return bot.discord.state.messagesIn(bot.guild.channels.study!);
}
const threadRequests = (bot: Bot) => bot.discord.requests.filter((r) => r.route === THREAD_ROUTE);
const threadRow = (bot: Bot) => bot.app.db.prepare("SELECT thread_status AS status, thread_error AS error FROM posts WHERE kind = 'daily'").get();

describe('a thread on each daily post', () => {
  describe('when the bot may create threads', () => {
    const bot = useBot(() => ({ clock, botPermissions: WITH_THREADS }));

    it('opens exactly one public thread named after the topic, archived after a day of quiet', async () => {
      const [post] = await firstDailyPost(bot());
      await bot().app.services.scheduler.tick(); // a later tick finds nothing owed
      expect(threadRequests(bot())).toHaveLength(1);
      expect(threadRequests(bot())[0]!).toMatchObject({ status: 201, body: { name: 'What machine learning engineers do', auto_archive_duration: 1440 } });
      const thread = bot().discord.state.channels.get(post!.id);
      expect(thread).toMatchObject({ type: 11, parent_id: bot().guild.channels.study, name: 'What machine learning engineers do' });
      expect(threadRow(bot())).toEqual({ status: 'opened', error: null });
    });

    it('/schedule threads enabled:false: the post goes out without a thread', async () => {
      expect(await moderator(bot(), 'threads', { enabled: false })).toContain('no longer open a thread');
      const posts = await firstDailyPost(bot());
      expect(posts).toHaveLength(1);
      expect(threadRequests(bot())).toHaveLength(0);
      expect(threadRow(bot())).toEqual({ status: null, error: null });
      expect(await moderator(bot(), 'threads', { enabled: true })).toContain('will open a thread named after its topic');
    });

    it('a thread request that fails on Discord\'s side leaves the post sent and is retried by the next tick, once', async () => {
      bot().discord.faults.add({ route: THREAD_ROUTE, status: 500, times: 10 });
      const posts = await firstDailyPost(bot());
      expect(posts).toHaveLength(1);
      expect(threadRow(bot())).toEqual({ status: 'owed', error: null });
      bot().discord.faults.clear();
      clock.advance(60_000);
      await bot().app.services.scheduler.tick();
      expect(threadRow(bot())).toEqual({ status: 'opened', error: null });
      expect(threadRequests(bot()).filter((r) => r.status === 201)).toHaveLength(1);
      expect(bot().discord.state.messagesIn(bot().guild.channels.study!)).toHaveLength(1);
    });
  });

  describe('when the bot lacks Create Public Threads', () => {
    const bot = useBot(() => ({ clock }));

    it('still posts, opens no thread, records why, and says so when threads are turned on', async () => {
      const posts = await firstDailyPost(bot());
      expect(posts).toHaveLength(1);
      expect(threadRequests(bot())).toHaveLength(0);
      expect(threadRow(bot())).toEqual({ status: 'failed', error: expect.stringContaining('Create Public Threads') });
      expect(bot().logs.some((l) => l.msg === 'Discord refused a daily thread; the post stays without one')).toBe(true);
      expect(bot().app.db.prepare("SELECT status FROM posts WHERE kind = 'daily'").pluck().get()).toBe('sent');
      clock.advance(60_000);
      await bot().app.services.scheduler.tick(); // a permanent refusal is not retried
      expect(threadRequests(bot())).toHaveLength(0);
      expect(await moderator(bot(), 'threads', { enabled: true })).toContain('give my role **Create Public Threads**');
    });
  });
});
