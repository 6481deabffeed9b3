import { localDay } from '../progress/rules.js';
import { guildTimezone } from '../progress/tracker.js';
import type { GuildStore } from '../store/guild-store.js';
import type { HistoryStore } from '../store/history-store.js';

/** How many daily posts /history looks back over. */
export const HISTORY_POSTS = 25;

export type HistoryOutcome = { kind: 'right'; choice: number } | { kind: 'wrong'; choice: number } | { kind: 'unanswered' };

export interface HistoryEntry {
  /** The local day it was posted, YYYY-MM-DD, in the server's timezone. */
  day: string;
  topicTitle: string | null;
  guildId: string;
  channelId: string;
  messageId: string;
  questionKey: number | null;
  outcome: HistoryOutcome;
}

export interface DailyHistory {
  timezone: string;
  entries: HistoryEntry[];
  /** Entries answered wrong or not at all, that have a question to practise. */
  missed: number;
}

const isMissed = (e: HistoryEntry) => e.questionKey !== null && e.outcome.kind !== 'right';

/** A member's record on the server's recent daily posts, and the questions among them still to get right. */
export function createHistoryService(history: HistoryStore, guilds: GuildStore) {
  function entries(guildId: string, userId: string): { timezone: string; entries: HistoryEntry[] } {
    const timezone = guildTimezone(guilds, guildId);
    const rows = history.recentDaily(guildId, userId, HISTORY_POSTS);
    return {
      timezone,
      entries: rows.map((r) => ({
        day: r.slot.startsWith('manual-') ? localDay(r.sentAt, timezone) : r.slot,
        topicTitle: r.topicTitle,
        guildId,
        channelId: r.channelId,
        messageId: r.messageId,
        questionKey: r.questionKey,
        outcome: r.correct === null ? { kind: 'unanswered' } : { kind: r.correct ? 'right' : 'wrong', choice: r.choice! },
      })),
    };
  }

  return {
    recent(guildId: string, userId: string): DailyHistory {
      const { timezone, entries: list } = entries(guildId, userId);
      return { timezone, entries: list, missed: list.filter(isMissed).length };
    },
    /** Recomputed from the database on every use: a button never says which questions these are. */
    missedQuestionKeys(guildId: string, userId: string): Set<number> {
      return new Set(entries(guildId, userId).entries.filter(isMissed).map((e) => e.questionKey!));
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
