import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

describe('migration 6: answer lookups', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  it('answers "has this member got this question right before" from an index on the member, not the question', () => {
    db = migratedDb(tempDir(), 6);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM answers
      WHERE guild_id = 'g' AND user_id = 'u' AND question_key = 3 AND correct = 1`).all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('answers_by_member_question');
  });
});
