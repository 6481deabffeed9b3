import type { Migration } from '../migrate.js';

/**
 * Curriculum content. Rows are keyed by the pack's own slugs so a reload updates them in place;
 * questions also get an integer key that answers point at and that short custom ids can carry.
 * Nothing is deleted when a pack drops an item: it is marked retired so history keeps its meaning.
 */
export const contentTables: Migration = {
  version: 1,
  name: 'content',
  up(db) {
    db.exec(`
      CREATE TABLE packs (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('bundled', 'imported')),
        owner_guild_id TEXT,
        loaded_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE stages (
        pack_id TEXT NOT NULL REFERENCES packs(id),
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        retired_at INTEGER,
        PRIMARY KEY (pack_id, id)
      ) STRICT;

      CREATE TABLE topics (
        pack_id TEXT NOT NULL,
        id TEXT NOT NULL,
        stage_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        key_points TEXT NOT NULL,
        sources TEXT NOT NULL,
        retired_at INTEGER,
        PRIMARY KEY (pack_id, id),
        FOREIGN KEY (pack_id, stage_id) REFERENCES stages(pack_id, id)
      ) STRICT;

      CREATE TABLE questions (
        key INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL,
        id TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        options TEXT NOT NULL,
        answer INTEGER NOT NULL,
        explanation TEXT NOT NULL,
        difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 3),
        retired_at INTEGER,
        UNIQUE (pack_id, id),
        FOREIGN KEY (pack_id, topic_id) REFERENCES topics(pack_id, id)
      ) STRICT;
      CREATE INDEX questions_by_topic ON questions(pack_id, topic_id);

      CREATE TABLE study_plan (
        pack_id TEXT NOT NULL REFERENCES packs(id),
        day INTEGER NOT NULL,
        topic_id TEXT NOT NULL,
        PRIMARY KEY (pack_id, day)
      ) STRICT;

      CREATE TABLE challenges (
        pack_id TEXT NOT NULL REFERENCES packs(id),
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        stage_id TEXT,
        question_ids TEXT NOT NULL,
        retired_at INTEGER,
        PRIMARY KEY (pack_id, id)
      ) STRICT;
    `);
  },
};
