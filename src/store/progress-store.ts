import { memo } from './content-store.js';
import type { Db } from './database.js';

export interface MemberStats {
  xp: number;
  answered: number;
  correct: number;
  streak: number;
  bestStreak: number;
  lastDailyDay: string | null;
}

export interface RoleAward {
  guildId: string;
  userId: string;
  roleId: string;
  action: 'add' | 'remove';
  status: 'pending' | 'done';
  attempts: number;
  lastError: string | null;
}

export interface ReviewCard {
  questionKey: number;
  box: number;
  dueAt: number;
}

// CROSS JOIN fixes the order: the stage's topics first, then their questions by index. Left to itself SQLite
// (which has no statistics) starts from questions and reads the whole pack.
const LIVE_STAGE_QUESTIONS = `FROM topics t CROSS JOIN questions q ON q.pack_id = t.pack_id AND q.topic_id = t.id
  WHERE t.pack_id = @packId AND t.stage_id = @stageId AND q.retired_at IS NULL AND q.guild_id IS NULL AND t.retired_at IS NULL`;

/** Members' running totals, completions, owed role changes and review cards. */
export function createProgressStore(db: Db) {
  const s = {
    addToStats: db.prepare(`INSERT INTO member_stats (guild_id, user_id, xp, answered, correct, updated_at)
      VALUES (@guildId, @userId, @xp, 1, @correct, @now)
      ON CONFLICT (guild_id, user_id) DO UPDATE SET xp = xp + excluded.xp, answered = answered + 1,
        correct = correct + excluded.correct, updated_at = excluded.updated_at
      RETURNING streak, last_daily_day AS lastDailyDay`),
    addXp: db.prepare(`INSERT INTO member_stats (guild_id, user_id, xp, answered, correct, updated_at) VALUES (?, ?, ?, 0, 0, ?)
      ON CONFLICT (guild_id, user_id) DO UPDATE SET xp = xp + excluded.xp, updated_at = excluded.updated_at`),
    stats: db.prepare(`SELECT xp, answered, correct, streak, best_streak AS bestStreak, last_daily_day AS lastDailyDay
      FROM member_stats WHERE guild_id = ? AND user_id = ?`),
    setStreak: db.prepare(`UPDATE member_stats SET streak = @streak, best_streak = max(best_streak, @streak), last_daily_day = @day
      WHERE guild_id = @guildId AND user_id = @userId`),
    stageKeys: db.prepare(`SELECT q.key ${LIVE_STAGE_QUESTIONS} ORDER BY q.key`),
    // One index probe per question of the stage, however long the member's history.
    stageMastered: db.prepare(`SELECT count(*) FROM json_each(@keys) k WHERE EXISTS (SELECT 1 FROM answers
      WHERE guild_id = @guildId AND user_id = @userId AND question_key = k.value AND correct = 1)`),
    complete: db.prepare(`INSERT INTO stage_completions (guild_id, user_id, pack_id, stage_id, completed_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`),
    completions: db.prepare('SELECT stage_id FROM stage_completions WHERE guild_id = ? AND user_id = ? AND pack_id = ?'),
    isComplete: db.prepare('SELECT 1 FROM stage_completions WHERE guild_id = ? AND user_id = ? AND pack_id = ? AND stage_id = ?'),
    timesRight: db.prepare('SELECT count(*) FROM answers WHERE guild_id = ? AND user_id = ? AND question_key = ? AND correct = 1'),
    membersWithAnswers: db.prepare('SELECT DISTINCT user_id FROM answers WHERE guild_id = ?'),
    award: db.prepare('SELECT action, status FROM role_awards WHERE guild_id = ? AND user_id = ? AND role_id = ?'),
    queueAward: db.prepare(`INSERT INTO role_awards (guild_id, user_id, role_id, action, status, updated_at)
      VALUES (@guildId, @userId, @roleId, @action, 'pending', @now)
      ON CONFLICT (guild_id, user_id, role_id) DO UPDATE SET action = excluded.action, status = 'pending', attempts = 0,
        last_error = NULL, updated_at = excluded.updated_at`),
    pending: db.prepare(`SELECT guild_id AS guildId, user_id AS userId, role_id AS roleId, action, status, attempts, last_error AS lastError
      FROM role_awards WHERE guild_id = ? AND status = 'pending' ORDER BY updated_at, user_id`),
    awardDone: db.prepare(`UPDATE role_awards SET status = 'done', last_error = NULL, attempts = attempts + 1, updated_at = ?
      WHERE guild_id = ? AND user_id = ? AND role_id = ? AND action = ?`),
    awardFailed: db.prepare(`UPDATE role_awards SET last_error = ?, attempts = attempts + 1, updated_at = ?
      WHERE guild_id = ? AND user_id = ? AND role_id = ? AND action = ?`),
    rolesHeld: db.prepare(`SELECT role_id FROM role_awards WHERE guild_id = ? AND user_id = ? AND action = 'add' AND status = 'done'`),
    card: db.prepare('SELECT question_key AS questionKey, box, due_at AS dueAt FROM review_cards WHERE guild_id = ? AND user_id = ? AND question_key = ?'),
    saveCard: db.prepare(`INSERT INTO review_cards (guild_id, user_id, question_key, box, due_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (guild_id, user_id, question_key) DO UPDATE SET box = excluded.box, due_at = excluded.due_at`),
    dueCards: db.prepare(`SELECT c.question_key AS questionKey, c.box, c.due_at AS dueAt FROM review_cards c
      JOIN questions q ON q.key = c.question_key WHERE c.guild_id = ? AND c.user_id = ? AND c.due_at <= ? AND q.pack_id = ?
      AND q.retired_at IS NULL ORDER BY c.due_at, c.question_key`),
    nextDue: db.prepare(`SELECT min(c.due_at) FROM review_cards c JOIN questions q ON q.key = c.question_key
      WHERE c.guild_id = ? AND c.user_id = ? AND q.pack_id = ? AND q.retired_at IS NULL`),
    topAllTime: db.prepare(`SELECT user_id AS userId, xp, correct, answered FROM member_stats WHERE guild_id = ?
      ORDER BY xp DESC, correct DESC, user_id LIMIT 10`),
    rankAllTime: db.prepare(`SELECT 1 + count(*) FROM member_stats m, member_stats me WHERE m.guild_id = @guildId
      AND me.guild_id = @guildId AND me.user_id = @userId AND (m.xp > me.xp OR (m.xp = me.xp AND (m.correct > me.correct
      OR (m.correct = me.correct AND m.user_id < me.user_id))))`),
    accuracyByTopic: db.prepare(`SELECT q.topic_id AS topicId, t.stage_id AS stageId, count(*) AS answered, sum(a.correct) AS correct
      FROM answers a JOIN questions q ON q.key = a.question_key JOIN topics t ON t.pack_id = q.pack_id AND t.id = q.topic_id
      WHERE a.guild_id = ? AND a.user_id = ? AND q.pack_id = ? GROUP BY q.topic_id`),
  };
  // A stage's live questions are content: they change only when a pack is synced.
  const stageKeys = memo(db, (packId: string, stageId: string) => {
    const keys = s.stageKeys.pluck().all({ packId, stageId }) as number[];
    return { count: keys.length, json: JSON.stringify(keys) };
  });
  return {
    /** Adds one answer to the member's totals; returns their streak as it stood. */
    addToStats: (row: { guildId: string; userId: string; xp: number; correct: boolean; now: number }) =>
      s.addToStats.get({ ...row, correct: row.correct ? 1 : 0 }) as Pick<MemberStats, 'streak' | 'lastDailyDay'>,
    /** XP earned other than by an answer (an approved suggestion): it counts all-time, like answers' XP. */
    addXp: (guildId: string, userId: string, xp: number, now: number) => void s.addXp.run(guildId, userId, xp, now),
    stats: (guildId: string, userId: string) => s.stats.get(guildId, userId) as MemberStats | undefined,
    setStreak: (guildId: string, userId: string, streak: number, day: string) => void s.setStreak.run({ guildId, userId, streak, day }),
    stageShare(guildId: string, userId: string, packId: string, stageId: string): { mastered: number; total: number } {
      const keys = stageKeys(packId, stageId);
      if (keys.count === 0) return { mastered: 0, total: 0 };
      return { mastered: s.stageMastered.pluck().get({ guildId, userId, keys: keys.json }) as number, total: keys.count };
    },
    /** True when this call recorded the completion (it was not complete before). */
    complete: (guildId: string, userId: string, packId: string, stageId: string, now: number) =>
      s.complete.run(guildId, userId, packId, stageId, now).changes === 1,
    isComplete: (guildId: string, userId: string, packId: string, stageId: string) => s.isComplete.get(guildId, userId, packId, stageId) !== undefined,
    /** How many right answers the member has given to this question, across posts and practice. */
    timesRight: (guildId: string, userId: string, questionKey: number) => s.timesRight.pluck().get(guildId, userId, questionKey) as number,
    completions: (guildId: string, userId: string, packId: string) => new Set(s.completions.pluck().all(guildId, userId, packId) as string[]),
    membersWithAnswers: (guildId: string) => s.membersWithAnswers.pluck().all(guildId) as string[],
    /** Queues a role change unless the same change is already done or queued; true when queued now. */
    queueAward(award: { guildId: string; userId: string; roleId: string; action: 'add' | 'remove'; now: number }): boolean {
      const current = s.award.get(award.guildId, award.userId, award.roleId) as { action: string; status: string } | undefined;
      if (current?.action === award.action) return false;
      if (!current && award.action === 'remove') return false; // never given by us: nothing to take back
      s.queueAward.run(award);
      return true;
    },
    pendingAwards: (guildId: string) => s.pending.all(guildId) as RoleAward[],
    awardDone: (a: RoleAward, now: number) => void s.awardDone.run(now, a.guildId, a.userId, a.roleId, a.action),
    awardFailed: (a: RoleAward, error: string, now: number) => void s.awardFailed.run(error, now, a.guildId, a.userId, a.roleId, a.action),
    rolesHeld: (guildId: string, userId: string) => s.rolesHeld.pluck().all(guildId, userId) as string[],
    card: (guildId: string, userId: string, questionKey: number) => s.card.get(guildId, userId, questionKey) as ReviewCard | undefined,
    saveCard: (guildId: string, userId: string, card: ReviewCard) => void s.saveCard.run(guildId, userId, card.questionKey, card.box, card.dueAt),
    dueCards: (guildId: string, userId: string, packId: string, now: number) => s.dueCards.all(guildId, userId, now, packId) as ReviewCard[],
    nextDue: (guildId: string, userId: string, packId: string) => s.nextDue.pluck().get(guildId, userId, packId) as number | null,
    topAllTime: (guildId: string) => s.topAllTime.all(guildId) as { userId: string; xp: number; correct: number; answered: number }[],
    rankAllTime: (guildId: string, userId: string) => s.rankAllTime.pluck().get({ guildId, userId }) as number,
    accuracyByTopic: (guildId: string, userId: string, packId: string) =>
      s.accuracyByTopic.all(guildId, userId, packId) as { topicId: string; stageId: string; answered: number; correct: number }[],
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;
