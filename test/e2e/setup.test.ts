import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../helpers/bot.js';
import { buttonsOf, finalReply, replyOf, textOf, type ReplyData } from '../helpers/replies.js';

/** What /setup needs, on the bot's own role. */
const SETUP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ReadMessageHistory | PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ManageRoles | PermissionFlagsBits.ManageChannels | PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.PinMessages | PermissionFlagsBits.UseApplicationCommands;

const setupRun = (bot: Bot, options: Record<string, string> = {}) =>
  finalReply(bot.discord.slashCommand({
    channelId: bot.guild.channels.study!, userId: bot.guild.users.mod!, name: 'setup', subcommand: 'start', options: { timezone: 'Europe/Berlin', ...options },
  }));

const guildOf = (bot: Bot) => bot.discord.state.guild(bot.guild.id);
const rolesByPosition = (bot: Bot) => [...guildOf(bot).roles.values()].sort((a, b) => b.position - a.position);
const writes = (bot: Bot) => bot.discord.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/interactions/') && !r.path.includes('/webhooks/'));
const routeCount = (bot: Bot, route: string) => bot.discord.requests.filter((r) => r.route === route && r.status < 300).length;
/** The server as a moderator sees it in its settings: roles and channels by id, with what they are. */
const serverView = (bot: Bot) => ({
  roles: [...guildOf(bot).roles.values()].map((r) => `${r.id}:${r.name}`).sort(),
  channels: guildOf(bot).channelIds.map((id) => `${id}:${bot.discord.state.channel(id).name}`).sort(),
  pinned: [...bot.discord.state.messages.values()].flat().filter((m) => m.pinned).length,
});

async function withBot(options: Parameters<typeof startBot>[0], test: (bot: Bot) => Promise<void>) {
  const bot = await startBot(options);
  try {
    await test(bot);
    expect(bot.discord.contractViolations).toEqual([]);
  } finally {
    await bot.stop();
  }
}

