import type { Db } from './database.js';

export interface SetupState {
  guildId: string;
  /** The study channel the last run used. */
  channelId: string | null;
  /** Set when Cohort created the channel itself. */
  createdChannelId: string | null;
  startChannelId: string | null;
  startMessageId: string | null;
  /** What the Start here message last said, to edit it only when that changes. */
  startDigest: string | null;
  /** The nonce of the Start here message being posted: a retry after a crash gets Discord's first message back. */
  startNonce: string | null;
  startPinned: boolean;
  /** The ping role, when Cohort created it. */
  pingRoleId: string | null;
}

export interface SetupRole {
  packId: string;
  stageId: string;
  roleId: string;
}

type Field = Exclude<keyof SetupState, 'guildId'>;
const COLUMN: Record<Field, string> = {
  channelId: 'channel_id',
  createdChannelId: 'created_channel_id',
  startChannelId: 'start_channel_id',
  startMessageId: 'start_message_id',
  startDigest: 'start_digest',
  startNonce: 'start_nonce',
  startPinned: 'start_pinned',
  pingRoleId: 'ping_role_id',
};

/** What /setup made in each server. Every write is a single statement, made right after Discord confirmed the change. */
export function createSetupStore(db: Db) {
  const s = {
    state: db.prepare(`SELECT guild_id AS guildId, channel_id AS channelId, created_channel_id AS createdChannelId,
      start_channel_id AS startChannelId, start_message_id AS startMessageId, start_digest AS startDigest, start_nonce AS startNonce, start_pinned AS startPinned,
      ping_role_id AS pingRoleId FROM setup_state WHERE guild_id = ?`),
    ensure: db.prepare('INSERT INTO setup_state (guild_id, updated_at) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    roles: db.prepare('SELECT pack_id AS packId, stage_id AS stageId, role_id AS roleId FROM setup_roles WHERE guild_id = ? ORDER BY created_at, stage_id'),
    addRole: db.prepare(`INSERT INTO setup_roles (guild_id, pack_id, stage_id, role_id, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (guild_id, pack_id, stage_id) DO UPDATE SET role_id = excluded.role_id, created_at = excluded.created_at`),
    dropRole: db.prepare('DELETE FROM setup_roles WHERE guild_id = ? AND role_id = ?'),
    forget: db.prepare('DELETE FROM setup_state WHERE guild_id = ?'),
  };
  const updates = new Map(
    (Object.keys(COLUMN) as Field[]).map((field) => [field, db.prepare(`UPDATE setup_state SET ${COLUMN[field]} = ?, updated_at = ? WHERE guild_id = ?`)]),
  );

  return {
    state(guildId: string): SetupState {
      const row = s.state.get(guildId) as (Omit<SetupState, 'startPinned'> & { startPinned: number }) | undefined;
      if (!row) return { guildId, channelId: null, createdChannelId: null, startChannelId: null, startMessageId: null, startDigest: null, startNonce: null, startPinned: false, pingRoleId: null };
      return { ...row, startPinned: row.startPinned === 1 };
    },
    set<F extends Field>(guildId: string, field: F, value: SetupState[F], now: number): void {
      s.ensure.run(guildId, now);
      updates.get(field)!.run(typeof value === 'boolean' ? Number(value) : value, now, guildId);
    },
    roles: (guildId: string) => s.roles.all(guildId) as SetupRole[],
    addRole: (guildId: string, role: SetupRole, now: number) => void s.addRole.run(guildId, role.packId, role.stageId, role.roleId, now),
    dropRole: (guildId: string, roleId: string) => void s.dropRole.run(guildId, roleId),
    /** After /setup remove: nothing of Cohort's is left to know about. */
    forget: (guildId: string) => void s.forget.run(guildId),
  };
}

export type SetupStore = ReturnType<typeof createSetupStore>;
