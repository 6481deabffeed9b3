import { describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { manualClock, useBot } from '../helpers/bot.js';
import { EPHEMERAL, buttonsOf, finalReply, questionKeyOf, replyOf, textOf, type ReplyData } from '../helpers/replies.js';

const clock = manualClock();
const bot = useBot(() => {
  clock.set(Date.parse('2026-11-23T02:00:00Z'));
  return { clock };
});

const study = () => bot().guild.channels.study!;
const user = (name: 'mod' | 'alice' | 'bob') => bot().guild.users[name]!;
const postsIn = () => bot().discord.state.messagesIn(study());
const db = () => bot().app.db;
const keyOf = (post: APIMessage) =>
  db().prepare("SELECT question_key FROM posts WHERE kind = 'daily' AND message_id = ?").pluck().get(post.id) as number;
const rightOptionOf = (key: number) => db().prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(key) as number;
const topicOf = (post: APIMessage) =>
  db().prepare("SELECT t.title FROM posts p JOIN topics t ON t.pack_id = p.pack_id AND t.id = p.topic_id WHERE p.message_id = ?").pluck().get(post.id) as string;

async function answer(post: APIMessage, option: number, who: 'mod' | 'alice' | 'bob') {
  const button = buttonsOf(post as unknown as ReplyData)[option]!;
  await bot().discord.clickButton({ message: post, customId: button.custom_id!, userId: user(who) }).response;
}

/** Three daily posts at 21:30 in New York, which is 02:30 the next day in UTC; alice answers right, wrong, and not at all. */
async function threeDays() {
  const scheduled = bot().discord.slashCommand({ channelId: study(), userId: user('mod'), name: 'schedule', subcommand: 'daily', options: { channel: study(), time: '21:30', timezone: 'America/New_York' } });
  expect(textOf(await finalReply(scheduled))).toContain('21:30');
  const posts: APIMessage[] = [];
  for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
    clock.set(Date.parse(`${day}T02:30:05Z`));
    await bot().app.services.scheduler.tick();
    const post = postsIn().at(-1)!;
    posts.push(post);
    const right = rightOptionOf(keyOf(post));
    if (posts.length === 1) await answer(post, right, 'alice');
    if (posts.length === 2) await answer(post, (right + 1) % 4, 'alice');
    await answer(post, right, 'mod');
  }
  expect(postsIn().filter((m) => m.embeds[0]?.title?.startsWith('Day '))).toHaveLength(3);
  return posts;
}

const history = (who: 'mod' | 'alice' | 'bob') => bot().discord.slashCommand({ channelId: study(), userId: user(who), name: 'history' });

describe('/history: the server\'s recent daily posts and the member\'s answer to each', () => {
  it('lists the posts newest first, with local dates, topics, links and right, wrong or not answered, privately', async () => {
    const [first, second, third] = await threeDays();
    const handle = history('alice');
    const reply = await finalReply(handle);
    expect(reply.flags).toBe(EPHEMERAL);
    const embed = reply.embeds![0]!;
    expect(embed.title).toBe('Your last 3 daily questions');
    const link = (post: APIMessage) => `https://discord.com/channels/${bot().guild.id}/${study()}/${post.id}`;
    const wrongLetter = 'ABCD'[(rightOptionOf(keyOf(second!)) + 1) % 4];
    expect(embed.description!.split('\n')).toEqual([
      `**Tue, 24 Nov 2026** · [${topicOf(third!)}](${link(third!)}) · ➖ not answered`,
      `**Mon, 23 Nov 2026** · [${topicOf(second!)}](${link(second!)}) · ❌ wrong: you chose ${wrongLetter}`,
      `**Sun, 22 Nov 2026** · [${topicOf(first!)}](${link(first!)}) · ✅ right (${'ABCD'[rightOptionOf(keyOf(first!))]})`,
    ]);
    expect(topicOf(first!)).toBe('What machine learning engineers do');
    expect(embed.footer?.text).toBe('1 right · 2 to catch up on · dates in America/New_York');
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Practise the ones I missed']);

    // Someone who got all three right has nothing to catch up on, so no button.
    const allRight = await finalReply(history('mod'));
    expect(allRight.embeds![0]!.footer?.text).toBe('3 right · 0 to catch up on · dates in America/New_York');
    expect(allRight.components ?? []).toEqual([]);
  });

  it('"Practise the ones I missed" gives private practice on the wrong and skipped posts\' questions, one after the other', async () => {
    const [, second, third] = await threeDays();
    const missed = [keyOf(second!), keyOf(third!)];
    const handle = history('alice');
    const reply = await finalReply(handle);
    const practise = bot().discord.clickButton({ message: handle.original()!, customId: buttonsOf(reply)[0]!.custom_id!, userId: user('alice') });
    const question = replyOf(await practise.response);
    expect(question.flags).toBe(EPHEMERAL);
    expect(question.embeds![0]!.title).toBe('Practice question');
    const firstKey = questionKeyOf(buttonsOf(question)[0]!.custom_id!);
    expect(missed).toContain(firstKey);
    // The history stays as it was; the practice is a new private message.
    expect(handle.original()!.embeds[0]!.title).toBe('Your last 3 daily questions');

    const answered = bot().discord.clickButton({ message: practise.original()!, customId: buttonsOf(question)[rightOptionOf(firstKey)]!.custom_id!, userId: user('alice') });
    const feedback = replyOf(await answered.response);
    expect(feedback.embeds!.map((e) => e.title)).toContain('Correct');
    expect(db().prepare("SELECT count(*) FROM answers WHERE user_id = ? AND source = 'practice' AND question_key = ?").pluck().get(user('alice'), firstKey)).toBe(1);

    const next = bot().discord.clickButton({ message: answered.original()!, customId: buttonsOf(feedback, 0)[0]!.custom_id!, userId: user('alice') });
    const nextQuestion = replyOf(await next.response);
    expect(questionKeyOf(buttonsOf(nextQuestion)[0]!.custom_id!)).toBe(missed.find((k) => k !== firstKey));
  });

  it('a tampered history button gets the friendly refusal; with nothing posted yet, /history says how to start', async () => {
    const empty = await finalReply(history('bob'));
    expect(empty).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining('/schedule daily') });

    await threeDays();
    const handle = history('bob');
    const reply = await finalReply(handle);
    expect(reply.embeds![0]!.footer?.text).toBe('0 right · 3 to catch up on · dates in America/New_York');
    for (const customId of ['v1:hm:1', 'v2:hm', 'v1:pn:m:x']) {
      const forged = bot().discord.clickButton({ message: handle.original()!, customId, userId: user('bob'), forged: true });
      expect(replyOf(await forged.response), customId).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining('That button is no longer valid') });
    }
  });
});
