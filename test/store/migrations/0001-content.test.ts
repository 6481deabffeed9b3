import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { columns, migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

describe('migration 1: content tables', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  const seed = () => {
    db.prepare("INSERT INTO packs VALUES ('p', 'P', 'd', '1', 'h', 'bundled', NULL, 0)").run();
    db.prepare("INSERT INTO stages (pack_id, id, position, title, summary) VALUES ('p', 's', 0, 'S', 'x')").run();
    db.prepare(`INSERT INTO topics (pack_id, id, stage_id, position, title, summary, key_points, sources)
                VALUES ('p', 't', 's', 0, 'T', 'x', '[]', '[]')`).run();
  };
  const insertQuestion = (id: string, difficulty = 1, topic = 't') =>
    db.prepare(`INSERT INTO questions (pack_id, id, topic_id, position, prompt, options, answer, explanation, difficulty)
                VALUES ('p', ?, ?, 0, 'q', '["a","b"]', 0, 'e', ?)`).run(id, topic, difficulty);

  it('creates packs, stages, topics, questions, study plan and challenges', () => {
    db = migratedDb(tempDir(), 1);
    expect(columns(db, 'questions')).toEqual([
      'key', 'pack_id', 'id', 'topic_id', 'position', 'prompt', 'options', 'answer', 'explanation', 'difficulty', 'retired_at',
    ]);
    for (const table of ['packs', 'stages', 'topics', 'study_plan', 'challenges']) expect(columns(db, table).length).toBeGreaterThan(2);
  });

  it('gives each question an integer key and keeps slugs unique within a pack', () => {
    db = migratedDb(tempDir(), 1);
    seed();
    const first = insertQuestion('q1');
    expect(typeof first.lastInsertRowid).toBe('number');
    expect(() => insertQuestion('q1')).toThrow(/UNIQUE constraint failed: questions.pack_id, questions.id/);
  });

  it('rejects a difficulty outside 1-3 and a question of an unknown topic', () => {
    db = migratedDb(tempDir(), 1);
    seed();
    expect(() => insertQuestion('q2', 4)).toThrow(/CHECK constraint failed/);
    expect(() => insertQuestion('q3', 1, 'missing-topic')).toThrow(/FOREIGN KEY constraint failed/);
  });
});
