import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, startBot, type Bot } from '../helpers/bot.js';
import { buttonsOf, finalReply, questionKeyOf, replyOf, textOf } from '../helpers/replies.js';

let bot: Bot;
const clock = manualClock();
beforeEach(async () => {
  clock.set(Date.parse('2026-11-23T08:00:00Z')); // a Monday
  bot = await startBot({ clock });
});
afterEach(async () => {
  expect(bot.discord.contractViolations).toEqual([]);
  await bot.stop();
});

const study = () => bot.guild.channels.study!;
const user = (name: 'mod' | 'alice' | 'bob') => bot.guild.users[name]!;
// The test server's roles are fixed; "Stage 2" (below the bot) serves as the champion role.
const championRole = () => bot.guild.roles['Stage 2']!;
const ROLE_ROUTE = /^(PUT|DELETE) \/guilds\/:guild_id\/members\/:user_id\/roles\/:role_id$/;
const roleChanges = () =>
  bot.discord.requests.filter((r) => ROLE_ROUTE.test(r.route ?? '')).map((r) => `${r.route!.split(' ')[0]} ${r.path.split('/')[4]} ${r.status}`);
const notices = () => bot.discord.state.messagesIn(study()).filter((m) => m.content.startsWith('🏆')).map((m) => m.content);
const holds = (who: 'alice' | 'bob') => bot.discord.state.member(bot.guild.id, user(who)).roles.includes(championRole());

async function run(name: string, subcommand: string, options: Record<string, string | number | boolean> = {}) {
  return textOf(await finalReply(bot.discord.slashCommand({ channelId: study(), userId: user('mod'), name, subcommand, options })));
}

/** Answers `count` practice questions correctly (10 XP each). */
async function answerRight(who: 'alice' | 'bob', count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const quiz = bot.discord.slashCommand({ channelId: study(), userId: user(who), name: 'quiz' });
    const buttons = buttonsOf(replyOf(await quiz.response));
    const right = bot.app.db.prepare('SELECT answer FROM questions WHERE key = ?').pluck().get(questionKeyOf(buttons[0]!.custom_id!)) as number;
    await bot.discord.clickButton({ message: quiz.original()!, customId: buttons[right]!.custom_id!, userId: user(who) }).response;
  }
}

async function tick(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await bot.app.services.scheduler.tick();
}

/** A study channel in Berlin (the server's timezone), paused so no scheduled posts get in the way. */
async function studyChannelInBerlin(): Promise<void> {
  await run('schedule', 'daily', { channel: study(), time: '09:00', timezone: 'Europe/Berlin' });
  await run('schedule', 'pause');
}

