import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { migrate } from '../../../src/store/migrate.js';
import { migrations } from '../../../src/store/migrations/index.js';
import { columns, migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

describe('migration 5: progress', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  it('backfills XP on earlier answers and members\' totals from them', () => {
    db = migratedDb(tempDir(), 4);
    db.exec(`
      INSERT INTO packs VALUES ('p', 'P', 'd', '1', 'h', 'bundled', NULL, 0);
      INSERT INTO stages (pack_id, id, position, title, summary) VALUES ('p', 's', 0, 'S', 'x');
      INSERT INTO topics (pack_id, id, stage_id, position, title, summary, key_points, sources) VALUES ('p', 't', 's', 0, 'T', 'x', '[]', '[]');
      INSERT INTO questions (key, pack_id, id, topic_id, position, prompt, options, answer, explanation, difficulty)
        VALUES (1, 'p', 'q', 't', 0, 'q', '["a","b"]', 0, 'e', 1);
      INSERT INTO answers (guild_id, user_id, question_key, choice, correct, source, source_ref, answered_at) VALUES
        ('g', 'u', 1, 0, 1, 'practice', 'a', 1), ('g', 'u', 1, 0, 1, 'weekly', 'b', 2), ('g', 'u', 1, 1, 0, 'daily', 'c', 3);`);
    migrate(db, migrations.slice(0, 5));
    expect(db.prepare('SELECT xp FROM answers ORDER BY id').pluck().all()).toEqual([10, 30, 0]);
    expect(db.prepare('SELECT xp, answered, correct, streak FROM member_stats').get()).toEqual({ xp: 40, answered: 3, correct: 2, streak: 0 });
  });

  it('creates completions, role awards, review cards and the announce setting', () => {
    db = migratedDb(tempDir(), 5);
    expect(columns(db, 'role_awards')).toEqual(['guild_id', 'user_id', 'role_id', 'action', 'status', 'attempts', 'last_error', 'updated_at']);
    expect(columns(db, 'review_cards')).toEqual(['guild_id', 'user_id', 'question_key', 'box', 'due_at']);
    expect(columns(db, 'stage_completions')).toContain('completed_at');
    expect(columns(db, 'guild_settings')).toContain('announce_completions');
    expect(() => db.prepare("INSERT INTO role_awards VALUES ('g', 'u', 'r', 'grant', 'pending', 0, NULL, 0)").run()).toThrow(/CHECK constraint failed/);
  });
});
