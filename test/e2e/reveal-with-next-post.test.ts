import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, startBot, type Bot } from '../helpers/bot.js';
import { buttonsOf, finalReply, textOf, type ReplyData } from '../helpers/replies.js';

let bot: Bot;
const clock = manualClock(Date.parse('2026-11-23T10:00:00Z'));
beforeEach(async () => {
  clock.set(Date.parse('2026-11-23T10:00:00Z'));
  bot = await startBot({ clock });
});
afterEach(async () => {
  expect(bot.discord.contractViolations).toEqual([]);
  await bot.stop();
});

const study = () => bot.guild.channels.study!;
const mod = () => bot.guild.users.mod!;
const postsIn = () => bot.discord.state.messagesIn(study());
const schedule = async (subcommand: string, options: Record<string, string>) =>
  textOf(await finalReply(bot.discord.slashCommand({ channelId: study(), userId: mod(), name: 'schedule', subcommand, options })));

describe('a daily answer is revealed with the next daily post', () => {
  it('given an open daily post, when a moderator runs /schedule post-now, then the old post shows its answer by the time the command replies, with no tick', async () => {
    // 09:00 was due before the schedule was set, so nothing is posted until a moderator asks.
    await schedule('daily', { channel: study(), time: '09:00', timezone: 'UTC' });
    expect(await schedule('post-now', { kind: 'daily' })).toContain('Posted');
    const first = postsIn()[0]!;
    expect(first.embeds.map((e) => e.title)).not.toContain('Answer');
    await bot.discord.clickButton({ message: first, customId: buttonsOf(first as unknown as ReplyData)[0]!.custom_id!, userId: bot.guild.users.alice! }).response;

    clock.advance(60_000);
    expect(await schedule('post-now', { kind: 'daily' })).toContain('Posted');
    // Nothing ticks in this test (no cron): whatever edited the old post did so within the command.
    const edit = bot.discord.requests.find((r) => r.method === 'PATCH' && r.route === 'PATCH /channels/:channel_id/messages/:message_id' && r.params.message_id === first.id);
    expect(edit?.status).toBe(200);
    const revealed = postsIn().find((m) => m.id === first.id)!;
    expect(revealed.embeds[1]!.title).toBe('Answer');
    expect(revealed.embeds[1]!.footer?.text).toBe('1 member answered · closed');
    expect(buttonsOf(revealed as unknown as ReplyData).every((b) => b.disabled)).toBe(true);
    // The new post is still open for answers.
    expect(postsIn()).toHaveLength(2);
    expect(buttonsOf(postsIn()[1]! as unknown as ReplyData).some((b) => b.disabled)).toBe(false);
  });
});
