import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderTopicCard } from '../src/discord/render/topic-card.js';

export const topic: SlashCommand = {
  publicReply: true,
  data: new SlashCommandBuilder()
    .setName('topic')
    .setDescription('Show the concept card for a topic')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('name').setDescription('Start typing a topic title').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .toJSON(),
  execute(interaction, services, { guildId }) {
    const card = services.catalog.topicCard(guildId, interaction.options.getString('name', true));
    return renderTopicCard(card);
  },
  autocomplete: (interaction, services, { guildId }) => services.catalog.suggestTopics(guildId, interaction.options.getFocused()),
};
