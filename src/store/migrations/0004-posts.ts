import type { Migration } from '../migrate.js';

/**
 * Scheduled posts. A row is claimed (inserted) before anything is sent, and (guild, kind, slot) is unique, so a
 * slot is posted at most once however many ticks, restarts or retries there are. The row fixes the content at claim
 * time, so a resend after a crash posts the same thing with the same nonce.
 */
export const postsTable: Migration = {
  version: 4,
  name: 'posts',
  up(db) {
    db.exec(`
      CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly', 'results')),
        slot TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'skipped')),
        channel_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        plan_day INTEGER,
        topic_id TEXT,
        question_key INTEGER REFERENCES questions(key),
        challenge_id TEXT,
        about_post_id INTEGER REFERENCES posts(id),
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        claimed_at INTEGER NOT NULL,
        sent_at INTEGER,
        closed_at INTEGER,
        error TEXT,
        UNIQUE (guild_id, kind, slot)
      ) STRICT;
      CREATE INDEX posts_open ON posts(status, closed_at);
      CREATE INDEX posts_by_guild ON posts(guild_id, kind, due_at);
      -- Slots due before a schedule was set or resumed are not caught up.
      ALTER TABLE schedules ADD COLUMN active_since INTEGER NOT NULL DEFAULT 0;
      UPDATE schedules SET active_since = updated_at;
    `);
  },
};
