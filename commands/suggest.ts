import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { suggestModal } from '../src/discord/render/suggestions.js';

export const suggest: SlashCommand = {
  // The form must be the first answer: Discord shows a form only in place of a reply.
  opensModal: true,
  data: new SlashCommandBuilder()
    .setName('suggest')
    .setDescription('Write a question for the group; a moderator reviews it')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('topic').setDescription('The topic it is about').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .toJSON(),
  execute(interaction, services, { guildId }) {
    const topic = services.catalog.findTopic(guildId, interaction.options.getString('topic', true));
    return suggestModal(topic.id, topic.title);
  },
  autocomplete: (interaction, services, { guildId }) => services.catalog.suggestTopics(guildId, interaction.options.getFocused()),
};
