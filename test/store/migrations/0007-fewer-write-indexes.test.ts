import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { createAnswerStore } from '../../../src/store/answer-store.js';
import { createProgressStore } from '../../../src/store/progress-store.js';
import { migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 7: fewer indexes to write per answer', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  it('drops the three indexes and keeps every member lookup on an index', () => {
    db = migratedDb(tempDir(), 6);
    const indexes = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").pluck().all();
    expect(indexes()).toEqual(expect.arrayContaining(['answers_by_member', 'member_stats_by_xp', 'review_cards_due']));
    db.close();
    db = migratedDb(tempDir(), 7);
    expect(indexes()).not.toEqual(expect.arrayContaining(['answers_by_member']));
    expect(indexes()).not.toContain('member_stats_by_xp');
    expect(indexes()).not.toContain('review_cards_due');

    // A member's totals and XP: a range of an index on (guild, user), not a scan of every answer.
    expect(plan(db, "SELECT count(*), sum(correct) FROM answers WHERE guild_id = 'g' AND user_id = 'u'")).toMatch(/USING (COVERING )?INDEX answers_by_member_question|USING (COVERING )?INDEX sqlite_autoindex_answers/);
    expect(plan(db, "SELECT sum(xp) FROM answers WHERE guild_id = 'g' AND user_id = 'u'")).toMatch(/USING (COVERING )?INDEX/);
    // Due review cards and the all-time board: the primary key's range for the member or the server.
    expect(plan(db, "SELECT question_key FROM review_cards WHERE guild_id = 'g' AND user_id = 'u' AND due_at <= 5")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_review_cards|USING PRIMARY KEY/);
    expect(plan(db, "SELECT user_id FROM member_stats WHERE guild_id = 'g' ORDER BY xp DESC LIMIT 10")).toMatch(/SEARCH member_stats USING/);
  });

  it('the queries behind /progress, /review and /leaderboard give the same answers', () => {
    // Today's stores query today's schema: every migration, this one included.
    db = migratedDb(tempDir());
    const answers = createAnswerStore(db);
    const progress = createProgressStore(db);
    for (const [user, xp] of [['a', 30], ['b', 10], ['c', 20]] as const) {
      progress.addToStats({ guildId: 'g', userId: user, xp, correct: true, now: 1 });
    }
    expect(progress.topAllTime('g').map((r) => r.userId)).toEqual(['a', 'c', 'b']);
    expect(progress.rankAllTime('g', 'b')).toBe(3);
    expect(answers.totals('g', 'a')).toEqual({ answered: 0, correct: 0 });
  });
});
