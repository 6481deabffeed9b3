import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderImport, renderImportProblems, renderPackList, renderPackStats, renderQuestionStats } from '../src/discord/render/content.js';
import { contentStatsPicture, withPicture } from '../src/discord/render/pictures.js';
import { reviewView } from '../src/discord/suggestion-review.js';
import { namesOf } from '../src/discord/member-names.js';
import { InvalidUploadError } from '../src/content/content-admin.js';

export const content: SlashCommand = {
  moderatorOnly: true,
  defer: { ephemeral: true },
  data: new SlashCommandBuilder()
    .setName('content')
    .setDescription('Manage this server\'s curriculum')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s.setName('import').setDescription('Import a content pack file or a Red-DiscordBot trivia list (YAML)')
        .addAttachmentOption((o) => o.setName('file').setDescription('A .yaml, .yml or .json file').setRequired(true))
        .addBooleanOption((o) => o.setName('use').setDescription('Make it this server\'s curriculum (default: yes)')),
    )
    .addSubcommand((s) => s.setName('list').setDescription('The packs this server can use'))
    .addSubcommand((s) => s.setName('review').setDescription('Review the questions members suggested, oldest first'))
    .addSubcommand((s) => s.setName('export').setDescription('This server\'s pack with its members\' approved questions, as a YAML file'))
    .addSubcommand((s) =>
      s.setName('use').setDescription('Switch this server to another pack')
        .addStringOption((o) => o.setName('pack').setDescription('Pack id').setRequired(true).setAutocomplete(true).setMaxLength(60)),
    )
    .addSubcommand((s) =>
      s.setName('stats').setDescription('Counts for the pack; with a stage or topic, how its questions are answered')
        .addStringOption((o) => o.setName('stage').setDescription('A stage: accuracy and picks of each of its questions').setAutocomplete(true).setMaxLength(100))
        .addStringOption((o) => o.setName('topic').setDescription('A topic: accuracy and picks of each of its questions').setAutocomplete(true).setMaxLength(100)),
    )
    .toJSON(),
  async execute(interaction, services, { guildId }) {
    switch (interaction.options.getSubcommand()) {
      case 'import': {
        const file = interaction.options.getAttachment('file', true);
        try {
          const result = await services.contentAdmin.importFile(guildId, { name: file.name, url: file.url, size: file.size }, interaction.options.getBoolean('use') ?? true);
          return renderImport(result);
        } catch (error) {
          if (error instanceof InvalidUploadError) return renderImportProblems(error.fileName, error.problems);
          throw error;
        }
      }
      case 'review':
        return reviewView(services, guildId);
      case 'export': {
        const names = await namesOf(interaction.guild, services.contentAdmin.authors(guildId));
        const file = services.contentAdmin.exportFile(guildId, new Map([...names].map(([id, n]) => [id, n.displayName])));
        return {
          ephemeral: true,
          content: `**${file.fileName}**: ${file.questions} question(s), ${file.ownQuestions} of them written by members (credited in the file). ` +
            'Check it with `npm run content:check`, and import it here or in another server with /content import.',
          files: [{ name: file.fileName, data: Buffer.from(file.yaml, 'utf8'), description: `The content pack ${file.packId} as YAML, with ${file.ownQuestions} member-written question(s)` }],
        };
      }
      case 'use': {
        const pack = services.contentAdmin.use(guildId, interaction.options.getString('pack', true));
        return { ephemeral: true, content: `This server now follows **${pack.title}** (\`${pack.id}\`).` };
      }
      case 'stats': {
        const scope = { stage: interaction.options.getString('stage'), topic: interaction.options.getString('topic') };
        if (!scope.stage && !scope.topic) return renderPackStats(services.contentAdmin.stats(guildId));
        const stats = services.questionStats.forScope(guildId, scope);
        return withPicture(renderQuestionStats(stats), contentStatsPicture(stats), services);
      }
      default:
        return renderPackList(services.contentAdmin.list(guildId));
    }
  },
  autocomplete: (interaction, services, { guildId }) => {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'stage') return services.catalog.suggestStages(guildId, focused.value);
    if (focused.name === 'topic') return services.catalog.suggestTopics(guildId, focused.value, interaction.options.getString('stage') ?? undefined);
    const query = interaction.options.getFocused().toLowerCase();
    return services.contentAdmin.list(guildId).packs
      .filter((p) => p.id.includes(query) || p.title.toLowerCase().includes(query))
      .map((p) => ({ name: `${p.title} (${p.id})`, value: p.id }));
  },
};
