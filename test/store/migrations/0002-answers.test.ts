import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { columns, migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

describe('migration 2: answers', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  const setUp = () => {
    db = migratedDb(tempDir(), 2);
    db.exec(`
      INSERT INTO packs VALUES ('p', 'P', 'd', '1', 'h', 'bundled', NULL, 0);
      INSERT INTO stages (pack_id, id, position, title, summary) VALUES ('p', 's', 0, 'S', 'x');
      INSERT INTO topics (pack_id, id, stage_id, position, title, summary, key_points, sources)
        VALUES ('p', 't', 's', 0, 'T', 'x', '[]', '[]');
      INSERT INTO questions (key, pack_id, id, topic_id, position, prompt, options, answer, explanation, difficulty)
        VALUES (7, 'p', 'q', 't', 0, 'q', '["a","b"]', 0, 'e', 1);`);
  };
  const answer = (sourceRef: string, questionKey = 7) =>
    db.prepare(`INSERT INTO answers (guild_id, user_id, question_key, choice, correct, source, source_ref, answered_at)
                VALUES ('g', 'u', ?, 1, 0, 'daily', ?, 0)`).run(questionKey, sourceRef);

  it('creates the answers table', () => {
    setUp();
    expect(columns(db, 'answers')).toEqual([
      'id', 'guild_id', 'user_id', 'question_key', 'choice', 'correct', 'source', 'source_ref', 'answered_at',
    ]);
  });

  it('stores one answer per member, question and post: a repeat is refused', () => {
    setUp();
    answer('post-1');
    expect(() => answer('post-1')).toThrow(/UNIQUE constraint failed/);
    answer('post-2');
    expect(db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(2);
  });

  it('refuses an answer to a question that does not exist', () => {
    setUp();
    expect(() => answer('post-1', 999)).toThrow(/FOREIGN KEY constraint failed/);
  });
});
