import type { ScheduleView } from '../../schedule/schedule-service.js';
import { WEEKDAYS } from '../../schedule/local-time.js';
import type { Reply } from '../command.js';
import { BRAND_COLOUR, DISCORD, fit } from './limits.js';

const dayName = (weekday: number | null) => (weekday ? WEEKDAYS[weekday - 1]!.replace(/^./, (c) => c.toUpperCase()) + 's' : 'Every day');

export function renderSchedules(views: ScheduleView[], note?: string): Reply {
  const fields = views.map((view) => {
    const when = `${dayName(view.weekday)} at ${view.localTime} (${view.timezone}) in <#${view.channelId}>`;
    const next = view.paused ? '⏸️ Paused: /schedule resume to start again' : view.nextPostAt ? `Next: <t:${Math.floor(view.nextPostAt / 1000)}:F>` : '';
    const problem = view.lastError ? `\n⚠️ ${view.lastError}` : '';
    return { name: view.kind === 'daily' ? 'Daily concept and quiz' : 'Weekly challenge', value: fit(`${when}\n${next}${problem}`, DISCORD.fieldValue) };
  });
  return {
    ephemeral: true,
    embeds: [
      {
        title: 'Study schedule',
        color: BRAND_COLOUR,
        description: fit(
          (note ? `${note}\n\n` : '') + (views.length ? '' : 'Nothing is scheduled yet. Use /schedule daily and /schedule weekly.'),
          DISCORD.embedDescription,
        ) || undefined,
        fields,
      },
    ],
  };
}
