import type { Db } from './database.js';

export type AnswerSource = 'daily' | 'weekly' | 'practice' | 'review';

export interface AnswerInput {
  guildId: string;
  userId: string;
  questionKey: number;
  choice: number;
  correct: boolean;
  source: AnswerSource;
  sourceRef: string;
  answeredAt: number;
  /** Points this answer earns (0 when wrong). */
  xp: number;
}

export interface StoredAnswer {
  choice: number;
  correct: boolean;
  answeredAt: number;
}

export interface PostAnswer {
  userId: string;
  questionKey: number;
  choice: number;
  correct: boolean;
  answeredAt: number;
}

/** Answers to a scheduled post are keyed by the post, so each member answers each of its questions once. */
export const postRef = (postId: number) => `post:${postId}`;

export interface MemberTotals {
  answered: number;
  correct: number;
}

const XP_SQL = 'coalesce(sum(xp), 0)';

export interface LeaderboardRow {
  userId: string;
  xp: number;
  correct: number;
  answered: number;
}

/** Answers as recorded facts. Recording is idempotent: the first answer for a (member, post, question) wins. */
export function createAnswerStore(db: Db) {
  const s = {
    insert: db.prepare(`INSERT INTO answers (guild_id, user_id, question_key, choice, correct, source, source_ref, answered_at, xp)
      VALUES (@guildId, @userId, @questionKey, @choice, @correct, @source, @sourceRef, @answeredAt, @xp)
      ON CONFLICT (guild_id, user_id, source, source_ref, question_key) DO NOTHING`),
    existing: db.prepare(`SELECT choice, correct, answered_at AS answeredAt FROM answers
      WHERE guild_id = ? AND user_id = ? AND source = ? AND source_ref = ? AND question_key = ?`),
    totals: db.prepare(`SELECT count(*) AS answered, coalesce(sum(correct), 0) AS correct FROM answers
      WHERE guild_id = ? AND user_id = ?`),
    correctlyAnswered: db.prepare(`SELECT DISTINCT question_key FROM answers WHERE guild_id = ? AND user_id = ? AND correct = 1`),
    masteredByTopic: db.prepare(`SELECT q.topic_id AS topicId, count(DISTINCT a.question_key) AS mastered FROM answers a
      JOIN questions q ON q.key = a.question_key
      WHERE a.guild_id = ? AND a.user_id = ? AND a.correct = 1 AND q.pack_id = ? AND q.retired_at IS NULL AND q.guild_id IS NULL
      GROUP BY q.topic_id`),
    leaderboard: db.prepare(`SELECT user_id AS userId, ${XP_SQL} AS xp, sum(correct) AS correct, count(*) AS answered
      FROM answers WHERE guild_id = ? AND answered_at >= ? GROUP BY user_id ORDER BY xp DESC, correct DESC, min(answered_at) ASC`),
    xp: db.prepare(`SELECT ${XP_SQL} FROM answers WHERE guild_id = ? AND user_id = ?`),
    choiceCounts: db.prepare(`SELECT question_key AS questionKey, choice, count(*) AS picks FROM answers
      WHERE guild_id = ? AND question_key IN (SELECT value FROM json_each(?)) GROUP BY question_key, choice`),
    forPost: db.prepare(`SELECT user_id AS userId, question_key AS questionKey, choice, correct, answered_at AS answeredAt
      FROM answers WHERE guild_id = ? AND source = ? AND source_ref = ? ORDER BY answered_at, id`),
  };
  const toStored = (row: { choice: number; correct: number; answeredAt: number }): StoredAnswer => ({ ...row, correct: row.correct === 1 });
  return {
    /** Records the answer unless one exists; returns the answer that stands and whether it was this one. */
    record(input: AnswerInput): { stored: StoredAnswer; isNew: boolean } {
      const { changes } = s.insert.run({ ...input, correct: input.correct ? 1 : 0 });
      if (changes === 1) return { stored: { choice: input.choice, correct: input.correct, answeredAt: input.answeredAt }, isNew: true };
      const row = s.existing.get(input.guildId, input.userId, input.source, input.sourceRef, input.questionKey) as
        { choice: number; correct: number; answeredAt: number };
      return { stored: toStored(row), isNew: false };
    },
    totals: (guildId: string, userId: string) => s.totals.get(guildId, userId) as MemberTotals,
    correctlyAnswered: (guildId: string, userId: string) => new Set(s.correctlyAnswered.pluck().all(guildId, userId) as number[]),
    /** Distinct live questions of the pack each topic's member has answered correctly at least once. */
    masteredByTopic: (guildId: string, userId: string, packId: string) =>
      new Map((s.masteredByTopic.all(guildId, userId, packId) as { topicId: string; mastered: number }[]).map((r) => [r.topicId, r.mastered])),
    leaderboard: (guildId: string, since: number) => s.leaderboard.all(guildId, since) as LeaderboardRow[],
    xp: (guildId: string, userId: string) => s.xp.pluck().get(guildId, userId) as number,
    /** How often each option of these questions was picked in the server, over every kind of answer. */
    choiceCounts(guildId: string, questionKeys: readonly number[]): Map<number, Map<number, number>> {
      const counts = new Map<number, Map<number, number>>();
      for (const row of s.choiceCounts.all(guildId, JSON.stringify(questionKeys)) as { questionKey: number; choice: number; picks: number }[]) {
        let byChoice = counts.get(row.questionKey);
        if (!byChoice) counts.set(row.questionKey, (byChoice = new Map()));
        byChoice.set(row.choice, row.picks);
      }
      return counts;
    },
    /** Every answer given to one post (a daily quiz or a weekly challenge), oldest first. */
    forPost: (guildId: string, source: AnswerSource, sourceRef: string) =>
      (s.forPost.all(guildId, source, sourceRef) as (Omit<PostAnswer, 'correct'> & { correct: number })[]).map((r) => ({ ...r, correct: r.correct === 1 })),
  };
}

export type AnswerStore = ReturnType<typeof createAnswerStore>;
