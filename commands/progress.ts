import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { BRAND_COLOUR, DISCORD, fit } from '../src/discord/render/limits.js';

export const progress: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('progress')
    .setDescription('XP, accuracy and completed stages')
    .setContexts(InteractionContextType.Guild)
    .addUserOption((o) => o.setName('member').setDescription('Someone else\'s progress (default: yours)'))
    .toJSON(),
  execute(interaction, services, { guildId, userId }) {
    const member = interaction.options.getUser('member') ?? interaction.user;
    const summary = services.progress.summary(guildId, member.id);
    const accuracy = summary.accuracy === null ? 'no answers yet' : `${Math.round(summary.accuracy * 100)}% (${summary.correct}/${summary.answered})`;
    const whose = member.id === userId ? 'Your progress' : `Progress of ${member.username}`;
    return {
      ephemeral: true,
      embeds: [
        {
          title: fit(whose, DISCORD.embedTitle),
          color: BRAND_COLOUR,
          fields: [
            { name: 'XP', value: String(summary.xp), inline: true },
            { name: 'Accuracy', value: accuracy, inline: true },
            {
              name: `Stages completed (${summary.stagesCompleted.length}/${summary.stagesTotal})`,
              value: fit(summary.stagesCompleted.join(', ') || 'None yet: /roadmap shows how far each one is.', DISCORD.fieldValue),
            },
          ],
        },
      ],
    };
  },
};