describe('the weekly champion through the loopback Discord', () => {
  it('each week\'s top member gets the role at Monday 00:00 in the server\'s timezone and the previous one loses it, once, across restarts', async () => {
    await studyChannelInBerlin();
    expect(await run('roles', 'champion', { role: championRole() })).toContain(`When each week ends, its member with the most XP gets <@&${championRole()}>`);

    await answerRight('alice', 2);
    await answerRight('bob', 1);
    clock.set(Date.parse('2026-11-29T22:59:00Z')); // Sunday 23:59 in Berlin
    await tick();
    expect(roleChanges()).toEqual([]);

    clock.set(Date.parse('2026-11-29T23:00:30Z')); // Monday 00:00:30 in Berlin, still Sunday in UTC
    await tick(3);
    expect(roleChanges()).toEqual([`PUT ${user('alice')} 204`]);
    expect(notices()).toEqual([
      `🏆 <@${user('alice')}> is the champion of the week of 23 November 2026 with 20 XP and now holds <@&${championRole()}>. Earn the most XP in a period to take it over!`,
    ]);
    expect(holds('alice')).toBe(true);

    clock.set(Date.parse('2026-12-01T10:00:00Z'));
    await answerRight('bob', 3);
    await answerRight('alice', 1);
    // The bot is down across the end of the week: it starts again at Monday 00:30 in Berlin.
    clock.set(Date.parse('2026-12-06T23:30:00Z'));
    await bot.restart();
    await tick(3);
    await bot.restart();
    await tick(2);

    expect(roleChanges()).toEqual([`PUT ${user('alice')} 204`, `PUT ${user('bob')} 204`, `DELETE ${user('alice')} 204`]);
    expect(notices()).toHaveLength(2);
    expect(notices()[1]).toContain(`🏆 <@${user('bob')}> is the champion of the week of 30 November 2026 with 30 XP`);
    expect(holds('bob')).toBe(true);
    expect(holds('alice')).toBe(false);
    const post = bot.discord.requests.filter((r) => r.route === 'POST /channels/:channel_id/messages').at(-1)!;
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: expect.stringMatching(/^[0-9a-f]{25}$/) });
    expect(await run('roles', 'check')).toContain(`**Champion:** <@&${championRole()}> for the member with the most XP each week (from Monday), in the server's timezone · **Last:** <@${user('bob')}> (week 2026-W49)`);
  });

  it('a handover Discord refuses shows in /roles check and is finished after a restart once fixed, without repeating what was done', async () => {
    await studyChannelInBerlin();
    await run('roles', 'champion', { role: championRole(), period: 'month' });
    await answerRight('alice', 1);
    // After the setting was saved, someone drags the champion role above the bot's role.
    const role = bot.discord.state.guild(bot.guild.id).roles.get(championRole())!;
    const original = role.position;
    role.position = 50;

    clock.set(Date.parse('2026-11-30T23:00:00Z')); // 1 December 00:00 in Berlin
    await tick(2);
    expect(roleChanges()).toEqual([`PUT ${user('alice')} 403`]);
    expect(notices()).toEqual([]);
    expect(await run('roles', 'check')).toMatch(/Champion role waiting for Discord.*\n• month 2026-11: Discord refused \(Missing Permissions\): give me Manage Roles and drag my role above/s);

    role.position = original;
    await bot.restart();
    clock.advance(11 * 60 * 1000);
    await tick(3);
    await bot.restart();
    await tick();
    expect(roleChanges()).toEqual([`PUT ${user('alice')} 403`, `PUT ${user('alice')} 204`]);
    expect(notices()).toEqual([expect.stringContaining(`<@${user('alice')}> is the champion of November 2026 with 10 XP`)]);
    expect(await run('roles', 'check')).not.toContain('waiting for Discord');
  });

  it('an announcement Discord stored but whose answer was lost is not made again after Discord forgot its nonce', async () => {
    // Discord's own clock moves with the bot's here, so its few minutes of nonce memory run out in the test. (Its
    // interaction stamps then look days old to the bot's real-time backlog check, which is turned off.)
    await bot.stop();
    bot = await startBot({ clock, discordNow: () => clock.now(), ackFirstAfterMs: Number.POSITIVE_INFINITY });
    await studyChannelInBerlin();
    await run('roles', 'champion', { role: championRole(), period: 'week' });
    await answerRight('alice', 1);
    // The notice is stored, but every answer to it (and to discord.js's retries) is lost.
    bot.discord.faults.add({ route: (r) => r.route === 'POST /channels/:channel_id/messages' && String((r.body as { content?: string }).content).startsWith('🏆'), status: 500, when: 'after', times: 4 });
    clock.set(Date.parse('2026-11-29T23:00:30Z'));
    await tick();
    expect(notices()).toHaveLength(1);
    await bot.restart();
    clock.advance(11 * 60 * 1000); // the retry is due, and Discord no longer remembers the nonce
    await tick(2);
    expect(notices()).toHaveLength(1);
    expect(bot.discord.requests.filter((r) => r.route === 'GET /channels/:channel_id/messages').length).toBeGreaterThan(0);
    expect(await run('roles', 'check')).not.toContain('waiting for Discord');
  });

  it('/roles champion with no role turns it off: the period ends and nobody gets the role', async () => {
    await run('roles', 'champion', { role: championRole() });
    expect(await run('roles', 'check')).toContain(`**Champion:** <@&${championRole()}>`);
    expect(await run('roles', 'champion')).toContain('Champions are off: nobody new gets the role, and whoever holds it keeps it.');
    expect(await run('roles', 'check')).toContain('**Champion:** off (turn on with /roles champion)');
    await answerRight('alice', 1);
    clock.set(Date.parse('2026-11-30T00:00:30Z'));
    await tick();
    expect(roleChanges()).toEqual([]);
  });

  it('a role the bot cannot hand over is refused with what to change, and nothing is saved', async () => {
    const above = await run('roles', 'champion', { role: bot.guild.roles.Admins! });
    expect(above).toContain('@Admins is not below my highest role');
    expect(above).toContain('drag @');
    const everyone = await run('roles', 'champion', { role: bot.guild.id });
    expect(everyone).toContain('Everyone already has @everyone, so it cannot mark the champion. Create a role for the champion');
    expect(await run('roles', 'check')).toContain('**Champion:** off');
  });
});
