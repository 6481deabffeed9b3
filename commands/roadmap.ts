import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { BRAND_COLOUR, DISCORD, fit } from '../src/discord/render/limits.js';
import { roadmapPicture, withPicture } from '../src/discord/render/pictures.js';
import { progressBar } from '../src/discord/render/progress-bar.js';
import { describeRule } from '../src/progress/completion.js';

export const roadmap: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('roadmap')
    .setDescription('The roadmap\'s stages, your progress in each, and what to study next')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  execute(_interaction, services, { guildId, userId }) {
    const map = services.progress.roadmap(guildId, userId);
    const current = map.stages.find((s) => s.stageId === map.currentStageId);
    const next = map.nextTopics.map((t) => `• ${t.title}`).join('\n');
    return withPicture({
      ephemeral: true,
      embeds: [
        {
          title: 'Your roadmap',
          color: BRAND_COLOUR,
          description: fit(
            `${describeRule(map.threshold)}\n\n` +
              (current ? `**Current stage:** ${current.title}\n**Study next:**\n${next || '• Review what you got wrong with /quiz'}` : '**Every stage is complete.** Well done!'),
            DISCORD.embedDescription,
          ),
          fields: map.stages.slice(0, DISCORD.embedFields).map((stage, i) => ({
            name: fit(`${stage.complete ? '✅' : stage.stageId === map.currentStageId ? '▶️' : '▫️'} ${i + 1}. ${stage.title}`, DISCORD.fieldName),
            value: `${progressBar(stage.share)} ${stage.mastered}/${stage.total}`,
          })),
        },
      ],
    }, roadmapPicture(`Your roadmap: ${services.catalog.packTitle(guildId)}`, map), services);
  },
};
