import type { Reply } from '../command.js';
import { BRAND_COLOUR, DISCORD, fit } from './limits.js';

export interface RoleOverview {
  mode: 'stack' | 'replace';
  threshold: number;
  stages: { stageTitle: string; roleId: string | null }[];
}

export function renderRoleOverview(overview: RoleOverview, note?: string): Reply {
  const lines = overview.stages.map((s, i) => `${i + 1}. ${s.stageTitle}: ${s.roleId ? `<@&${s.roleId}>` : '*no role yet*'}`);
  return {
    ephemeral: true,
    embeds: [
      {
        title: 'Stage roles',
        color: BRAND_COLOUR,
        description: fit(
          `${note ? `${note}\n\n` : ''}${lines.join('\n')}\n\n**Mode:** ${overview.mode} · **Completion:** ${Math.round(overview.threshold * 100)}% of a stage's questions answered correctly`,
          DISCORD.embedDescription,
        ),
      },
    ],
  };
}
