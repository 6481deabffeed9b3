import type { Migration } from '../migrate.js';

/**
 * A thread on each daily post, and a role to ping when posts go out.
 * - guild_settings.daily_threads: whether daily posts open a thread (on unless a moderator turns it off);
 * - guild_settings.ping_role_id: the role mentioned in daily and weekly posts, or none;
 * - posts.thread_status: NULL when no thread is wanted, 'owed' from the moment the post is recorded as sent until
 *   the thread exists ('opened') or Discord refused for good ('failed', with thread_error). Writing 'owed' with the
 *   sent status is what lets a restart finish a thread the crash interrupted.
 * Posts sent before this migration owe no thread.
 */
export const threadsAndPings: Migration = {
  version: 8,
  name: 'threads-and-pings',
  up(db) {
    db.exec(`
      ALTER TABLE guild_settings ADD COLUMN ping_role_id TEXT;
      ALTER TABLE guild_settings ADD COLUMN daily_threads INTEGER NOT NULL DEFAULT 1 CHECK (daily_threads IN (0, 1));
      ALTER TABLE posts ADD COLUMN thread_status TEXT CHECK (thread_status IN ('owed', 'opened', 'failed'));
      ALTER TABLE posts ADD COLUMN thread_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE posts ADD COLUMN thread_error TEXT;
      CREATE INDEX posts_thread_owed ON posts(id) WHERE thread_status = 'owed';
    `);
  },
};
