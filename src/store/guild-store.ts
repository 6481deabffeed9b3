import type { Db } from './database.js';

export type RoleMode = 'stack' | 'replace';
export type ScheduleKind = 'daily' | 'weekly';

export interface GuildSettings {
  guildId: string;
  packId: string;
  roleMode: RoleMode;
  completionThreshold: number;
  announceCompletions: boolean;
  /** The role daily and weekly posts mention, or null for no pings. */
  pingRoleId: string | null;
  /** Whether each daily post opens a thread. */
  dailyThreads: boolean;
}

export interface ScheduleRow {
  guildId: string;
  kind: ScheduleKind;
  channelId: string;
  localTime: string;
  weekday: number | null;
  timezone: string;
  paused: boolean;
  lastError: string | null;
}

export interface StageRoleRow {
  stageId: string;
  roleId: string;
}

/** Per-server settings, schedules and stage roles. */
export function createGuildStore(db: Db) {
  const s = {
    settings: db.prepare(`SELECT guild_id AS guildId, pack_id AS packId, role_mode AS roleMode,
      completion_threshold AS completionThreshold, announce_completions AS announceCompletions, ping_role_id AS pingRoleId,
      daily_threads AS dailyThreads FROM guild_settings WHERE guild_id = ?`),
    setPingRole: db.prepare('UPDATE guild_settings SET ping_role_id = ?, updated_at = ? WHERE guild_id = ?'),
    setDailyThreads: db.prepare('UPDATE guild_settings SET daily_threads = ?, updated_at = ? WHERE guild_id = ?'),
    setAnnounce: db.prepare('UPDATE guild_settings SET announce_completions = ?, updated_at = ? WHERE guild_id = ?'),
    ensure: db.prepare(`INSERT INTO guild_settings (guild_id, pack_id, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
    setPack: db.prepare('UPDATE guild_settings SET pack_id = ?, updated_at = ? WHERE guild_id = ?'),
    setRoleMode: db.prepare('UPDATE guild_settings SET role_mode = ?, updated_at = ? WHERE guild_id = ?'),
    setThreshold: db.prepare('UPDATE guild_settings SET completion_threshold = ?, updated_at = ? WHERE guild_id = ?'),
    schedules: db.prepare(`SELECT guild_id AS guildId, kind, channel_id AS channelId, local_time AS localTime, weekday,
      timezone, paused, last_error AS lastError FROM schedules WHERE guild_id = ? ORDER BY kind`),
    upsertSchedule: db.prepare(`
      INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, paused, last_error, updated_at, active_since)
      VALUES (@guildId, @kind, @channelId, @localTime, @weekday, @timezone, 0, NULL, @now, @now)
      ON CONFLICT (guild_id, kind) DO UPDATE SET channel_id = excluded.channel_id, local_time = excluded.local_time,
        weekday = excluded.weekday, timezone = excluded.timezone, last_error = NULL, updated_at = excluded.updated_at,
        active_since = excluded.active_since`),
    setPaused: db.prepare(`UPDATE schedules SET paused = @paused, updated_at = @now,
      active_since = CASE WHEN @paused = 0 AND paused = 1 THEN @now ELSE active_since END WHERE guild_id = @guildId`),
    activeSchedules: db.prepare(`SELECT guild_id AS guildId, kind, channel_id AS channelId, local_time AS localTime, weekday,
      timezone, paused, last_error AS lastError, active_since AS activeSince FROM schedules WHERE paused = 0 ORDER BY guild_id, kind`),
    activeSchedulesAfter: db.prepare(`SELECT guild_id AS guildId, kind, channel_id AS channelId, local_time AS localTime, weekday,
      timezone, paused, last_error AS lastError, active_since AS activeSince FROM schedules
      WHERE paused = 0 AND (guild_id, kind) > (?, ?) ORDER BY guild_id, kind LIMIT ?`),
    setScheduleError: db.prepare('UPDATE schedules SET last_error = ? WHERE guild_id = ? AND kind = ?'),
    stageRoles: db.prepare(`SELECT r.stage_id AS stageId, r.role_id AS roleId FROM stage_roles r
      JOIN stages s ON s.pack_id = r.pack_id AND s.id = r.stage_id WHERE r.guild_id = ? AND r.pack_id = ? ORDER BY s.position`),
    clearSchedules: db.prepare('DELETE FROM schedules WHERE guild_id = ?'),
    clearStageRole: db.prepare('DELETE FROM stage_roles WHERE guild_id = ? AND role_id = ?'),
    setStageRole: db.prepare(`INSERT INTO stage_roles (guild_id, pack_id, stage_id, role_id, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (guild_id, pack_id, stage_id) DO UPDATE SET role_id = excluded.role_id, updated_at = excluded.updated_at`),
  };
  type RawSchedule = Omit<ScheduleRow, 'paused'> & { paused: number };

  // Every click reads the server's settings and schedules, and they change only through this store: it keeps
  // what it read and forgets a server's rows on each write to them. The bot process is the database's only writer
  // of these tables.
  const settingsCache = new Map<string, Readonly<GuildSettings>>();
  const schedulesCache = new Map<string, readonly Readonly<ScheduleRow>[]>();
  const forgetSettings = (guildId: string) => settingsCache.delete(guildId);
  const forgetSchedules = (guildId: string) => schedulesCache.delete(guildId);

  return {
    /** The server's settings, created with defaults on first use. */
    settings(guildId: string, defaultPackId: string, now: number): GuildSettings {
      const cached = settingsCache.get(guildId);
      if (cached) return { ...cached };
      type Raw = Omit<GuildSettings, 'announceCompletions' | 'dailyThreads'> & { announceCompletions: number; dailyThreads: number };
      let row = s.settings.get(guildId) as Raw | undefined;
      if (!row) {
        s.ensure.run(guildId, defaultPackId, now);
        row = s.settings.get(guildId) as Raw;
      }
      const settings = { ...row, announceCompletions: row.announceCompletions === 1, dailyThreads: row.dailyThreads === 1 };
      settingsCache.set(guildId, Object.freeze({ ...settings }));
      return settings;
    },
    setPack: (guildId: string, packId: string, now: number) => void (s.setPack.run(packId, now, guildId), forgetSettings(guildId)),
    setRoleMode: (guildId: string, mode: RoleMode, now: number) => void (s.setRoleMode.run(mode, now, guildId), forgetSettings(guildId)),
    setAnnounce: (guildId: string, on: boolean, now: number) => void (s.setAnnounce.run(on ? 1 : 0, now, guildId), forgetSettings(guildId)),
    setThreshold: (guildId: string, threshold: number, now: number) => void (s.setThreshold.run(threshold, now, guildId), forgetSettings(guildId)),
    setPingRole: (guildId: string, roleId: string | null, now: number) => void (s.setPingRole.run(roleId, now, guildId), forgetSettings(guildId)),
    setDailyThreads: (guildId: string, on: boolean, now: number) => void (s.setDailyThreads.run(on ? 1 : 0, now, guildId), forgetSettings(guildId)),
    schedules(guildId: string): ScheduleRow[] {
      let rows = schedulesCache.get(guildId);
      if (!rows) {
        rows = (s.schedules.all(guildId) as RawSchedule[]).map((row) => Object.freeze({ ...row, paused: row.paused === 1 }));
        schedulesCache.set(guildId, rows);
      }
      return rows.map((row) => ({ ...row }));
    },
    upsertSchedule: (row: Omit<ScheduleRow, 'paused' | 'lastError'>, now: number) => void (s.upsertSchedule.run({ ...row, now }), forgetSchedules(row.guildId)),
    /** Returns how many schedules the change touched (0 when the server has none). */
    setPaused(guildId: string, paused: boolean, now: number): number {
      forgetSchedules(guildId);
      return s.setPaused.run({ paused: paused ? 1 : 0, now, guildId }).changes;
    },
    /** Schedules that should post, with the moment since which they have been in force. */
    activeSchedules: () =>
      (s.activeSchedules.all() as (RawSchedule & { activeSince: number })[]).map((row) => ({ ...row, paused: row.paused === 1 })),
    /** The next `limit` active schedules after `after` (by server, then kind): reading 10,000 at once holds the loop 20 ms. */
    activeSchedulesAfter: (after: Pick<ScheduleRow, 'guildId' | 'kind'> | null, limit: number) =>
      (s.activeSchedulesAfter.all(after?.guildId ?? '', after?.kind ?? '', limit) as (RawSchedule & { activeSince: number })[])
        .map((row) => ({ ...row, paused: row.paused === 1 })),
    setScheduleError(guildId: string, kind: ScheduleKind, error: string | null): void {
      const current = schedulesCache.get(guildId)?.find((row) => row.kind === kind);
      if (current && current.lastError === error) return; // the tick clears the error after every post: usually a no-op
      s.setScheduleError.run(error, guildId, kind);
      forgetSchedules(guildId);
    },
    /** Both schedules of a server go: nothing more is posted there until a moderator sets one again. */
    clearSchedules: (guildId: string) => void (s.clearSchedules.run(guildId), forgetSchedules(guildId)),
    stageRoles: (guildId: string, packId: string) => s.stageRoles.all(guildId, packId) as StageRoleRow[],
    setStageRole: (guildId: string, packId: string, stageId: string, roleId: string, now: number) =>
      void s.setStageRole.run(guildId, packId, stageId, roleId, now),
    /** Unmaps a role from whatever stage it marked (the role is being deleted). */
    clearStageRole: (guildId: string, roleId: string) => void s.clearStageRole.run(guildId, roleId),
  };
}

export type GuildStore = ReturnType<typeof createGuildStore>;
