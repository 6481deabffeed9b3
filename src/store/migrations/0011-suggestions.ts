import type { Migration } from '../migrate.js';

/**
 * Members' suggested questions, and a server's own bank of them. A suggestion waits for a moderator; an approved one
 * becomes a question of that server only: a row of `questions` (so answers, review cards and statistics work as for
 * a pack's) marked with the server and its author. Pack syncs touch only the pack's own rows (guild_id IS NULL).
 */
export const suggestionTables: Migration = {
  version: 11,
  name: 'suggestions',
  up(db) {
    db.exec(`
      ALTER TABLE questions ADD COLUMN guild_id TEXT;
      ALTER TABLE questions ADD COLUMN author_id TEXT;
      CREATE INDEX questions_of_servers ON questions(pack_id, guild_id) WHERE guild_id IS NOT NULL;

      CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        prompt TEXT NOT NULL,
        options TEXT NOT NULL,
        answer INTEGER NOT NULL,
        explanation TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'approved', 'rejected')),
        reason TEXT,
        reviewer_id TEXT,
        created_at INTEGER NOT NULL,
        decided_at INTEGER,
        told_at INTEGER,
        question_key INTEGER REFERENCES questions(key),
        FOREIGN KEY (pack_id, topic_id) REFERENCES topics(pack_id, id)
      ) STRICT;
      CREATE INDEX suggestions_queue ON suggestions(guild_id, status, id);
      CREATE INDEX suggestions_by_author ON suggestions(guild_id, author_id, status);
    `);
  },
};
