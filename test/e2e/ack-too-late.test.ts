import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../helpers/bot.js';
import { buttonsOf, finalReply, textOf, type ReplyData } from '../helpers/replies.js';

// A bot so far behind that even its acknowledgement reaches Discord after the 3-second window: the loopback's clock
// jumps 10 s ahead right after the click is sent.
let bot: Bot;
let skewMs = 0;
beforeEach(async () => {
  skewMs = 0;
  bot = await startBot({ ackFirstAfterMs: -1, discordNow: () => Date.now() + skewMs });
});
afterEach(async () => {
  await bot.stop();
});

describe('a click Discord no longer takes a response for', () => {
  it('is still recorded, once, and the bot sends nothing more for it', async () => {
    const study = bot.guild.channels.study!;
    const mod = bot.guild.users.mod!;
    const command = (subcommand: string, options: Record<string, string>) =>
      finalReply(bot.discord.slashCommand({ channelId: study, userId: mod, name: 'schedule', subcommand, options }));
    await command('daily', { channel: study, time: '09:00', timezone: 'UTC' });
    expect(textOf(await command('post-now', { kind: 'daily' }))).toContain('Posted');
    const post = bot.discord.state.messagesIn(study).at(-1)!;
    const customId = buttonsOf(post as unknown as ReplyData)[0]!.custom_id!;

    const late = bot.discord.clickButton({ message: post, customId, userId: bot.guild.users.alice! });
    skewMs = 10_000;
    await expect(late.response).rejects.toThrow();
    const recorded = () => bot.app.db.prepare("SELECT count(*) FROM answers WHERE source = 'daily'").pluck().get();
    for (let i = 0; i < 100 && recorded() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(recorded()).toBe(1);
    expect(bot.logs.some((l) => l.msg === 'could not acknowledge a click in time; recording it anyway')).toBe(true);
    expect(bot.discord.requests.filter((r) => r.route?.startsWith('POST /webhooks'))).toHaveLength(0);
  });
});
