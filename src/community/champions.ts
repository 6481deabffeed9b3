import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { periodAt, type Period } from '../progress/periods.js';
import type { RoleGranter } from '../progress/role-granter.js';
import { roleProblem, type BotFacts, type RoleFacts } from '../progress/stage-roles.js';
import { guildTimezone } from '../progress/tracker.js';
import type { ChannelPoster } from '../schedule/channel-poster.js';
import type { ChampionPeriodKind, ChampionSetting, ChampionSettlement, ChampionStore } from '../store/champion-store.js';
import type { GuildStore } from '../store/guild-store.js';
import { createChampionHandover } from './champion-handover.js';

/** How long one stretch of settling may hold the event loop before clicks and replies get their turn. */
const SLICE_MS = 10;
/** Handovers to different servers go out side by side; the REST client queues them within Discord's rate limits. */
const CONCURRENCY = 16;

export interface ChampionDeps {
  champions: ChampionStore;
  guilds: GuildStore;
  granter: RoleGranter;
  poster: ChannelPoster;
  clock: Clock;
  logger: Logger;
}

export interface ChampionOverview {
  setting: Pick<ChampionSetting, 'roleId' | 'period'> | null;
  /** The most recently settled period, if any. */
  latest: Pick<ChampionSettlement, 'period' | 'periodKey' | 'winnerId' | 'done' | 'gaveUp'> | null;
  /** Handovers Discord has refused so far, with the reason. */
  refused: { period: ChampionPeriodKind; periodKey: string; error: string }[];
}

/** Nonce for a period's announcement: the same on every try, so Discord drops a repeat it still remembers. */
export const championNonce = (guildId: string, period: ChampionPeriodKind, key: string) =>
  createHash('sha256').update(`champion:${guildId}:${period}:${key}`).digest('hex').slice(0, 25);

/**
 * Champions: when a week (from Monday 00:00) or calendar month ends in the server's timezone, its top member by XP
 * gets the champion role and the previous holder loses it. A period with no XP earned takes the role back and
 * names nobody. Each period is settled once: claimed in the database, then handed over step by step.
 */
export function createChampions({ champions, guilds, granter, poster, clock, logger }: ChampionDeps) {
  const studyChannel = (guildId: string) => {
    const schedules = guilds.schedules(guildId);
    return (schedules.find((s) => s.kind === 'daily') ?? schedules[0])?.channelId ?? null;
  };
  const handover = createChampionHandover({ champions, granter, poster, clock, logger });
  /** Per server: when its current period ends, so a tick between period ends costs a map lookup. */
  const nextEnd = new Map<string, { key: string; at: number }>();

  /** Claims the server's latest ended period if it is owed, in one small transaction. */
  function claimLatest(setting: ChampionSetting, now: number): void {
    const zone = guildTimezone(guilds, setting.guildId);
    const cacheKey = `${setting.period}:${setting.since}:${setting.roleId}:${zone}`;
    const cached = nextEnd.get(setting.guildId);
    if (cached && cached.key === cacheKey && now < cached.at) return;
    const current = periodAt(setting.period, now, zone);
    const last = periodAt(setting.period, current.start - 1, zone);
    nextEnd.set(setting.guildId, { key: cacheKey, at: current.end });
    if (last.end <= setting.since) return; // it had ended before the setting was made
    champions.atomically(() => {
      if (champions.byPeriod(setting.guildId, setting.period, last.key)) return;
      claim(setting, last, now);
    });
  }

  function claim(setting: ChampionSetting, period: Period, now: number): void {
    const winner = champions.winner(setting.guildId, period.start, period.end) ?? null;
    const holder = champions.latest(setting.guildId);
    const keeps = holder?.winnerId === winner?.userId && holder?.roleId === setting.roleId;
    champions.supersede(setting.guildId, winner?.userId ?? null, setting.roleId, now);
    champions.claim({
      guildId: setting.guildId, period: setting.period, periodKey: period.key, periodLabel: period.label, roleId: setting.roleId,
      winnerId: winner?.userId ?? null, winnerXp: winner?.xp ?? null,
      previousId: holder?.winnerId && !keeps ? holder.winnerId : null, previousRoleId: holder?.winnerId && !keeps ? holder.roleId : null,
      channelId: studyChannel(setting.guildId), nonce: championNonce(setting.guildId, setting.period, period.key), now,
    });
    logger.info({ guildId: setting.guildId, period: setting.period, periodKey: period.key, winnerId: winner?.userId ?? null }, 'champion period claimed');
  }

  async function claimAllDue(): Promise<void> {
    const now = clock.now();
    const settings = champions.settings();
    // A stopwatch for how long this stretch holds the event loop, not the time of day: hence not the clock.
    let stopAt = performance.now() + SLICE_MS;
    for (const setting of settings) {
      try {
        claimLatest(setting, now);
      } catch (error) {
        nextEnd.delete(setting.guildId);
        logger.error({ guildId: setting.guildId, err: error }, 'could not settle a champion period');
      }
      if (performance.now() >= stopAt) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        stopAt = performance.now() + SLICE_MS;
      }
    }
  }

  return {
    /** Hands the role to each server's champion of the period that just ended; run by every scheduler tick. */
    async settleDue(): Promise<void> {
      await claimAllDue();
      const owed = champions.owedIds(clock.now());
      let next = 0;
      const worker = async () => {
        while (next < owed.length) await handover.carryOut(owed[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, owed.length) }, worker));
    },

    /** Checks the bot could hand the role over, then saves it; the period in progress is the first to be settled. */
    set(guildId: string, role: RoleFacts, bot: BotFacts, period: ChampionPeriodKind): ChampionSetting {
      const problem = roleProblem(role, bot, 'champion');
      if (problem) throw new UserError(problem);
      const current = champions.setting(guildId);
      const unchanged = current?.roleId === role.id && current.period === period;
      const setting = { guildId, roleId: role.id, period, since: unchanged ? current.since : clock.now() };
      champions.save(setting);
      return setting;
    },

    /** Stops handing the role over; whoever holds it keeps it. Returns whether it was on. */
    turnOff: (guildId: string): boolean => champions.clear(guildId),

    overview(guildId: string): ChampionOverview {
      const setting = champions.setting(guildId);
      const latest = champions.latest(guildId);
      return {
        setting: setting ? { roleId: setting.roleId, period: setting.period } : null,
        latest: latest ? { period: latest.period, periodKey: latest.periodKey, winnerId: latest.winnerId, done: latest.done, gaveUp: latest.gaveUp } : null,
        refused: champions.owedIn(guildId).filter((row) => row.lastError).map((row) => ({ period: row.period, periodKey: row.periodKey, error: row.lastError! })),
      };
    },
  };
}

export type Champions = ReturnType<typeof createChampions>;
