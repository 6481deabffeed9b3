import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderReview } from '../src/discord/render/review.js';

export const review: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('review')
    .setDescription('Questions you got wrong or have not seen for a while, spaced out over days')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  execute: (_interaction, services, { guildId, userId }) => renderReview(services.review.next(guildId, userId)),
};
