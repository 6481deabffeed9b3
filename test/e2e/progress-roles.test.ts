import { beforeEach, describe, expect, it } from 'vitest';
import { useBot, type Bot } from '../helpers/bot.js';
import { buttonsOf, finalReply, questionKeyOf, replyOf, textOf, type ReplyData } from '../helpers/replies.js';

const current = useBot();
let bot: Bot;
beforeEach(() => {
  bot = current();
});

const study = () => bot.guild.channels.study!;
const user = (name: 'mod' | 'alice' | 'bob') => bot.guild.users[name]!;
const stageRole = () => bot.guild.roles['Stage 1']!;
const roleRequests = () => bot.discord.requests.filter((r) => r.route === 'PUT /guilds/:guild_id/members/:user_id/roles/:role_id');

async function moderator(subcommand: string, options: Record<string, string | number | boolean> = {}) {
  return textOf(await finalReply(bot.discord.slashCommand({ channelId: study(), userId: user('mod'), name: 'roles', subcommand, options })));
}

/** Answers `count` different questions of the stage correctly through /quiz; returns the last feedback. */
async function master(who: 'alice' | 'bob', stage: string, count: number): Promise<ReplyData> {
  let last: ReplyData = {};
  for (let i = 0; i < count; i++) {
    const quiz = bot.discord.slashCommand({ channelId: study(), userId: user(who), name: 'quiz', options: { stage } });
    const buttons = buttonsOf(replyOf(await quiz.response));
    const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(questionKeyOf(buttons[0]!.custom_id!)) as number;
    last = replyOf(await bot.discord.clickButton({ message: quiz.original()!, customId: buttons[right]!.custom_id!, userId: user(who) }).response);
  }
  await bot.app.services.awarder.idle();
  return last;
}

describe('stage roles through the loopback Discord', () => {
  it('reaching the threshold gives the stage role with exactly one request, and says so privately', async () => {
    await moderator('set', { stage: 'maths-foundations', role: stageRole() });
    expect(await moderator('threshold', { percent: 10 })).toContain('A stage now needs 10% of its questions answered correctly.');

    await master('alice', 'maths-foundations', 2);
    expect(roleRequests()).toHaveLength(0);
    const completing = await master('alice', 'maths-foundations', 1);
    expect(completing.embeds!.at(-1)).toMatchObject({ title: '🎉 Stage complete' });
    expect(completing.embeds!.at(-1)!.description).toContain(`You completed **Mathematical foundations**. You have earned <@&${stageRole()}>.`);
    await master('alice', 'maths-foundations', 2);

    expect(roleRequests().map((r) => r.path)).toEqual([`/guilds/${bot.guild.id}/members/${user('alice')}/roles/${stageRole()}`]);
    expect(bot.discord.state.member(bot.guild.id, user('alice')).roles).toContain(stageRole());
    const progress = textOf(replyOf(await bot.discord.slashCommand({ channelId: study(), userId: user('alice'), name: 'progress' }).response));
    expect(progress).toContain('Stages completed (1/10)\nMathematical foundations');
    expect(progress).toContain(`Roles earned\n<@&${stageRole()}>`);
  });

  it('a role Discord refuses stays pending, shows in /roles check, and /roles sync gives it once the fix is made', async () => {
    await moderator('set', { stage: 'maths-foundations', role: stageRole() });
    await moderator('threshold', { percent: 10 });
    // After the mapping was saved, someone drags the stage role above the bot's role.
    const role = bot.discord.state.guild(bot.guild.id).roles.get(stageRole())!;
    const original = role.position;
    role.position = 50;

    await master('bob', 'maths-foundations', 3);
    expect(roleRequests().map((r) => r.status)).toEqual([403]);
    expect(await moderator('check')).toMatch(new RegExp(`Waiting for Discord.*\\n• <@${user('bob')}> should get <@&${stageRole()}>: Discord refused \\(Missing Permissions\\)`, 's'));

    role.position = original;
    const synced = await moderator('sync');
    expect(synced).toContain('Sync done: 0 newly completed stage(s), 1 role(s) given, 0 taken back, 0 still refused.');
    expect(synced).not.toContain('Waiting for Discord');
    expect(roleRequests().map((r) => r.status)).toEqual([403, 204]);
    expect(bot.discord.state.member(bot.guild.id, user('bob')).roles).toContain(stageRole());

    await moderator('sync');
    expect(roleRequests()).toHaveLength(2);
  });

  it('with announcements on, a completed stage is also celebrated in the study channel, without a ping', async () => {
    await finalReply(bot.discord.slashCommand({
      channelId: study(), userId: user('mod'), name: 'schedule', subcommand: 'daily', options: { channel: study(), time: '09:00', timezone: 'UTC' },
    }));
    expect(await moderator('announce', { enabled: true })).toContain('Announcements:** on');
    await moderator('threshold', { percent: 5 });
    await master('bob', 'data-preparation', 2);
    await expect.poll(() => bot.discord.state.messagesIn(study()).map((m) => m.content)).toEqual([
      `🎉 <@${user('bob')}> completed the stage **Data collection and preparation**!`,
    ]);
    const post = bot.discord.requests.find((r) => r.route === 'POST /channels/:channel_id/messages')!;
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
  });
});
