import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { manualClock, startBot, type Bot } from '../helpers/bot.js';
import { EPHEMERAL, attachmentBytes, attachmentsOf, buttonsOf, finalReply, replyOf, textOf, type ReplyData } from '../helpers/replies.js';

let bot: Bot;
const clock = manualClock(Date.parse('2026-11-23T08:59:00Z'));
beforeEach(async () => {
  clock.set(Date.parse('2026-11-23T08:59:00Z'));
  bot = await startBot({ clock });
});
afterEach(async () => {
  expect(bot.discord.contractViolations).toEqual([]);
  await bot.stop();
});

const study = () => bot.guild.channels.study!;
const user = (name: 'mod' | 'alice' | 'bob') => bot.guild.users[name]!;
const postsIn = () => bot.discord.state.messagesIn(study());
async function moderator(subcommand: string, options: Record<string, string>) {
  return textOf(await finalReply(bot.discord.slashCommand({ channelId: study(), userId: user('mod'), name: 'schedule', subcommand, options })));
}
const click = (message: APIMessage, customId: string, who: 'mod' | 'alice' | 'bob') =>
  bot.discord.clickButton({ message, customId, userId: user(who) });

describe('scheduled posts through the loopback Discord', () => {
  it('the daily post goes out at its time; members answer once each, privately; the answer is revealed when the next one goes out', async () => {
    expect(await moderator('daily', { channel: study(), time: '09:00', timezone: 'UTC' })).toContain('Every day at 09:00 (UTC)');
    await bot.app.services.scheduler.tick();
    expect(postsIn()).toHaveLength(0);

    clock.set(Date.parse('2026-11-23T09:00:05Z'));
    await Promise.all([bot.app.services.scheduler.tick(), bot.app.services.scheduler.tick()]);
    expect(postsIn()).toHaveLength(1);
    const post = postsIn()[0]!;
    const sent = bot.discord.requests.find((r) => r.route === 'POST /channels/:channel_id/messages')!;
    expect(sent.body).toMatchObject({ nonce: expect.stringMatching(/^[0-9a-f]{25}$/), enforce_nonce: true });
    expect(post.embeds.map((e) => e.title)).toEqual(['Day 1: What machine learning engineers do', 'Today\'s question']);
    const buttons = buttonsOf(post as unknown as ReplyData);
    expect(buttons.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);

    const key = bot.app.db.prepare("SELECT question_key FROM posts WHERE kind = 'daily'").pluck().get() as number;
    const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(key) as number;
    const wrong = (right + 1) % 4;
    const clicks = [click(post, buttons[right]!.custom_id!, 'alice'), click(post, buttons[wrong]!.custom_id!, 'alice'), click(post, buttons[wrong]!.custom_id!, 'bob'), click(post, buttons[right]!.custom_id!, 'mod')];
    const replies = (await Promise.all(clicks.map((c) => c.response))).map(replyOf);
    expect(replies.every((r) => r.flags === EPHEMERAL)).toBe(true);
    expect(replies.map((r) => r.embeds![0]!.title)).toEqual(['Correct', 'Correct', 'Incorrect', 'Correct']);
    expect(replies[1]!.embeds![0]!.description).toContain('your first answer stands');
    const stored = bot.app.db.prepare("SELECT user_id AS userId, choice FROM answers WHERE source = 'daily' ORDER BY user_id").all();
    expect(stored).toHaveLength(3);
    expect(postsIn()).toHaveLength(1);

    clock.set(Date.parse('2026-11-24T09:00:00Z'));
    await bot.app.services.scheduler.tick();
    expect(postsIn()).toHaveLength(2);
    const revealed = postsIn().find((m) => m.id === post.id)!;
    const answer = revealed.embeds[1]!;
    expect(answer.title).toBe('Answer');
    expect(answer.description).toMatch(new RegExp(`✅ \\*\\*${'ABCD'[right]}\\.\\*\\* .* — 2`));
    expect(answer.footer?.text).toBe('3 members answered · closed');
    expect(buttonsOf(revealed as unknown as ReplyData).every((b) => b.disabled)).toBe(true);
    expect(postsIn()[1]!.embeds[0]!.title).toBe('Day 2: The machine learning lifecycle end to end');
  });

  it('the weekly challenge: Start, five private questions, one score per member, and results when the next opens', async () => {
    clock.set(Date.parse('2026-11-27T17:59:00Z'));
    await moderator('weekly', { channel: study(), day: 'friday', time: '18:00', timezone: 'UTC' });
    clock.set(Date.parse('2026-11-27T18:00:00Z'));
    await bot.app.services.scheduler.tick();
    const post = postsIn()[0]!;
    expect(post.embeds[0]!.title).toBe('Weekly challenge: The role in practice');

    const start = buttonsOf(post as unknown as ReplyData)[0]!.custom_id!;
    let handle = click(post, start, 'alice');
    let step = replyOf(await handle.response);
    expect(step.flags).toBe(EPHEMERAL);
    for (let i = 0; i < 5; i++) {
      expect(step.embeds!.at(-1)!.title).toBe(`Question ${i + 1} of 5`);
      const index = Number(buttonsOf(step)[0]!.custom_id!.split(':')[3]);
      const right = bot.app.db.prepare(`SELECT q.answer FROM questions q JOIN challenges c ON c.pack_id = q.pack_id
        JOIN json_each(c.question_ids) j ON j.value = q.id WHERE c.id = 'ml-engineer-role-challenge' AND j.key = ?`).pluck().get(index) as number;
      const pick = i === 0 ? (right + 1) % 4 : right;
      // The private message the member is looking at: the Start reply, then the same message as updated.
      handle = bot.discord.clickButton({ message: handle.original()!, customId: buttonsOf(step)[pick]!.custom_id!, userId: user('alice') });
      step = replyOf(await handle.response);
      expect(step.embeds![0]!.title).toBe(i === 0 ? 'Incorrect' : 'Correct');
    }
    expect(step.embeds!.at(-1)!.description).toContain('You scored **4/5**');
    const again = replyOf(await click(post, start, 'alice').response);
    expect(again.embeds!.at(-1)!.description).toContain('You scored **4/5**');
    expect(bot.app.db.prepare("SELECT count(*) FROM answers WHERE source = 'weekly'").pluck().get()).toBe(5);

    clock.set(Date.parse('2026-12-04T18:00:00Z'));
    await bot.app.services.scheduler.tick();
    const [, next, results] = postsIn();
    expect(next!.embeds[0]!.title).toBe('Weekly challenge: Maths in action');
    expect(results!.embeds[0]!.title).toBe('Results: The role in practice');
    expect(results!.embeds[0]!.description).toContain(`**1.** <@${user('alice')}> — 4/5`);
    expect(results!.embeds[0]!.description).toContain('1 took part, 1 finished all 5 questions.');
    // The same facts as a chart: one member with 4 of 5, shown in the embed.
    const [chart] = attachmentsOf(results);
    expect(chart).toMatchObject({ filename: 'weekly-results.png', content_type: 'image/png', width: 960 });
    expect(chart!.description).toContain('1 participant, 5 questions; out of 5 right: 0 got 0, 0 got 1, 0 got 2, 0 got 3, 1 got 4, 0 got 5.');
    expect(results!.embeds[0]!.image?.url).toBe(chart!.url);
    expect(PNG.sync.read(attachmentBytes(bot.discord, chart!)).width).toBe(960);
    // A member whose client still shows the old Start button (clicked before the edit arrived).
    const late = replyOf(await bot.discord.clickButton({ message: postsIn()[0]!, customId: start, userId: user('bob'), forged: true }).response);
    expect(late.content).toBe('This challenge has closed. The newest weekly post has this week\'s challenge.');
  });
});
