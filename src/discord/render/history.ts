import { ButtonStyle, ComponentType } from 'discord.js';
import type { DailyHistory, HistoryEntry } from '../../quiz/history.js';
import type { Reply } from '../command.js';
import { customIds } from '../custom-id.js';
import { BRAND_COLOUR, DISCORD, fit } from './limits.js';
import { LETTERS } from './question.js';

const TITLE_MAX = 80;
/** A local day (YYYY-MM-DD) as members read it; formatted in UTC because the day is already the server's. */
const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
export const formatDay = (day: string) => dayFormat.format(Date.parse(`${day}T00:00:00Z`));

const messageLink = (e: HistoryEntry) => `https://discord.com/channels/${e.guildId}/${e.channelId}/${e.messageId}`;

function outcomeText(e: HistoryEntry): string {
  if (e.outcome.kind === 'right') return `✅ right (${LETTERS[e.outcome.choice]})`;
  if (e.outcome.kind === 'wrong') return `❌ wrong: you chose ${LETTERS[e.outcome.choice]}`;
  return '➖ not answered';
}

const line = (e: HistoryEntry) =>
  `**${formatDay(e.day)}** · [${fit(e.topicTitle ?? 'Daily question', TITLE_MAX).replace(/[[\]]/g, '')}](${messageLink(e)}) · ${outcomeText(e)}`;

/** Newest first, one line each; older lines that would not fit in the description are left out and counted. */
export function renderHistory(history: DailyHistory): Reply {
  if (history.entries.length === 0) {
    return { ephemeral: true, content: 'No daily questions have been posted in this server yet. A moderator can start them with /schedule daily.' };
  }
  const lines: string[] = [];
  let length = 0;
  const room = DISCORD.embedDescription - 60; // keeps space for the "older posts" note
  for (const entry of history.entries) {
    const next = line(entry);
    if (length + next.length + 1 > room) break;
    lines.push(next);
    length += next.length + 1;
  }
  const left = history.entries.length - lines.length;
  if (left > 0) lines.push(`…and ${left} older post${left === 1 ? '' : 's'} that did not fit here.`);
  const right = history.entries.filter((e) => e.outcome.kind === 'right').length;
  return {
    ephemeral: true,
    embeds: [{
      title: `Your last ${history.entries.length} daily question${history.entries.length === 1 ? '' : 's'}`,
      description: fit(lines.join('\n'), DISCORD.embedDescription),
      color: BRAND_COLOUR,
      footer: { text: `${right} right · ${history.missed} to catch up on · dates in ${history.timezone}` },
    }],
    components: history.missed === 0 ? [] : [{
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Practise the ones I missed', custom_id: customIds.historyMissed() }],
    }],
  };
}
