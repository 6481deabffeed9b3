import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { migrations } from '../../../src/store/migrations/index.js';
import { columns, migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const version = migrations.find((m) => m.name === 'suggestions')!.version;

describe('migration "suggestions"', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  it('marks every existing question as the pack\'s own and adds the suggestion queue', () => {
    const dir = tempDir();
    db = migratedDb(dir, version - 1);
    db.prepare("INSERT INTO packs (id, title, description, version, content_hash, origin, loaded_at) VALUES ('p', 'P', 'd', '1', 'h', 'bundled', 0)").run();
    db.prepare("INSERT INTO stages (pack_id, id, position, title, summary) VALUES ('p', 's', 0, 'S', 's')").run();
    db.prepare("INSERT INTO topics (pack_id, id, stage_id, position, title, summary, key_points, sources) VALUES ('p', 't', 's', 0, 'T', 's', '[]', '[]')").run();
    db.prepare("INSERT INTO questions (pack_id, id, topic_id, position, prompt, options, answer, explanation, difficulty) VALUES ('p', 'q', 't', 0, 'Q?', '[\"a\",\"b\"]', 0, 'e', 1)").run();
    db.close();
    db = migratedDb(dir, version);
    expect(columns(db, 'questions')).toEqual(expect.arrayContaining(['guild_id', 'author_id']));
    expect(db.prepare("SELECT guild_id FROM questions WHERE id = 'q'").pluck().get()).toBeNull();
    expect(columns(db, 'suggestions')).toEqual(expect.arrayContaining(['status', 'reason', 'told_at', 'question_key']));
    expect(() => db.prepare("INSERT INTO suggestions (guild_id, author_id, pack_id, topic_id, prompt, options, answer, explanation, status, created_at) VALUES ('g', 'u', 'p', 't', 'x', '[]', 0, 'e', 'maybe', 0)").run()).toThrow(/CHECK/);
  });
});
