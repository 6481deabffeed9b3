import type { Migration } from '../migrate.js';

/**
 * Per-server settings: which pack the server follows, how stage roles are given, the study schedule, the
 * stage-to-role map; and a small key-value table for the bot's own bookkeeping (the registered command hash).
 */
export const guildTables: Migration = {
  version: 3,
  name: 'guilds',
  up(db) {
    db.exec(`
      CREATE TABLE guild_settings (
        guild_id TEXT PRIMARY KEY,
        pack_id TEXT NOT NULL REFERENCES packs(id),
        role_mode TEXT NOT NULL DEFAULT 'stack' CHECK (role_mode IN ('stack', 'replace')),
        completion_threshold REAL NOT NULL DEFAULT 0.8 CHECK (completion_threshold > 0 AND completion_threshold <= 1),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE schedules (
        guild_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly')),
        channel_id TEXT NOT NULL,
        local_time TEXT NOT NULL,
        weekday INTEGER CHECK (weekday BETWEEN 1 AND 7),
        timezone TEXT NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        last_error TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, kind),
        CHECK ((kind = 'weekly') = (weekday IS NOT NULL))
      ) STRICT;

      CREATE TABLE stage_roles (
        guild_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        stage_id TEXT NOT NULL,
        role_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, pack_id, stage_id),
        FOREIGN KEY (pack_id, stage_id) REFERENCES stages(pack_id, id)
      ) STRICT;

      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
