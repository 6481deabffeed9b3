import type { Db } from './database.js';

/** One sent daily post with what one member answered to it (nulls when they did not answer). */
export interface DailyHistoryRow {
  postId: number;
  channelId: string;
  messageId: string;
  slot: string;
  sentAt: number;
  questionKey: number | null;
  topicTitle: string | null;
  choice: number | null;
  correct: boolean | null;
}

/**
 * A member's record on the server's recent daily posts: the posts table joined with their daily answers, which are
 * keyed `post:<id>` (postRef in answer-store.ts) and by the post's question.
 */
export function createHistoryStore(db: Db) {
  const recent = db.prepare(`SELECT p.id AS postId, p.channel_id AS channelId, p.message_id AS messageId, p.slot,
      coalesce(p.sent_at, p.due_at) AS sentAt, p.question_key AS questionKey, t.title AS topicTitle, a.choice, a.correct
    FROM posts p
    LEFT JOIN topics t ON t.pack_id = p.pack_id AND t.id = p.topic_id
    LEFT JOIN answers a ON a.guild_id = p.guild_id AND a.user_id = @userId AND a.source = 'daily'
      AND a.source_ref = 'post:' || p.id AND a.question_key = p.question_key
    WHERE p.guild_id = @guildId AND p.kind = 'daily' AND p.status = 'sent' AND p.message_id IS NOT NULL
    ORDER BY p.due_at DESC, p.id DESC LIMIT @limit`);
  return {
    /** The newest `limit` sent daily posts of the server, newest first, each with this member's answer if any. */
    recentDaily(guildId: string, userId: string, limit: number): DailyHistoryRow[] {
      return (recent.all({ guildId, userId, limit }) as (Omit<DailyHistoryRow, 'correct'> & { correct: number | null })[]).map((r) => ({
        ...r,
        correct: r.correct === null ? null : r.correct === 1,
      }));
    },
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
