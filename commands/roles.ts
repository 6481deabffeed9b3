import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderRoleOverview } from '../src/discord/render/roles.js';
import { UserError } from '../src/errors.js';

export const roles: SlashCommand = {
  moderatorOnly: true,
  data: new SlashCommandBuilder()
    .setName('roles')
    .setDescription('Which role each completed stage earns')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s.setName('set').setDescription('Give this role to members who complete this stage')
        .addStringOption((o) => o.setName('stage').setDescription('The roadmap stage').setRequired(true).setAutocomplete(true).setMaxLength(100))
        .addRoleOption((o) => o.setName('role').setDescription('The role to give').setRequired(true)),
    )
    .addSubcommand((s) =>
      s.setName('mode').setDescription('Keep every stage role (stack) or only the highest (replace)')
        .addStringOption((o) => o.setName('mode').setDescription('stack or replace').setRequired(true)
          .addChoices({ name: 'stack: keep every stage role', value: 'stack' }, { name: 'replace: only the highest stage role', value: 'replace' })),
    )
    .addSubcommand((s) =>
      s.setName('threshold').setDescription('Share of a stage\'s questions to answer correctly to complete it')
        .addIntegerOption((o) => o.setName('percent').setDescription('1 to 100 (default 80)').setRequired(true).setMinValue(1).setMaxValue(100)),
    )
    .addSubcommand((s) =>
      s.setName('announce').setDescription('Also congratulate members in the study channel when they complete a stage')
        .addBooleanOption((o) => o.setName('enabled').setDescription('On or off').setRequired(true)),
    )
    .addSubcommand((s) => s.setName('check').setDescription('Show the stage roles and any awards Discord refused'))
    .addSubcommand((s) => s.setName('sync').setDescription('Bring every member\'s stage roles in line with their progress'))
    .toJSON(),
  defer: { ephemeral: true },
  async execute(interaction, services, { guildId }) {
    const sub = interaction.options.getSubcommand();
    if (sub === 'set') {
      if (!interaction.inCachedGuild()) throw new UserError('I am still loading this server. Try again in a few seconds.');
      const role = interaction.options.getRole('role', true);
      const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());
      const saved = services.stageRoles.set(
        guildId,
        interaction.options.getString('stage', true),
        { id: role.id, name: role.name, position: role.position, managed: role.managed, isEveryone: role.id === guildId },
        { canManageRoles: me.permissions.has(PermissionFlagsBits.ManageRoles), highestRole: { name: me.roles.highest.name, position: me.roles.highest.position } },
      );
      return renderRoleOverview(services.stageRoles.overview(guildId), `Members who complete **${saved.stageTitle}** will get <@&${role.id}>.`);
    }
    if (sub === 'mode') {
      const mode = services.stageRoles.setMode(guildId, interaction.options.getString('mode', true) === 'replace' ? 'replace' : 'stack');
      return renderRoleOverview(services.stageRoles.overview(guildId), mode === 'stack' ? 'Members keep every stage role they earn.' : 'Members keep only the role of their highest completed stage.');
    }
    if (sub === 'threshold') {
      const percent = services.stageRoles.setThreshold(guildId, interaction.options.getInteger('percent', true));
      return renderRoleOverview(services.stageRoles.overview(guildId), `A stage now needs ${percent}% of its questions answered correctly.`);
    }
    if (sub === 'announce') {
      const on = services.stageRoles.setAnnounce(guildId, interaction.options.getBoolean('enabled', true));
      return renderRoleOverview(services.stageRoles.overview(guildId), on ? 'Completed stages will also be celebrated in the study channel.' : 'Completed stages will be congratulated privately only.');
    }
    if (sub === 'sync') {
      const report = await services.roleSync.syncGuild(guildId);
      const summary = `Sync done: ${report.newlyCompleted} newly completed stage(s), ${report.added} role(s) given, ${report.removed} taken back, ${report.stillPending.length} still refused.`;
      return renderRoleOverview(services.stageRoles.overview(guildId), summary);
    }
    return renderRoleOverview(services.stageRoles.overview(guildId));
  },
  autocomplete: (interaction, services, { guildId }) => services.catalog.suggestStages(guildId, interaction.options.getFocused()),
};
