import type { Db } from './database.js';

export type ChampionPeriodKind = 'week' | 'month';

export interface ChampionSetting {
  guildId: string;
  roleId: string;
  period: ChampionPeriodKind;
  /** When the setting was made: a period that had ended by then is never settled. */
  since: number;
}

/** One settled period: who won, who loses the role, and which steps Discord has accepted (null: still owed). */
export interface ChampionSettlement {
  id: number;
  guildId: string;
  period: ChampionPeriodKind;
  periodKey: string;
  /** For people: "the week of 23 November 2026", "November 2026". */
  periodLabel: string;
  roleId: string;
  winnerId: string | null;
  winnerXp: number | null;
  previousId: string | null;
  previousRoleId: string | null;
  channelId: string | null;
  nonce: string;
  claimedAt: number;
  givenAt: number | null;
  takenAt: number | null;
  announcedAt: number | null;
  done: boolean;
  attempts: number;
  /** Why Discord last refused a step that is still owed. */
  lastError: string | null;
  /** Why a step was given up (the member left, the role or channel is gone). */
  gaveUp: string | null;
}

export type SettlementClaim = Pick<ChampionSettlement, 'guildId' | 'period' | 'periodKey' | 'periodLabel' | 'roleId' | 'winnerId' | 'winnerXp' |
  'previousId' | 'previousRoleId' | 'channelId' | 'nonce'> & { now: number };

export type SettlementStep = 'given' | 'taken' | 'announced';

export interface PeriodWinner {
  userId: string;
  xp: number;
}

const COLUMNS = `id, guild_id AS guildId, period, period_key AS periodKey, period_label AS periodLabel, role_id AS roleId, winner_id AS winnerId,
  winner_xp AS winnerXp, previous_id AS previousId, previous_role_id AS previousRoleId, channel_id AS channelId, nonce,
  claimed_at AS claimedAt, given_at AS givenAt, taken_at AS takenAt, announced_at AS announcedAt, done, attempts,
  last_error AS lastError, gave_up AS gaveUp`;

type RawSettlement = Omit<ChampionSettlement, 'done'> & { done: number };
const toSettlement = (row: RawSettlement | undefined): ChampionSettlement | undefined => row && { ...row, done: row.done === 1 };

