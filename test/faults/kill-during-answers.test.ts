import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { useBotProcesses } from '../helpers/bot-process.js';
import { buttonsOf, replyOf } from '../helpers/replies.js';

const MEMBERS = 150;

describe('a crash in the middle of a burst of answers', () => {
  const setUp = useBotProcesses();

  it('SIGKILL mid-burst, restart: every acknowledged answer is kept, and none counts twice when clicked again', async () => {
    const world = await setUp();
    const { discord } = world;
    const guild = discord.addGuild({ name: 'Study group', channels: [{ name: 'study' }], members: Array.from({ length: MEMBERS }, (_, i) => ({ username: `m${i}` })) });
    world.env.DEV_GUILD_ID = guild.id;
    const env = world.env;
    const first = world.spawn();
    await expect.poll(() => first.output(), { timeout: 15_000 }).toContain('slash commands registered');

    const users = Array.from({ length: MEMBERS }, (_, i) => guild.users[`m${i}`]!);
    const questions = await Promise.all(users.map(async (userId) => {
      const quiz = discord.slashCommand({ channelId: guild.channels.study!, userId, name: 'quiz' });
      const buttons = buttonsOf(replyOf(await quiz.response));
      return { userId, message: quiz.original()!, customId: buttons[1]!.custom_id! };
    }));

    // Clicks arrive a few milliseconds apart; the bot is killed once a third of them have been answered.
    let acknowledged = 0;
    let killed = false;
    const clicks: Promise<boolean>[] = [];
    const burst = (async () => {
      for (const q of questions) {
        if (killed) break;
        const response = discord.clickButton({ message: q.message, customId: q.customId, userId: q.userId }).response;
        clicks.push(response.then(() => ((acknowledged += 1), true), () => false));
        await new Promise((resolve) => setTimeout(resolve, 4));
      }
    })();
    await expect.poll(() => acknowledged, { timeout: 10_000, interval: 1 }).toBeGreaterThanOrEqual(MEMBERS / 3);
    killed = true;
    first.child.kill('SIGKILL');
    await first.exited;
    await burst;
    const outcome = await Promise.all(clicks);
    const acked = questions.filter((_, i) => outcome[i]);
    expect(acked.length).toBeGreaterThanOrEqual(MEMBERS / 3);
    expect(acked.length).toBeLessThan(MEMBERS);

    const second = world.spawn();
    await expect.poll(() => second.output(), { timeout: 15_000 }).toContain('connected to Discord');
    const db = openDatabase(env.DATABASE_PATH!);
    const answered = new Set(db.prepare("SELECT user_id FROM answers WHERE source = 'practice'").pluck().all() as string[]);
    for (const q of acked) expect(answered.has(q.userId), q.userId).toBe(true);
    const before = db.prepare('SELECT count(*) FROM answers').pluck().get() as number;
    expect(before).toBeLessThanOrEqual(MEMBERS);

    // Members whose click was answered click again (the same button): the first answer stands.
    const again = await Promise.all(acked.map((q) => discord.clickButton({ message: q.message, customId: q.customId, userId: q.userId, forged: true }).response));
    expect(again.every((r) => r.type === 7)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(before);
    expect(db.prepare('SELECT sum(answered) FROM member_stats').pluck().get()).toBe(before);
    db.close();
  });
});
