import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, startBot, type Bot } from '../helpers/bot.js';
import { finalReply, textOf } from '../helpers/replies.js';

const clock = manualClock();
let bot: Bot;
afterEach(async () => {
  expect(bot.discord.contractViolations).toEqual([]);
  await bot.stop();
});

const POST = 'POST /channels/:channel_id/messages';

/** A bot with a daily post due at 09:00 UTC, the clock just past it. */
async function dueDailyPost(): Promise<void> {
  clock.set(Date.parse('2026-11-23T08:00:00Z'));
  bot = await startBot({ clock, restTimeoutMs: 400 });
  const handle = bot.discord.slashCommand({
    channelId: bot.guild.channels.study!, userId: bot.guild.users.mod!, name: 'schedule', subcommand: 'daily',
    options: { channel: bot.guild.channels.study!, time: '09:00', timezone: 'UTC' },
  });
  await finalReply(handle);
  clock.set(Date.parse('2026-11-23T09:00:00Z'));
}

const postsInStudy = () => bot.discord.state.messagesIn(bot.guild.channels.study!);
const sends = () => bot.discord.requests.filter((r) => r.route === POST);

describe('faults on a scheduled post', () => {
  it('a 5xx after Discord stored the message is retried with the same nonce: one message', async () => {
    await dueDailyPost();
    bot.discord.faults.add({ route: POST, status: 502, when: 'after', times: 2 });
    await bot.app.services.scheduler.tick();
    expect(postsInStudy()).toHaveLength(1);
    expect(sends().map((r) => r.status)).toEqual([502, 502, 200]);
    expect(new Set(sends().map((r) => (r.body as { nonce: string }).nonce)).size).toBe(1);
  });

  it('a timeout after Discord stored the message is retried with the same nonce: one message', async () => {
    await dueDailyPost();
    bot.discord.faults.add({ route: POST, delayMs: 1_000, when: 'after', times: 1 });
    await bot.app.services.scheduler.tick();
    expect(postsInStudy()).toHaveLength(1);
    expect(bot.app.db.prepare("SELECT status FROM posts WHERE kind = 'daily'").pluck().get()).toBe('sent');
  });

  it('failures that outlast the client\'s retries leave the post claimed; the next tick sends it once', async () => {
    await dueDailyPost();
    bot.discord.faults.add({ route: POST, status: 503, when: 'after', times: 4 });
    await bot.app.services.scheduler.tick();
    expect(bot.app.db.prepare("SELECT status FROM posts WHERE kind = 'daily'").pluck().get()).toBe('claimed');
    clock.advance(60_000);
    await bot.app.services.scheduler.tick();
    expect(postsInStudy()).toHaveLength(1);
    expect(bot.app.db.prepare("SELECT status FROM posts WHERE kind = 'daily'").pluck().get()).toBe('sent');
  });

  it('429 with retry-after, on the route and globally, is waited out and nothing is dropped', async () => {
    await dueDailyPost();
    bot.discord.faults.add({ route: POST, status: 429, retryAfter: 0.2, times: 1 });
    bot.discord.faults.add({ route: POST, status: 429, retryAfter: 0.2, global: true, times: 1 });
    const started = Date.now();
    await bot.app.services.scheduler.tick();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(sends().map((r) => r.status)).toEqual([429, 429, 200]);
    expect(postsInStudy()).toHaveLength(1);
  });

  it('a deleted channel is reported by /schedule show with the fix and not retried', async () => {
    await dueDailyPost();
    bot.discord.state.channels.delete(bot.guild.channels.study!);
    await bot.app.services.scheduler.tick();
    clock.advance(60_000);
    await bot.app.services.scheduler.tick();
    expect(sends()).toHaveLength(1);
    const show = bot.discord.slashCommand({ channelId: bot.guild.channels.announcements!, userId: bot.guild.users.mod!, name: 'schedule', subcommand: 'show' });
    const text = textOf(await finalReply(show));
    expect(text).toMatch(/⚠️ The channel <#\d+> no longer exists\. Choose another with \/schedule\./);
  });
});
