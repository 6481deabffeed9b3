import { RETRY_MS } from '../../community/champion-handover.js';
import type { ChampionOverview } from '../../community/champions.js';
import type { RoleAward } from '../../store/progress-store.js';
import type { Reply } from '../command.js';
import { BRAND_COLOUR, DISCORD, fit } from './limits.js';

export interface RoleOverview {
  mode: 'stack' | 'replace';
  threshold: number;
  announce: boolean;
  stages: { stageTitle: string; roleId: string | null }[];
  pending: RoleAward[];
  champion?: ChampionOverview;
}

const PERIOD_WORDS = { week: 'each week (from Monday)', month: 'each calendar month' } as const;

/** The champion setting, the latest handover, and what Discord has refused or made impossible. */
function championLines(champion: ChampionOverview | undefined): string {
  if (!champion) return '';
  const { setting, latest, refused } = champion;
  let text = setting
    ? `\n\n**Champion:** <@&${setting.roleId}> for the member with the most XP ${PERIOD_WORDS[setting.period]}, in the server's timezone`
    : '\n\n**Champion:** off (turn on with /roles champion)';
  if (latest) text += ` · **Last:** ${latest.winnerId ? `<@${latest.winnerId}>` : 'nobody earned XP'} (${latest.period} ${latest.periodKey})`;
  if (latest?.gaveUp) text += `\n⚠️ Part of the last handover could not be done: ${latest.gaveUp}`;
  if (refused.length) {
    text += `\n\n**Champion role waiting for Discord** (tried again every ${RETRY_MS / 60_000} minutes):\n${refused.slice(0, 3).map((r) => `• ${r.period} ${r.periodKey}: ${r.error}`).join('\n')}`;
  }
  return text;
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
            championLines(overview.champion) +
            (pending.length ? `\n\n**Waiting for Discord** (retry with /roles sync):\n${pending.join('\n')}${more}` : ''),
          DISCORD.embedDescription,
        ),
      },
    ],
  };
}
