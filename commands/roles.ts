import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderRoleOverview } from '../src/discord/render/roles.js';
import { UserError } from '../src/errors.js';
import type { BotFacts, RoleFacts } from '../src/progress/stage-roles.js';

/** The chosen role and the bot's own standing, as Discord describes them, for checking before anything is saved. */
async function roleAndBot(interaction: ChatInputCommandInteraction, guildId: string): Promise<{ role: RoleFacts; bot: BotFacts }> {
  if (!interaction.inCachedGuild()) throw new UserError('I am still loading this server. Try again in a few seconds.');
  const role = interaction.options.getRole('role', true);
  const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());
  return {
    role: { id: role.id, name: role.name, position: role.position, managed: role.managed, isEveryone: role.id === guildId },
    bot: { canManageRoles: me.permissions.has(PermissionFlagsBits.ManageRoles), highestRole: { name: me.roles.highest.name, position: me.roles.highest.position } },
  };
}

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
    .addSubcommand((s) =>
      s.setName('champion').setDescription('Each week or month, give a role to the member with the most XP (no role: turn off)')
        .addRoleOption((o) => o.setName('role').setDescription('The champion role; leave out to turn champions off'))
        .addStringOption((o) => o.setName('period').setDescription('week (default) or month, in the server\'s timezone')
          .addChoices({ name: 'week: Monday to Sunday', value: 'week' }, { name: 'month: the calendar month', value: 'month' })),
    )
    .addSubcommand((s) => s.setName('check').setDescription('Show the stage roles, the champion role and any changes Discord refused'))
    .addSubcommand((s) => s.setName('sync').setDescription('Bring every member\'s stage roles in line with their progress'))
    .toJSON(),
  defer: { ephemeral: true },
  async execute(interaction, services, { guildId }) {
    const sub = interaction.options.getSubcommand();
    const overview = () => ({ ...services.stageRoles.overview(guildId), champion: services.champions.overview(guildId) });
    if (sub === 'set') {
      const { role, bot } = await roleAndBot(interaction, guildId);
      const saved = services.stageRoles.set(guildId, interaction.options.getString('stage', true), role, bot);
      return renderRoleOverview(overview(), `Members who complete **${saved.stageTitle}** will get <@&${role.id}>.`);
    }
    if (sub === 'champion') {
      if (!interaction.options.getRole('role')) {
        const wasOn = services.champions.turnOff(guildId);
        return renderRoleOverview(overview(), wasOn ? 'Champions are off: nobody new gets the role, and whoever holds it keeps it.' : 'Champions were already off.');
      }
      const { role, bot } = await roleAndBot(interaction, guildId);
      const period = interaction.options.getString('period') === 'month' ? 'month' : 'week';
      services.champions.set(guildId, role, bot, period);
      return renderRoleOverview(overview(), `When each ${period} ends, its member with the most XP gets <@&${role.id}> and the previous champion loses it.`);
    }
    if (sub === 'mode') {
      const mode = services.stageRoles.setMode(guildId, interaction.options.getString('mode', true) === 'replace' ? 'replace' : 'stack');
      return renderRoleOverview(overview(), mode === 'stack' ? 'Members keep every stage role they earn.' : 'Members keep only the role of their highest completed stage.');
    }
    if (sub === 'threshold') {
      const percent = services.stageRoles.setThreshold(guildId, interaction.options.getInteger('percent', true));
      return renderRoleOverview(overview(), `A stage now needs ${percent}% of its questions answered correctly.`);
    }
    if (sub === 'announce') {
      const on = services.stageRoles.setAnnounce(guildId, interaction.options.getBoolean('enabled', true));
      return renderRoleOverview(overview(), on ? 'Completed stages will also be celebrated in the study channel.' : 'Completed stages will be congratulated privately only.');
    }
    if (sub === 'sync') {
      const report = await services.roleSync.syncGuild(guildId);
      const summary = `Sync done: ${report.newlyCompleted} newly completed stage(s), ${report.added} role(s) given, ${report.removed} taken back, ${report.stillPending.length} still refused.`;
      return renderRoleOverview(overview(), summary);
    }
    return renderRoleOverview(overview());
  },
  autocomplete: (interaction, services, { guildId }) => services.catalog.suggestStages(guildId, interaction.options.getFocused()),
};
