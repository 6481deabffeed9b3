import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { renderHistory } from '../src/discord/render/history.js';

export const history: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('history')
    .setDescription('The last 25 daily questions and how you answered each')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  execute: (_interaction, services, { guildId, userId }) => renderHistory(services.history.recent(guildId, userId)),
};
