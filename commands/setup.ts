import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderRemovalPlan, renderSetupReport } from '../src/discord/render/setup.js';
import { WEEKDAYS, suggestTimezones } from '../src/schedule/local-time.js';

const capitalise = (day: string) => day[0]!.toUpperCase() + day.slice(1);

/**
 * Discord does not let a command have both options and subcommands, so the one-command setup is `/setup start`,
 * beside `/setup remove`.
 */
export const setup: SlashCommand = {
  moderatorOnly: true,
  // A run makes a dozen requests to Discord: more than its 3 seconds allow on a busy day.
  defer: { ephemeral: true },
  data: new SlashCommandBuilder()
    .setName('setup')
    .setDescription('Set up the study group in one go, or remove what setup made')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s.setName('start').setDescription('Create the stage roles, ping role, schedules and a pinned Start here message')
        .addStringOption((o) => o.setName('timezone').setDescription('IANA timezone of the group, e.g. Europe/London').setRequired(true).setAutocomplete(true).setMaxLength(64))
        .addChannelOption((o) => o.setName('channel').setDescription('Where to post (default: a new #study-group)').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement))
        .addStringOption((o) => o.setName('daily_time').setDescription('Daily post, 24-hour HH:MM (default 09:00)').setMaxLength(5))
        .addStringOption((o) => o.setName('weekly_day').setDescription('Day of the weekly challenge (default Monday)').addChoices(...WEEKDAYS.map((d) => ({ name: capitalise(d), value: d }))))
        .addStringOption((o) => o.setName('weekly_time').setDescription('Weekly challenge, 24-hour HH:MM (default 18:00)').setMaxLength(5)),
    )
    .addSubcommand((s) => s.setName('remove').setDescription('Delete the roles, message and channel setup created, and clear the schedules'))
    .toJSON(),
  async execute(interaction, services, { guildId }) {
    if (interaction.options.getSubcommand() === 'remove') return renderRemovalPlan(services.setup.plan(guildId));
    const report = await services.setup.run({
      guildId,
      channelId: interaction.options.getChannel('channel')?.id,
      timezone: interaction.options.getString('timezone', true),
      dailyTime: interaction.options.getString('daily_time') ?? '09:00',
      weeklyDay: interaction.options.getString('weekly_day') ?? 'monday',
      weeklyTime: interaction.options.getString('weekly_time') ?? '18:00',
    });
    return renderSetupReport(report);
  },
  autocomplete: (interaction) => suggestTimezones(interaction.options.getFocused()).map((zone) => ({ name: zone, value: zone })),
};
