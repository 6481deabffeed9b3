import type { RoleAward } from '../../store/progress-store.js';
import type { Reply } from '../command.js';
import { BRAND_COLOUR, DISCORD, fit } from './limits.js';

export interface RoleOverview {
  mode: 'stack' | 'replace';
  threshold: number;
  announce: boolean;
  stages: { stageTitle: string; roleId: string | null }[];
  pending: RoleAward[];
}

export function renderRoleOverview(overview: RoleOverview, note?: string): Reply {
  const lines = overview.stages.map((s, i) => `${i + 1}. ${s.stageTitle}: ${s.roleId ? `<@&${s.roleId}>` : '*no role yet*'}`);
  const pending = overview.pending.slice(0, 10).map((a) => `• <@${a.userId}> ${a.action === 'add' ? 'should get' : 'should lose'} <@&${a.roleId}>${a.lastError ? `: ${a.lastError}` : ''}`);
  const more = overview.pending.length > pending.length ? `\n…and ${overview.pending.length - pending.length} more` : '';
  return {
    ephemeral: true,
    embeds: [
      {
        title: 'Stage roles',
        color: BRAND_COLOUR,
        description: fit(
          `${note ? `${note}\n\n` : ''}${lines.join('\n')}\n\n**Mode:** ${overview.mode} · **Completion:** ${Math.round(overview.threshold * 100)}% of a stage's questions answered correctly` +
            ` · **Announcements:** ${overview.announce ? 'on' : 'off'}` +
            (pending.length ? `\n\n**Waiting for Discord** (retry with /roles sync):\n${pending.join('\n')}${more}` : ''),
          DISCORD.embedDescription,
        ),
      },
    ],
  };
}
