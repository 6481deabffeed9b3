import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { UserError } from '../src/errors.js';
import { renderSchedules } from '../src/discord/render/schedule.js';
import { botMayCreateThreads } from '../src/discord/thread-opener.js';
import { WEEKDAYS, suggestTimezones } from '../src/schedule/local-time.js';

const POSTABLE = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;
const capitalise = (day: string) => day[0]!.toUpperCase() + day.slice(1);

/** Whether the bot can post embeds in the chosen channel, as Discord computes it for the bot's member. */
function botCanPost(interaction: ChatInputCommandInteraction, channelId: string): boolean {
  const channel = interaction.guild?.channels.cache.get(channelId);
  const me = interaction.guild?.members.me;
  if (!channel || !me) return true; // unknown here: the scheduler reports a failure when it posts
  return channel.permissionsFor(me).has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]);
}

export const schedule: SlashCommand = {
  moderatorOnly: true,
  // post-now sends a message before answering; deferring keeps within Discord's 3 seconds.
  defer: { ephemeral: true },
  data: new SlashCommandBuilder()
    .setName('schedule')
    .setDescription('When and where the daily concept and weekly challenge are posted')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s.setName('daily').setDescription('Post a concept card and a quiz question every day')
        .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(...POSTABLE))
        .addStringOption((o) => o.setName('time').setDescription('Local time, 24-hour HH:MM, e.g. 09:00').setRequired(true).setMaxLength(5))
        .addStringOption((o) => o.setName('timezone').setDescription('IANA timezone, e.g. Europe/London').setRequired(true).setAutocomplete(true).setMaxLength(64)),
    )
    .addSubcommand((s) =>
      s.setName('weekly').setDescription('Post the weekly challenge once a week')
        .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(...POSTABLE))
        .addStringOption((o) => o.setName('day').setDescription('Day of the week').setRequired(true).addChoices(...WEEKDAYS.map((d) => ({ name: capitalise(d), value: d }))))
        .addStringOption((o) => o.setName('time').setDescription('Local time, 24-hour HH:MM, e.g. 18:30').setRequired(true).setMaxLength(5))
        .addStringOption((o) => o.setName('timezone').setDescription('IANA timezone, e.g. America/New_York').setRequired(true).setAutocomplete(true).setMaxLength(64)),
    )
    .addSubcommand((s) => s.setName('show').setDescription('Show the schedule and when the next posts are due'))
    .addSubcommand((s) => s.setName('pause').setDescription('Stop posting until resumed'))
    .addSubcommand((s) => s.setName('resume').setDescription('Start posting again'))
    .addSubcommand((s) =>
      s.setName('threads').setDescription('Open a discussion thread on each daily post (on by default)')
        .addBooleanOption((o) => o.setName('enabled').setDescription('On or off').setRequired(true)),
    )
    .addSubcommand((s) =>
      s.setName('ping').setDescription('Mention a role in each daily and weekly post; leave out the role to stop pings')
        .addRoleOption((o) => o.setName('role').setDescription('The role members get with Notify me or /notify')),
    )
    .addSubcommand((s) =>
      s.setName('post-now').setDescription('Post now instead of waiting')
        .addStringOption((o) => o.setName('kind').setDescription('Which post').setRequired(true).addChoices({ name: 'Daily concept and quiz', value: 'daily' }, { name: 'Weekly challenge', value: 'weekly' })),
    )
    .toJSON(),
  async execute(interaction, services, { guildId }) {
    const sub = interaction.options.getSubcommand();
    const tz = () => interaction.options.getString('timezone', true);
    switch (sub) {
      case 'daily':
      case 'weekly': {
        const channel = interaction.options.getChannel('channel', true);
        const view = services.schedules.set(sub, {
          guildId, channelId: channel.id, botCanPost: botCanPost(interaction, channel.id),
          time: interaction.options.getString('time', true), timezone: tz(), weekday: interaction.options.getString('day') ?? undefined,
        });
        return renderSchedules([view], `Saved. ${sub === 'daily' ? 'The daily concept and quiz' : 'The weekly challenge'} will be posted in <#${channel.id}>.`);
      }
      case 'show':
        return renderSchedules(services.schedules.show(guildId));
      case 'pause':
        return renderSchedules(services.schedules.setPaused(guildId, true), 'Paused: nothing will be posted until you /schedule resume.');
      case 'resume':
        return renderSchedules(services.schedules.setPaused(guildId, false), 'Resumed.');
      case 'threads': {
        const enabled = interaction.options.getBoolean('enabled', true);
        return { ephemeral: true, content: services.dailyThreads.setEnabled(guildId, enabled, (channelId) => botMayCreateThreads(interaction.client, channelId)) };
      }
      case 'ping': {
        const role = interaction.options.getRole('role');
        if (!role) {
          services.notifications.choosePingRole(guildId, null);
          return { ephemeral: true, content: 'Pings are off: daily and weekly posts will not mention a role. Pick one again with `/schedule ping role:`.' };
        }
        if (!interaction.inCachedGuild()) throw new UserError('I am still loading this server. Try again in a few seconds.');
        const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());
        services.notifications.choosePingRole(guildId, {
          role: { id: role.id, name: role.name, position: role.position, managed: role.managed, isEveryone: role.id === guildId, mentionable: role.mentionable },
          bot: {
            canManageRoles: me.permissions.has(PermissionFlagsBits.ManageRoles), canMentionEveryone: me.permissions.has(PermissionFlagsBits.MentionEveryone),
            highestRole: { name: me.roles.highest.name, position: me.roles.highest.position },
          },
        });
        return { ephemeral: true, content: `Daily and weekly posts will ping <@&${role.id}>. Members get the role with the **Notify me** button or /notify.` };
      }
      default: {
        const kind = interaction.options.getString('kind', true) === 'weekly' ? 'weekly' : 'daily';
        const result = await services.scheduler.postNow(guildId, kind);
        if (!result.ok) throw new UserError(`I could not post: ${result.error}`);
        const extra = result.post.slot.startsWith('manual-');
        return { ephemeral: true, content: `Posted in <#${result.post.channelId}>${extra ? ' (an extra post: the regular schedule is unchanged)' : ' (this counts as the scheduled post that was due)'}.` };
      }
    }
  },
  autocomplete: (interaction) => suggestTimezones(interaction.options.getFocused()).map((zone) => ({ name: zone, value: zone })),
};
