import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { startBot, type Bot } from '../helpers/bot.js';
import { EPHEMERAL, buttonsOf, finalReply, replyOf, textOf, type ReplyData } from '../helpers/replies.js';

// A bot far behind: every interaction reaches its handler "late", so each is acknowledged before its work is done.
let bot: Bot;
beforeEach(async () => {
  bot = await startBot({ ackFirstAfterMs: -1, members: 300 });
});
afterEach(async () => {
  expect(bot.discord.contractViolations).toEqual([]);
  await bot.stop();
});

const study = () => bot.guild.channels.study!;
const user = (name: 'mod' | 'alice' | 'bob') => bot.guild.users[name]!;
const run = (name: string, as: 'mod' | 'alice' | 'bob', options?: Record<string, string>, subcommand?: string) =>
  bot.discord.slashCommand({ channelId: study(), userId: user(as), name, options, subcommand });

async function dailyPost(): Promise<APIMessage> {
  await finalReply(run('schedule', 'mod', { channel: study(), time: '09:00', timezone: 'UTC' }, 'daily'));
  expect(textOf(await finalReply(run('schedule', 'mod', { kind: 'daily' }, 'post-now')))).toContain('Posted');
  return bot.discord.state.messagesIn(study()).at(-1)!;
}

describe('when the bot is behind, it acknowledges first and answers right after', () => {
  it('a daily answer: an update acknowledgement, then the private feedback as a follow-up, recorded once', async () => {
    const post = await dailyPost();
    const buttons = buttonsOf(post as unknown as ReplyData);
    const first = bot.discord.clickButton({ message: post, customId: buttons[0]!.custom_id!, userId: user('alice') });
    expect((await first.response).type).toBe(6); // DEFERRED_UPDATE_MESSAGE: nothing changes on the post
    const [feedback] = await first.waitForFollowUps(1);
    expect(feedback!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(['Correct', 'Incorrect']).toContain(feedback!.embeds[0]!.title);
    expect(bot.discord.state.messagesIn(study()).at(-1)!.embeds).toEqual(post.embeds);

    const again = bot.discord.clickButton({ message: post, customId: buttons[1]!.custom_id!, userId: user('alice') });
    expect((await again.response).type).toBe(6);
    expect((await again.waitForFollowUps(1))[0]!.embeds[0]!.description).toContain('your first answer stands');
    expect(bot.app.db.prepare("SELECT count(*) FROM answers WHERE source = 'daily'").pluck().get()).toBe(1);
  });

  it('a practice answer: the acknowledgement, then the question message edited in place', async () => {
    const quiz = run('quiz', 'alice');
    const deferred = await quiz.response;
    expect(deferred.type).toBe(5);
    expect(replyOf(deferred).flags).toBe(EPHEMERAL);
    const question = await quiz.waitForEdit(1);
    const option = buttonsOf(question as unknown as ReplyData)[0]!.custom_id!;
    const answer = bot.discord.clickButton({ message: quiz.original()!, customId: option, userId: user('alice') });
    expect((await answer.response).type).toBe(6);
    const edited = await answer.waitForEdit(1);
    expect(edited.id).toBe(quiz.original()!.id);
    expect(['Correct', 'Incorrect']).toContain(edited.embeds.at(-1)!.title);
    expect(answer.followUps).toHaveLength(0);
  });

  it('a public command stays public; its refusal is private, replacing the public placeholder', async () => {
    const card = run('topic', 'alice', { name: 'gradient-descent-basics' });
    const deferred = await card.response;
    expect(deferred.type).toBe(5);
    expect(replyOf(deferred).flags ?? 0).toBe(0);
    expect((await card.waitForEdit(1)).embeds[0]!.title).toContain('Gradient descent');

    const wrong = run('topic', 'alice', { name: 'no-such-topic-here' });
    expect(replyOf(await wrong.response).flags ?? 0).toBe(0);
    const [refusal] = await wrong.waitForFollowUps(1);
    expect(refusal!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(bot.discord.requests.some((r) => r.method === 'DELETE' && r.route?.includes('@original') && r.status === 204)).toBe(true);
  });

  it('a burst of acknowledged clicks gets every answer at once, not at the 50-a-second pace of the bot\'s global limit', async () => {
    const post = await dailyPost();
    const buttons = buttonsOf(post as unknown as ReplyData);
    const members = Object.entries(bot.guild.users).filter(([name]) => name.startsWith('member')).map(([, id]) => id);
    const clicks = members.map((userId, i) => bot.discord.clickButton({ message: post, customId: buttons[i % buttons.length]!.custom_id!, userId }));
    const started = performance.now();
    await Promise.all(clicks.map((c) => c.response));
    // 300 follow-ups counted against a 50-a-second budget would take 6 s; interaction webhooks are not counted.
    const answers = await Promise.all(clicks.map((c) => c.waitForFollowUps(1, 3000)));
    expect(answers.every(([m]) => ['Correct', 'Incorrect'].includes(m!.embeds[0]!.title!))).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(bot.app.db.prepare("SELECT count(*) FROM answers WHERE source = 'daily'").pluck().get()).toBe(300);
    // The scheduler's own requests are not stuck behind them either.
    expect(textOf(await finalReply(run('schedule', 'mod', { kind: 'daily' }, 'post-now')))).toContain('Posted');
  });
});
