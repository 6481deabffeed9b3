import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderPracticeQuestion } from '../src/discord/render/practice.js';

export const quiz: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('quiz')
    .setDescription('Practise with a question only you can see')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('stage').setDescription('Only questions from this stage').setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('topic').setDescription('Only questions on this topic').setAutocomplete(true).setMaxLength(100))
    .toJSON(),
  execute(interaction, services, { guildId, userId }) {
    const scope = services.practice.scopeFor(guildId, interaction.options.getString('stage'), interaction.options.getString('topic'));
    return renderPracticeQuestion(services.practice.nextQuestion(guildId, userId, scope));
  },
  autocomplete(interaction, services, { guildId }) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'stage') return services.catalog.suggestStages(guildId, focused.value);
    return services.catalog.suggestTopics(guildId, focused.value, interaction.options.getString('stage') ?? undefined);
  },
};
