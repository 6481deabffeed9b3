import type { Migration } from '../migrate.js';

/**
 * Progress: the XP each answer earned, running totals per member (updated in the answer's transaction),
 * completed stages, the role changes owed to members (kept until Discord accepts them), and Leitner review cards.
 */
export const progressTables: Migration = {
  version: 5,
  name: 'progress',
  up(db) {
    db.exec(`
      ALTER TABLE answers ADD COLUMN xp INTEGER NOT NULL DEFAULT 0;
      UPDATE answers SET xp = CASE WHEN correct = 0 THEN 0 WHEN source = 'weekly' THEN 30 WHEN source = 'daily' THEN 20 ELSE 10 END;

      CREATE TABLE member_stats (
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        xp INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        streak INTEGER NOT NULL DEFAULT 0,
        best_streak INTEGER NOT NULL DEFAULT 0,
        last_daily_day TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, user_id)
      ) STRICT;
      INSERT INTO member_stats (guild_id, user_id, xp, answered, correct, updated_at)
        SELECT guild_id, user_id, sum(xp), count(*), sum(correct), max(answered_at) FROM answers GROUP BY guild_id, user_id;
      CREATE INDEX member_stats_by_xp ON member_stats(guild_id, xp DESC);

      CREATE TABLE stage_completions (
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        stage_id TEXT NOT NULL,
        completed_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, user_id, pack_id, stage_id)
      ) STRICT;

      CREATE TABLE role_awards (
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, user_id, role_id)
      ) STRICT;
      CREATE INDEX role_awards_pending ON role_awards(guild_id, status);

      CREATE TABLE review_cards (
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        question_key INTEGER NOT NULL REFERENCES questions(key),
        box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
        due_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, user_id, question_key)
      ) STRICT;
      CREATE INDEX review_cards_due ON review_cards(guild_id, user_id, due_at);

      ALTER TABLE guild_settings ADD COLUMN announce_completions INTEGER NOT NULL DEFAULT 0 CHECK (announce_completions IN (0, 1));
    `);
  },
};
