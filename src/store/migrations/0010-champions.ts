import type { Migration } from '../migrate.js';

/**
 * Champions: a server's champion role and period, and one row per settled period, claimed (inserted) before any
 * Discord call. Each step of a handover (give the winner the role, take it from the previous holder, announce) is
 * stamped when Discord accepted it, so a restart finishes what is owed and never repeats what was done.
 */
export const championTables: Migration = {
  version: 10,
  name: 'champions',
  up(db) {
    db.exec(`
      CREATE TABLE champion_settings (
        guild_id TEXT PRIMARY KEY,
        role_id TEXT NOT NULL,
        period TEXT NOT NULL CHECK (period IN ('week', 'month')),
        since INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE champion_periods (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        period TEXT NOT NULL CHECK (period IN ('week', 'month')),
        period_key TEXT NOT NULL,
        period_label TEXT NOT NULL,
        role_id TEXT NOT NULL,
        winner_id TEXT,
        winner_xp INTEGER,
        previous_id TEXT,
        previous_role_id TEXT,
        channel_id TEXT,
        nonce TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        given_at INTEGER,
        taken_at INTEGER,
        announced_at INTEGER,
        done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        retry_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        gave_up TEXT,
        UNIQUE (guild_id, period, period_key)
      ) STRICT;
      CREATE INDEX champion_periods_owed ON champion_periods(retry_at) WHERE done = 0;
    `);
  },
};
