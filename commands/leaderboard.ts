import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import type { LeaderboardPeriod } from '../src/progress/progress-service.js';
import { namesOf } from '../src/discord/member-names.js';
import { BRAND_COLOUR, DISCORD, fit } from '../src/discord/render/limits.js';
import { leaderboardPicture, withPicture } from '../src/discord/render/pictures.js';

const PERIODS = ['week', 'month', 'all'] as const satisfies readonly LeaderboardPeriod[];
const TITLES: Record<LeaderboardPeriod, string> = { week: 'this week', month: 'this month', all: 'all time' };

export const leaderboard: SlashCommand = {
  publicReply: true,
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('The top ten by XP, and your own rank')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o.setName('period').setDescription('This week (default), this month or all time')
        .addChoices({ name: 'This week', value: 'week' }, { name: 'This month', value: 'month' }, { name: 'All time', value: 'all' }),
    )
    .toJSON(),
  async execute(interaction, services, { guildId, userId }) {
    const period = PERIODS.find((p) => p === interaction.options.getString('period')) ?? 'week';
    const board = services.progress.leaderboard(guildId, userId, period);
    const rows = board.top.map((row, i) => `**${i + 1}.** <@${row.userId}> — ${row.xp} XP (${row.correct}/${row.answered} right)`);
    const mine = board.me
      ? board.me.rank > board.top.length ? `\n…\n**${board.me.rank}.** you — ${board.me.xp} XP` : ''
      : '\nYou have no answers in this period yet: try /quiz.';
    const reply = {
      embeds: [
        {
          title: `Leaderboard: ${TITLES[period]}`,
          color: BRAND_COLOUR,
          description: fit((rows.join('\n') || 'Nobody has answered yet. Be the first: /quiz') + mine, DISCORD.embedDescription),
        },
      ],
      // Mentions in an embed never ping, but the content field could; keep replies quiet either way.
    };
    if (board.top.length === 0) return reply;
    const names = await namesOf(interaction.guild, [...board.top.map((r) => r.userId), ...(board.me ? [board.me.userId] : [])]);
    return withPicture(reply, leaderboardPicture(`Leaderboard: ${TITLES[period]}`, board, names, userId), services);
  },
};
