import type { Migration } from '../migrate.js';

/**
 * What /setup made in a server, known by id so a second run changes only what differs and /setup remove touches
 * nothing else: the study channel (and whether Cohort created it), the pinned Start here message, the ping role and
 * one role per stage. Each is recorded as soon as Discord has made it, so a run refused half-way carries on.
 */
export const setupTables: Migration = {
  version: 9,
  name: 'setup',
  up(db) {
    db.exec(`
      CREATE TABLE setup_state (
        guild_id TEXT PRIMARY KEY,
        channel_id TEXT,
        created_channel_id TEXT,
        start_channel_id TEXT,
        start_message_id TEXT,
        start_digest TEXT,
        start_nonce TEXT,
        start_pinned INTEGER NOT NULL DEFAULT 0 CHECK (start_pinned IN (0, 1)),
        ping_role_id TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE setup_roles (
        guild_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        stage_id TEXT NOT NULL,
        role_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, pack_id, stage_id)
      ) STRICT;
    `);
  },
};