/** Champion settings and the ledger of settled periods: claim before any Discord call, then stamp each step. */
export function createChampionStore(db: Db) {
  const s = {
    setting: db.prepare('SELECT guild_id AS guildId, role_id AS roleId, period, since FROM champion_settings WHERE guild_id = ?'),
    settings: db.prepare('SELECT guild_id AS guildId, role_id AS roleId, period, since FROM champion_settings ORDER BY guild_id'),
    save: db.prepare(`INSERT INTO champion_settings (guild_id, role_id, period, since, updated_at) VALUES (@guildId, @roleId, @period, @since, @since)
      ON CONFLICT (guild_id) DO UPDATE SET role_id = excluded.role_id, period = excluded.period, since = excluded.since, updated_at = excluded.updated_at`),
    clear: db.prepare('DELETE FROM champion_settings WHERE guild_id = ?'),
    // Ties go to whoever reached their score first: the earliest last XP-earning answer in the period.
    winner: db.prepare(`SELECT user_id AS userId, sum(xp) AS xp FROM answers
      WHERE guild_id = ? AND answered_at >= ? AND answered_at < ?
      GROUP BY user_id HAVING sum(xp) > 0
      ORDER BY sum(xp) DESC, max(CASE WHEN xp > 0 THEN answered_at END) ASC, user_id ASC LIMIT 1`),
    claim: db.prepare(`INSERT INTO champion_periods (guild_id, period, period_key, period_label, role_id, winner_id, winner_xp, previous_id,
        previous_role_id, channel_id, nonce, claimed_at, given_at, taken_at, announced_at, done)
      VALUES (@guildId, @period, @periodKey, @periodLabel, @roleId, @winnerId, @winnerXp, @previousId, @previousRoleId, @channelId, @nonce, @now,
        @givenAt, @takenAt, @announcedAt, @done)
      ON CONFLICT (guild_id, period, period_key) DO NOTHING`),
    byPeriod: db.prepare(`SELECT ${COLUMNS} FROM champion_periods WHERE guild_id = ? AND period = ? AND period_key = ?`),
    byId: db.prepare(`SELECT ${COLUMNS} FROM champion_periods WHERE id = ?`),
    latest: db.prepare(`SELECT ${COLUMNS} FROM champion_periods WHERE guild_id = ? ORDER BY id DESC LIMIT 1`),
    owed: db.prepare('SELECT id FROM champion_periods WHERE done = 0 AND retry_at <= ? ORDER BY id'),
    owedIn: db.prepare(`SELECT ${COLUMNS} FROM champion_periods WHERE guild_id = ? AND done = 0 ORDER BY id`),
    given: db.prepare('UPDATE champion_periods SET given_at = ?, last_error = NULL WHERE id = ? AND given_at IS NULL'),
    taken: db.prepare('UPDATE champion_periods SET taken_at = ?, last_error = NULL WHERE id = ? AND taken_at IS NULL'),
    announced: db.prepare('UPDATE champion_periods SET announced_at = ?, last_error = NULL WHERE id = ? AND announced_at IS NULL'),
    finish: db.prepare(`UPDATE champion_periods SET done = 1
      WHERE id = ? AND given_at IS NOT NULL AND taken_at IS NOT NULL AND announced_at IS NOT NULL`),
    refused: db.prepare('UPDATE champion_periods SET attempts = attempts + 1, last_error = ?, retry_at = ? WHERE id = ?'),
    gaveUp: db.prepare("UPDATE champion_periods SET gave_up = trim(coalesce(gave_up || '; ', '') || ?) WHERE id = ?"),
    supersedeGive: db.prepare(`UPDATE champion_periods SET given_at = coalesce(given_at, @now), announced_at = coalesce(announced_at, @now)
      WHERE guild_id = @guildId AND done = 0`),
    supersedeTake: db.prepare(`UPDATE champion_periods SET taken_at = @now
      WHERE guild_id = @guildId AND done = 0 AND taken_at IS NULL AND previous_id = @winnerId AND previous_role_id = @roleId`),
    finishAll: db.prepare(`UPDATE champion_periods SET done = 1 WHERE guild_id = ? AND done = 0
      AND given_at IS NOT NULL AND taken_at IS NOT NULL AND announced_at IS NOT NULL`),
  };
  const steps = { given: s.given, taken: s.taken, announced: s.announced };
  return {
    /** Runs `work` as one transaction. */
    atomically: <T>(work: () => T): T => db.transaction(work)(),
    setting: (guildId: string) => s.setting.get(guildId) as ChampionSetting | undefined,
    settings: () => s.settings.all() as ChampionSetting[],
    save: (setting: ChampionSetting) => void s.save.run(setting),
    /** Returns whether there was a setting to remove. */
    clear: (guildId: string) => s.clear.run(guildId).changes === 1,
    /** The member with the most XP from answers in [start, end), or undefined when nobody earned any. */
    winner: (guildId: string, start: number, end: number) => s.winner.get(guildId, start, end) as PeriodWinner | undefined,
    /** Inserts the claim; steps with nothing to do are stamped done at once. Returns whether this call made it. */
    claim(input: SettlementClaim): { settlement: ChampionSettlement; claimed: boolean } {
      const givenAt = input.winnerId ? null : input.now;
      const takenAt = input.previousId ? null : input.now;
      const announcedAt = input.winnerId && input.channelId ? null : input.now;
      const done = givenAt !== null && takenAt !== null && announcedAt !== null ? 1 : 0;
      const { changes } = s.claim.run({ ...input, givenAt, takenAt, announcedAt, done });
      return { settlement: toSettlement(s.byPeriod.get(input.guildId, input.period, input.periodKey) as RawSettlement)!, claimed: changes === 1 };
    },
    byPeriod: (guildId: string, period: ChampionPeriodKind, periodKey: string) =>
      toSettlement(s.byPeriod.get(guildId, period, periodKey) as RawSettlement | undefined),
    byId: (id: number) => toSettlement(s.byId.get(id) as RawSettlement | undefined),
    /** The server's most recently claimed period: its winner is the current holder. */
    latest: (guildId: string) => toSettlement(s.latest.get(guildId) as RawSettlement | undefined),
    /** Settlements with steps still owed and due a try. */
    owedIds: (now: number) => s.owed.pluck().all(now) as number[],
    owedIn: (guildId: string) => (s.owedIn.all(guildId) as RawSettlement[]).map((row) => toSettlement(row)!),
    /** Stamps a step as accepted by Discord; the settlement is done once all three are. */
    markStep: db.transaction((id: number, step: SettlementStep, now: number) => {
      steps[step].run(now, id);
      s.finish.run(id);
    }),
    /** Discord refused a step for now: keep it owed, with the reason, until `retryAt`. */
    markRefused: (id: number, error: string, retryAt: number) => void s.refused.run(error, retryAt, id),
    /**
     * A newer period is being claimed: an older one's unfinished gift and announcement are no longer wanted, and a
     * removal owed to the new winner of the same role would undo the new handover. Its other removals still stand.
     */
    supersede(guildId: string, winnerId: string | null, roleId: string, now: number): void {
      s.supersedeGive.run({ guildId, now });
      if (winnerId) s.supersedeTake.run({ guildId, winnerId, roleId, now });
      s.finishAll.run(guildId);
    },
    /** Keeps, for /roles check, why a step that can never be done was given up. */
    gaveUp: (id: number, error: string) => void s.gaveUp.run(error, id),
  };
}

export type ChampionStore = ReturnType<typeof createChampionStore>;