describe('/setup start', () => {
  it('on a fresh server creates one role per stage directly below the bot in roadmap order, maps them, sets both schedules and pins one Start here message', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      const stages = bot.app.services.catalog.stages(bot.guild.id);
      expect(stages).toHaveLength(10);
      const reply = await setupRun(bot);
      expect(reply.embeds?.[0]?.title).toBe('Setup done');

      // Roles: the bot's role, then the ten stages from the last (highest) to the first, then what was below before.
      const ordered = rolesByPosition(bot);
      const botIndex = ordered.findIndex((r) => r.id === bot.guild.botRoleId);
      const below = ordered.slice(botIndex + 1, botIndex + 1 + stages.length);
      expect(below.map((r) => r.name)).toEqual(stages.map((s) => s.title).reverse());
      for (const role of below) {
        expect(role).toMatchObject({ hoist: false, mentionable: false, permissions: '0', managed: false });
      }
      expect(new Set(below.map((r) => r.color)).size).toBe(stages.length);
      expect(ordered[botIndex + 1 + stages.length]!.name).toBe('Stage 2'); // the server's own roles keep their order below

      // Mapped, stack mode.
      const overview = bot.app.services.stageRoles.overview(bot.guild.id);
      expect(overview.mode).toBe('stack');
      expect(overview.stages.map((s) => guildOf(bot).roles.get(s.roleId!)?.name)).toEqual(stages.map((s) => s.title));

      // A new #study-group with both schedules and one pinned Start here message, with a mentionable ping role.
      const channelId = guildOf(bot).channelIds.find((id) => bot.discord.state.channel(id).name === 'study-group')!;
      expect(channelId).toBeDefined();
      const shown = bot.app.services.schedules.show(bot.guild.id);
      expect(shown.map((s) => [s.kind, s.channelId, s.localTime, s.timezone, s.weekday])).toEqual([
        ['daily', channelId, '09:00', 'Europe/Berlin', null],
        ['weekly', channelId, '18:00', 'Europe/Berlin', 1],
      ]);
      const messages = bot.discord.state.messagesIn(channelId);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.pinned).toBe(true);
      expect(messages[0]!.embeds[0]!.title).toBe('Start here: Machine Learning Engineer roadmap');
      const ping = [...guildOf(bot).roles.values()].find((r) => r.name === 'Study pings')!;
      expect(ping.mentionable).toBe(true);

      // The moderator reads what was made.
      const text = textOf(reply);
      expect(text).toContain(`Channel <#${channelId}>`);
      expect(text.match(/Stage role <@&\d+>/g)).toHaveLength(10);
      expect(text).toContain('Daily concept and quiz: every day at 09:00 (Europe/Berlin)');
      expect(text).toContain('Weekly challenge: Mondays at 18:00 (Europe/Berlin)');
      expect(text).toContain('Pinned the Start here message');
    }));

  it('the Start here button pings a member from then on: the next daily post mentions only the ping role, and opens its thread', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      await setupRun(bot);
      const ping = [...guildOf(bot).roles.values()].find((r) => r.name === 'Study pings')!;
      const channelId = guildOf(bot).channelIds.find((id) => bot.discord.state.channel(id).name === 'study-group')!;
      const [start] = bot.discord.state.messagesIn(channelId);
      const notify = (start!.components![0] as { components: { custom_id: string; label: string }[] }).components[0]!;
      expect(notify.label).toBe('Notify me');
      const click = bot.discord.clickButton({ message: start!, customId: notify.custom_id, userId: bot.guild.users.alice! });
      expect(textOf(await finalReply(click))).toContain('You will be pinged');
      expect(bot.discord.state.member(bot.guild.id, bot.guild.users.alice!).roles).toContain(ping.id);

      const posted = await finalReply(bot.discord.slashCommand({ channelId, userId: bot.guild.users.mod!, name: 'schedule', subcommand: 'post-now', options: { kind: 'daily' } }));
      expect(textOf(posted)).toContain(`Posted in <#${channelId}>`);
      const daily = bot.discord.requests.find((r) => r.route === 'POST /channels/:channel_id/messages' && r.status === 200 && (r.body as { content?: string }).content?.startsWith(`<@&${ping.id}>`));
      expect((daily!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], roles: [ping.id] });
      await bot.discord.waitForRequest((r) => r.route === 'POST /channels/:channel_id/messages/:message_id/threads' && r.status < 300, 5000);
    }));

  it('a second run creates no role, channel or message, and says what was already in place', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      await setupRun(bot);
      const before = serverView(bot);
      const created = routeCount(bot, 'POST /guilds/:guild_id/roles');
      const posted = routeCount(bot, 'POST /channels/:channel_id/messages');
      // A moderator renames a role Cohort made: it is still known by its id.
      const first = bot.app.services.stageRoles.overview(bot.guild.id).stages[0]!.roleId!;
      guildOf(bot).roles.get(first)!.name = 'Beginners';

      const again = await setupRun(bot);
      expect(routeCount(bot, 'POST /guilds/:guild_id/roles')).toBe(created);
      expect(routeCount(bot, 'POST /guilds/:guild_id/channels')).toBe(1);
      expect(routeCount(bot, 'POST /channels/:channel_id/messages')).toBe(posted);
      expect(routeCount(bot, 'PATCH /guilds/:guild_id/roles')).toBe(1);
      expect(serverView(bot)).toEqual({ ...before, roles: before.roles.map((r) => (r.startsWith(`${first}:`) ? `${first}:Beginners` : r)).sort() });
      const text = textOf(again);
      expect(text).not.toContain('**Created**');
      expect(text).toContain('**Already in place**');
      expect(text).toContain(`Stage role <@&${first}>`);
    }));

  it('a later run with other times changes the schedules and edits the pinned message in place', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      await setupRun(bot);
      const posted = routeCount(bot, 'POST /channels/:channel_id/messages');
      const text = textOf(await setupRun(bot, { daily_time: '07:30', weekly_day: 'friday' }));
      expect(text).toContain('**Changed**');
      expect(text).toContain('Daily concept and quiz: every day at 07:30 (Europe/Berlin)');
      expect(text).toContain('Start here message updated');
      expect(routeCount(bot, 'POST /channels/:channel_id/messages')).toBe(posted);
      expect(routeCount(bot, 'PATCH /channels/:channel_id/messages/:message_id')).toBe(1);
      const pinned = [...bot.discord.state.messages.values()].flat().filter((m) => m.pinned);
      expect(pinned).toHaveLength(1);
      expect(pinned[0]!.embeds[0]!.description).toContain('every day at 07:30 (Europe/Berlin)');
    }));

  it('a role creation refused half-way is reported with the fix, kept, and a rerun completes it without duplicates', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      let creations = 0;
      bot.discord.faults.add({ route: (r) => r.route === 'POST /guilds/:guild_id/roles' && ++creations === 4, status: 403 });
      const stopped = await setupRun(bot);
      expect(stopped.embeds?.[0]?.title).toBe('Setup stopped part-way');
      const text = textOf(stopped);
      expect(text).toMatch(/Stopped while creating the role for stage \*\*.+\*\*: Discord refused \(Missing Permissions\)/);
      expect(text).toContain('run /setup start again to finish');
      expect(text.match(/Stage role <@&\d+>/g)).toHaveLength(3);
      expect(bot.app.services.schedules.show(bot.guild.id)).toEqual([]);

      const finished = await setupRun(bot);
      expect(finished.embeds?.[0]?.title).toBe('Setup done');
      const stageTitles = new Set(bot.app.services.catalog.stages(bot.guild.id).map((s) => s.title));
      const stageRoles = [...guildOf(bot).roles.values()].filter((r) => stageTitles.has(r.name));
      expect(stageRoles).toHaveLength(10);
      expect(textOf(finished).match(/Created[^]*?Stage role/g)).toHaveLength(1);
      expect(bot.app.services.schedules.show(bot.guild.id)).toHaveLength(2);
    }));

  it('with a permission missing changes nothing and lists each one with where to grant it', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS & ~PermissionFlagsBits.PinMessages & ~PermissionFlagsBits.CreatePublicThreads }, async (bot) => {
      const text = textOf(await setupRun(bot, { channel: bot.guild.channels.study! }));
      expect(text).toContain('I changed nothing');
      expect(text).toContain(`**Create Public Threads** in <#${bot.guild.channels.study}>: Edit Channel > Permissions > @cohort`);
      expect(text).toContain(`**Pin Messages** in <#${bot.guild.channels.study}>`);
      expect(writes(bot).filter((r) => !r.path.includes('/commands'))).toEqual([]);
    }));

  it('bad input gets a clear message and nothing is written', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      expect(textOf(await setupRun(bot, { daily_time: '9am' }))).toContain('"9am" is not a time of day. Use 24-hour HH:MM');
      expect(textOf(await setupRun(bot, { timezone: 'Mars/Olympus' }))).toMatch(/"Mars\/Olympus" is not an IANA timezone name/);
      expect(writes(bot).filter((r) => !r.path.includes('/commands'))).toEqual([]);
      expect(bot.app.services.schedules.show(bot.guild.id)).toEqual([]);
    }));

  it('refuses a server whose roles would pass Discord\'s 250, before creating any', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS, extraRoles: 235 }, async (bot) => {
      expect(guildOf(bot).roles.size).toBe(241);
      const text = textOf(await setupRun(bot));
      expect(text).toContain('this server has 241 roles, I need to add 11, and Discord allows 250. Delete 2 unused role(s)');
      expect(routeCount(bot, 'POST /guilds/:guild_id/roles')).toBe(0);
    }));

  it('is refused to members without Manage Server', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      const reply = await finalReply(bot.discord.slashCommand({
        channelId: bot.guild.channels.study!, userId: bot.guild.users.alice!, name: 'setup', subcommand: 'start', options: { timezone: 'UTC' }, permissions: 0n,
      }));
      expect(textOf(reply)).toContain('Only moderators can do that');
      expect(routeCount(bot, 'POST /guilds/:guild_id/roles')).toBe(0);
    }));
});

