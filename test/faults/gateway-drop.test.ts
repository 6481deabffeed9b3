import { afterEach, describe, expect, it } from 'vitest';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { startBot, type Bot } from '../helpers/bot.js';
import { buttonsOf, replyOf } from '../helpers/replies.js';

let bot: Bot;
afterEach(async () => {
  expect(bot.discord.contractViolations).toEqual([]);
  await bot.stop();
});

describe('the gateway drops during a burst of clicks', () => {
  it('the client resumes; every click is answered or reported, and none counts twice', async () => {
    bot = await startBot({ members: 30 });
    const userIds = Array.from({ length: 30 }, (_, i) => bot.guild.users[`member${i}`]!);
    // Each member opens a practice question first.
    const questions = await Promise.all(userIds.map(async (userId) => {
      const quiz = bot.discord.slashCommand({ channelId: bot.guild.channels.study!, userId, name: 'quiz', options: { topic: 'gradient-descent-basics' } });
      const buttons = buttonsOf(replyOf(await quiz.response));
      return { userId, message: quiz.original()!, customId: buttons[0]!.custom_id! };
    }));

    const outcomes: Promise<APIInteractionResponse | Error>[] = [];
    questions.forEach((q, i) => {
      if (i === Math.floor(questions.length / 2)) bot.discord.dropGateway();
      const click = bot.discord.clickButton({ message: q.message, customId: q.customId, userId: q.userId });
      outcomes.push(click.response.catch((error: Error) => error));
      // The same member's retried click (a double click), sent in the same burst.
      const again = bot.discord.clickButton({ message: q.message, customId: q.customId, userId: q.userId });
      outcomes.push(again.response.catch((error: Error) => error));
    });
    const settled = await Promise.all(outcomes);
    // The client really lost its socket and resumed the session (op 6 RESUME, then RESUMED).
    expect(bot.discord.gateway.frames.some((f) => f.direction === 'in' && f.op === 6)).toBe(true);
    expect(bot.discord.gateway.frames.some((f) => f.direction === 'out' && f.t === 'RESUMED')).toBe(true);
    const answered = settled.filter((o) => !(o instanceof Error));
    const reported = settled.filter((o): o is Error => o instanceof Error);
    // Every click either got its answer or failed visibly to the member (Discord shows the client an error).
    expect(answered.length + reported.length).toBe(questions.length * 2);
    expect(reported.every((e) => /acknowledg|callback|3 s|time/i.test(e.message))).toBe(true);
    expect(answered.length).toBeGreaterThan(questions.length);
    const stored = bot.app.db.prepare('SELECT user_id, count(*) AS n FROM answers GROUP BY user_id').all() as { n: number }[];
    expect(stored.every((row) => row.n === 1)).toBe(true);
    expect(stored.length).toBe(questions.length);
    const stats = bot.app.db.prepare('SELECT sum(answered) FROM member_stats').pluck().get();
    expect(stats).toBe(questions.length);
  });
});
