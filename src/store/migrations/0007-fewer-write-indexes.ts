import type { Migration } from '../migrate.js';

/**
 * Every answer writes its row, the member's totals and a review card, and each index on those tables is one more
 * page to write and commit. Three indexes served no query that another index or the primary key does not serve as
 * well for a member's rows:
 * - answers_by_member (guild, user, answered_at): a member's totals, XP and leaderboard rows read just as well through
 *   answers_by_member_question (guild, user, ...);
 * - member_stats_by_xp (guild, xp): the all-time top ten sorts one server's rows, read by the primary key;
 * - review_cards_due (guild, user, due_at): a member's due cards are a range of the primary key (a few hundred rows
 *   at most, one per question of the pack).
 */
export const fewerWriteIndexes: Migration = {
  version: 7,
  name: 'fewer-write-indexes',
  up(db) {
    db.exec(`
      DROP INDEX answers_by_member;
      DROP INDEX member_stats_by_xp;
      DROP INDEX review_cards_due;
    `);
  },
};
