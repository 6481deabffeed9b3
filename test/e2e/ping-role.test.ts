import { Routes, type APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { notifyButtonRow } from '../../src/discord/render/notify.js';
import { manualClock, useBot, type Bot } from '../helpers/bot.js';
import { EPHEMERAL, finalReply, replyOf, textOf } from '../helpers/replies.js';

const clock = manualClock(Date.parse('2026-11-23T08:59:00Z'));
const ROLE_ROUTE = 'PUT /guilds/:guild_id/members/:user_id/roles/:role_id';
const UNROLE_ROUTE = 'DELETE /guilds/:guild_id/members/:user_id/roles/:role_id';

async function command(bot: Bot, who: string, name: string, subcommand?: string, options: Record<string, string> = {}) {
  const run = bot.discord.slashCommand({ channelId: bot.guild.channels.study!, userId: bot.guild.users[who]!, name, ...(subcommand ? { subcommand } : {}), options });
  return finalReply(run);
}
const mod = async (bot: Bot, subcommand: string, options: Record<string, string> = {}) => textOf(await command(bot, 'mod', 'schedule', subcommand, options));
/** "Stage 1" sits below the bot; made mentionable, as a ping role must be. */
function pingRole(bot: Bot): string {
  const id = bot.guild.roles['Stage 1']!;
  bot.discord.state.guild(bot.guild.id).roles.get(id)!.mentionable = true;
  return id;
}
const dailyBodies = (bot: Bot) => bot.discord.requests.filter((r) => r.route === 'POST /channels/:channel_id/messages').map((r) => r.body as Record<string, unknown>);

describe('a ping role for the study posts', () => {
  const bot = useBot(() => ({ clock }));

  it('daily and weekly posts mention the ping role and allow exactly that mention; /schedule ping without a role stops it', async () => {
    clock.set(Date.parse('2026-11-23T08:59:00Z'));
    const role = pingRole(bot());
    expect(await mod(bot(), 'ping', { role })).toContain(`will ping <@&${role}>`);
    await mod(bot(), 'daily', { channel: bot().guild.channels.study!, time: '09:00', timezone: 'UTC' });
    await mod(bot(), 'weekly', { channel: bot().guild.channels.study!, day: 'monday', time: '09:00', timezone: 'UTC' });
    clock.set(Date.parse('2026-11-23T09:00:05Z'));
    await bot().app.services.scheduler.tick();
    const [daily, weekly] = dailyBodies(bot());
    expect(daily).toMatchObject({ content: `<@&${role}> Day 1 is up: today's concept and question.`, allowed_mentions: { parse: [], roles: [role] } });
    expect(daily!.allowed_mentions).toEqual({ parse: [], roles: [role] });
    expect(weekly).toMatchObject({ content: `<@&${role}> This week's challenge is open.` });
    expect(weekly!.allowed_mentions).toEqual({ parse: [], roles: [role] });
    const sent = bot().discord.state.messagesIn(bot().guild.channels.study!);
    expect(sent.map((m) => m.mention_roles)).toEqual([[role], [role]]);
    expect(sent.every((m) => !m.mention_everyone)).toBe(true);

    expect(await mod(bot(), 'ping')).toContain('Pings are off');
    clock.set(Date.parse('2026-11-24T09:00:05Z'));
    await bot().app.services.scheduler.tick();
    const next = dailyBodies(bot())[2]!;
    expect(next.content).toBeUndefined();
    expect(next.allowed_mentions).toEqual({ parse: [] });
  });

  it('Notify me gives the role, a second click takes it away, and /notify does the same', async () => {
    const role = pingRole(bot());
    await mod(bot(), 'ping', { role });
    const alice = bot().guild.users.alice!;
    const message = (await bot().app.client.rest.post(Routes.channelMessages(bot().guild.channels.study!), {
      body: { content: 'Start here', components: [notifyButtonRow()] },
    })) as APIMessage;
    const click = async () => replyOf(await bot().discord.clickButton({ message, customId: 'v1:nt', userId: alice }).response);
    const roles = () => bot().discord.state.member(bot().guild.id, alice).roles;

    const on = await click();
    expect(on).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining('You will be pinged when') });
    expect(roles()).toEqual([role]);
    const off = await click();
    expect(off.content).toContain('You will no longer be pinged');
    expect(roles()).toEqual([]);
    const calls = bot().discord.requests.filter((r) => r.route === ROLE_ROUTE || r.route === UNROLE_ROUTE);
    expect(calls.map((r) => [r.method, r.params.user_id, r.params.role_id, r.status])).toEqual([['PUT', alice, role, 204], ['DELETE', alice, role, 204]]);

    expect(textOf(await command(bot(), 'alice', 'notify'))).toContain('You will be pinged when');
    expect(roles()).toEqual([role]);
    expect(textOf(await command(bot(), 'alice', 'notify'))).toContain('You will no longer be pinged');
    expect(roles()).toEqual([]);
  });

  it('without a ping role, the button and /notify say how a moderator sets one up', async () => {
    const answer = textOf(await command(bot(), 'bob', 'notify'));
    expect(answer).toContain('no ping role yet');
    expect(answer).toContain('/schedule ping role:');
    expect(bot().discord.state.member(bot().guild.id, bot().guild.users.bob!).roles).toEqual([]);
  });

  it('refuses @everyone, a role not below the bot, and a role Discord would not ping, saying how to fix each', async () => {
    expect(await mod(bot(), 'ping', { role: bot().guild.everyoneRoleId })).toContain('I never ping @everyone');
    expect(await mod(bot(), 'ping', { role: bot().guild.roles.Admins! })).toContain('drag @cohort above @Admins');
    expect(await mod(bot(), 'ping', { role: bot().guild.roles['Stage 2']! })).toContain('Allow anyone to @mention this role');
    expect(bot().app.services.notifications.pingRole(bot().guild.id)).toBeNull();
  });

  it('members cannot choose the ping role', async () => {
    const answer = textOf(await command(bot(), 'alice', 'schedule', 'ping', { role: pingRole(bot()) }));
    expect(answer).toContain('Only moderators');
    expect(bot().app.services.notifications.pingRole(bot().guild.id)).toBeNull();
  });
});
