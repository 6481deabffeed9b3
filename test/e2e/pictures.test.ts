import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import { useBot, type Bot } from '../helpers/bot.js';
import { attachmentBytes, attachmentsOf, buttonsOf, finalReply, questionKeyOf, replyOf, textOf, type ReplyData } from '../helpers/replies.js';
import type { InteractionHandle } from '../../src/loopback/index.js';

// A bound well below what forty cards on one renderer take, so the queue's tail is surely acknowledged first.
const current = useBot({ members: 40, slowWorkMs: 150 });
const study = (bot: Bot) => bot.guild.channels.study!;

/** The message the member finally sees (the reply, or the edit of a deferred one), as stored by Discord. */
async function shown(handle: InteractionHandle): Promise<APIMessage> {
  await finalReply(handle);
  return handle.original()!;
}

/** The one picture a message carries, decoded, with what Discord stored about it. */
/** Under 200 KB each, but the question chart, whose eight questions of text take more (its aim is well under 1 MiB). */
function pictureOf(bot: Bot, message: APIMessage, filename: string, maxBytes = 200 * 1024): { attachment: APIAttachment; png: PNG } {
  const files = attachmentsOf(message);
  expect(files.map((f) => f.filename)).toEqual([filename]);
  const attachment = files[0]!;
  expect(attachment.content_type).toBe('image/png');
  expect(attachment.description?.length).toBeGreaterThan(20);
  expect(message.embeds[0]!.image?.url).toBe(attachment.url);
  const png = PNG.sync.read(attachmentBytes(bot.discord, attachment));
  expect(png.width).toBe(960);
  expect(attachment.size).toBeLessThan(maxBytes);
  return { attachment, png };
}

async function answerRight(bot: Bot, userId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const quiz = bot.discord.slashCommand({ channelId: study(bot), userId, name: 'quiz' });
    const buttons = buttonsOf(replyOf(await quiz.response));
    const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(questionKeyOf(buttons[0]!.custom_id!)) as number;
    await bot.discord.clickButton({ message: quiz.original()!, customId: buttons[right]!.custom_id!, userId }).response;
  }
}

describe('pictures in replies, through the loopback Discord', () => {
  it('/progress comes with a progress card whose alt text and embed state the same facts', async () => {
    const bot = current();
    await answerRight(bot, bot.guild.users.alice!, 3);
    const message = await shown(bot.discord.slashCommand({ channelId: study(bot), userId: bot.guild.users.alice!, name: 'progress' }));
    const { attachment } = pictureOf(bot, message, 'progress.png');
    expect(attachment.description).toMatch(/^Progress card for alice: 30 XP, 100% accuracy/);
    const text = textOf(message as unknown as ReplyData);
    expect(text).toContain('XP\n30');
    expect(text).toContain('Stage completion');
    expect(text).toContain("▫️ The machine learning engineer's role: 10% (80% completes it)");
  });

  it('/roadmap comes with the path of stages, the current one named in its alt text', async () => {
    const bot = current();
    const message = await shown(bot.discord.slashCommand({ channelId: study(bot), userId: bot.guild.users.bob!, name: 'roadmap' }));
    const { attachment } = pictureOf(bot, message, 'roadmap.png');
    expect(attachment.description).toContain('Machine Learning Engineer roadmap');
    expect(textOf(message as unknown as ReplyData)).toContain('**Current stage:**');
  });

  it('/leaderboard draws the ranked members with their names, publicly', async () => {
    const bot = current();
    await answerRight(bot, bot.guild.users.alice!, 2);
    await answerRight(bot, bot.guild.users.bob!, 1);
    const handle = bot.discord.slashCommand({ channelId: study(bot), userId: bot.guild.users.bob!, name: 'leaderboard' });
    const message = await shown(handle);
    expect(message.flags ?? 0).toBe(0);
    const { attachment } = pictureOf(bot, message, 'leaderboard.png');
    expect(attachment.description).toBe('Leaderboard: this week: 1. alice 20 XP, 2/2 correct; 2. bob (you) 10 XP, 1/1 correct');
    expect(textOf(message as unknown as ReplyData)).toContain(`**1.** <@${bot.guild.users.alice}> — 20 XP`);
  });

  it('/content stats for a stage charts each question\'s picks, hardest first', async () => {
    const bot = current();
    await answerRight(bot, bot.guild.users.alice!, 2);
    const message = await shown(bot.discord.slashCommand({
      channelId: study(bot), userId: bot.guild.users.mod!, name: 'content', subcommand: 'stats', options: { stage: 'ml-engineer-role' },
    }));
    const { attachment } = pictureOf(bot, message, 'content-stats.png', 400 * 1024);
    expect(attachment.description).toContain("Question statistics: The machine learning engineer's role");
    expect(textOf(message as unknown as ReplyData)).toMatch(/question\(s\), hardest first/);
    const unknown = await finalReply(bot.discord.slashCommand({
      channelId: study(bot), userId: bot.guild.users.mod!, name: 'content', subcommand: 'stats', options: { stage: 'astrology' },
    }));
    expect(textOf(unknown)).toContain('There is no stage called "astrology"');
  });

  it('forty /progress at once on the renderers: the slow ones are acknowledged first, and every member gets a card', async () => {
    const bot = current();
    const members = Array.from({ length: 40 }, (_, i) => bot.guild.users[`member${i}`]!);
    const handles = members.map((userId) => bot.discord.slashCommand({ channelId: study(bot), userId, name: 'progress' }));
    const first = await Promise.all(handles.map((h) => h.response));
    const messages = await Promise.all(handles.map(async (h) => ((await h.response).type === 5 ? h.waitForEdit(1, 20_000) : h.original()!)));
    for (const message of messages) expect(attachmentsOf(message).map((f) => f.filename)).toEqual(['progress.png']);
    const kinds = first.map((r) => r.type);
    expect(kinds.filter((k) => k === 5).length).toBeGreaterThan(0); // deferred, then edited with the card
    expect(kinds.every((k) => k === 4 || k === 5)).toBe(true);
  });
});
