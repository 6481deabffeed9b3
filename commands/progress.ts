import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { BRAND_COLOUR, DISCORD, fit } from '../src/discord/render/limits.js';
import { subjectOf } from '../src/discord/member-names.js';
import { progressPicture, withPicture } from '../src/discord/render/pictures.js';
import { progressBar } from '../src/discord/render/progress-bar.js';

const percent = (correct: number, answered: number) => `${Math.round((correct / answered) * 100)}% (${correct}/${answered})`;

export const progress: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('progress')
    .setDescription('XP, accuracy, streak, completed stages and reviews due')
    .setContexts(InteractionContextType.Guild)
    .addUserOption((o) => o.setName('member').setDescription('Someone else\'s progress (default: yours)'))
    .toJSON(),
  execute(interaction, services, { guildId, userId }) {
    const member = subjectOf(interaction);
    const p = services.progress.summary(guildId, member.userId);
    const map = services.progress.roadmap(guildId, member.userId);
    const whose = member.userId === userId ? 'Your progress' : `Progress of ${member.displayName}`;
    const needed = Math.round(map.threshold * 100);
    const completion = map.stages.map((s) => `${s.complete ? '✅' : '▫️'} ${s.title}: ${Math.round(s.share * 100)}%${s.complete ? '' : ` (${needed}% completes it)`}`).join('\n');
    const stages = p.byStage.map((s) => `${s.title}: ${progressBar(s.correct / s.answered, 5)} (${s.correct}/${s.answered})`).join('\n');
    const weakest = p.weakestTopics.map((t) => `${t.title}: ${percent(t.correct, t.answered)}`).join('\n');
    return withPicture({
      ephemeral: true,
      embeds: [
        {
          title: fit(whose, DISCORD.embedTitle),
          color: BRAND_COLOUR,
          fields: [
            { name: 'XP', value: String(p.xp), inline: true },
            { name: 'Accuracy', value: p.accuracy === null ? 'no answers yet' : percent(p.correct, p.answered), inline: true },
            { name: 'Daily streak', value: `${p.streak} day(s) · best ${p.bestStreak}`, inline: true },
            { name: 'Reviews due', value: p.reviewsDue ? `${p.reviewsDue}: /review` : 'none', inline: true },
            { name: 'Questions contributed', value: String(services.suggestions.contributed(guildId, member.userId)), inline: true },
            {
              name: `Stages completed (${p.stagesCompleted.length}/${p.stagesTotal})`,
              value: fit(p.stagesCompleted.join(', ') || 'None yet: /roadmap shows how far each one is.', DISCORD.fieldValue),
            },
            { name: 'Roles earned', value: fit(p.rolesEarned.map((id) => `<@&${id}>`).join(' ') || 'none yet', DISCORD.fieldValue) },
            ...(stages ? [{ name: 'Accuracy by stage', value: fit(stages, DISCORD.fieldValue) }] : []),
            ...(completion ? [{ name: 'Stage completion', value: fit(completion, DISCORD.fieldValue) }] : []),
            ...(weakest ? [{ name: 'Topics to revisit', value: fit(weakest, DISCORD.fieldValue) }] : []),
          ],
        },
      ],
    }, progressPicture(member, p, map), services);
  },
};
