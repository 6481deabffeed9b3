import type { Migration } from '../migrate.js';

/**
 * Every answer a member gives. The unique key is what makes a double click or a retried interaction
 * harmless: the same member answering the same question from the same post (source_ref) is one row.
 */
export const answersTable: Migration = {
  version: 2,
  name: 'answers',
  up(db) {
    db.exec(`
      CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        question_key INTEGER NOT NULL REFERENCES questions(key),
        choice INTEGER NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        source TEXT NOT NULL CHECK (source IN ('daily', 'weekly', 'practice', 'review')),
        source_ref TEXT NOT NULL,
        answered_at INTEGER NOT NULL,
        UNIQUE (guild_id, user_id, source, source_ref, question_key)
      ) STRICT;
      CREATE INDEX answers_by_member ON answers(guild_id, user_id, answered_at);
      CREATE INDEX answers_by_question ON answers(question_key);
    `);
  },
};