describe('/setup remove', () => {
  const removeCommand = (bot: Bot) =>
    bot.discord.slashCommand({ channelId: bot.guild.channels.study!, userId: bot.guild.users.mod!, name: 'setup', subcommand: 'remove' });

  it('after a confirmation leaves the server as it was, but for what Cohort did not create', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      const before = serverView(bot);
      await setupRun(bot);
      // Something of the moderators' own, made after setup, stays.
      const theirs = bot.discord.state.addMembers(bot.guild.id, [{ username: 'carol' }]);
      const handle = removeCommand(bot);
      const plan: ReplyData = await finalReply(handle);
      expect(textOf(plan)).toContain('with every message in it');
      expect(serverView(bot)).not.toEqual(before); // nothing happens before the confirmation
      const [remove] = buttonsOf(plan);
      expect(remove!.label).toBe('Remove');

      const click = bot.discord.clickButton({ message: handle.original()!, customId: remove!.custom_id!, userId: bot.guild.users.mod! });
      expect((await click.response).type).toBe(6); // acknowledged first: the removal takes several requests
      const done = (await click.waitForEdit()) as ReplyData;
      expect(done.embeds?.[0]?.title).toBe('Removed');
      expect(serverView(bot)).toEqual(before);
      expect(bot.app.services.schedules.show(bot.guild.id)).toEqual([]);
      expect(bot.app.services.stageRoles.overview(bot.guild.id).stages.every((s) => s.roleId === null)).toBe(true);
      expect(guildOf(bot).members.has(theirs[0]!)).toBe(true);

      // And /setup works again from scratch afterwards.
      expect((await setupRun(bot)).embeds?.[0]?.title).toBe('Setup done');
    }));

  it('keeps a moderator\'s own channel and roles, and deletes only the message it posted there', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      const before = serverView(bot);
      await setupRun(bot, { channel: bot.guild.channels.study! });
      const handle = removeCommand(bot);
      const plan = await finalReply(handle);
      expect(textOf(plan)).not.toContain('with every message in it');
      const click = bot.discord.clickButton({ message: handle.original()!, customId: buttonsOf(plan)[0]!.custom_id!, userId: bot.guild.users.mod! });
      await click.waitForEdit();
      expect(serverView(bot)).toEqual(before);
      expect(bot.discord.state.messagesIn(bot.guild.channels.study!)).toEqual([]);
    }));

  it('"Keep everything" removes nothing', () =>
    withBot({ botPermissions: SETUP_PERMISSIONS }, async (bot) => {
      await setupRun(bot);
      const after = serverView(bot);
      const handle = removeCommand(bot);
      const plan = await finalReply(handle);
      const keep = bot.discord.clickButton({ message: handle.original()!, customId: buttonsOf(plan)[1]!.custom_id!, userId: bot.guild.users.mod! });
      expect(textOf(replyOf(await keep.response))).toBe('Nothing was removed.');
      expect(serverView(bot)).toEqual(after);
    }));
});
