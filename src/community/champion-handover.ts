import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { RoleChangeError, type RoleGranter } from '../progress/role-granter.js';
import { PostError, type ChannelPoster } from '../schedule/channel-poster.js';
import type { ChampionSettlement, ChampionStore, SettlementStep } from '../store/champion-store.js';

/** A step Discord refused for now (a missing permission, an outage) is tried again this long after. */
export const RETRY_MS = 10 * 60 * 1000;
/** How long Discord remembers a message nonce ("a few minutes"). */
const NONCE_MEMORY_MS = 2 * 60 * 1000;

/** Whether a step is done, given up (it never can be), or to be tried again later. */
type Outcome = { ok: true } | { ok: false; final: boolean; message: string };

function outcomeOf(error: unknown): Outcome {
  if (error instanceof RoleChangeError) return { ok: false, final: error.final, message: error.message };
  if (error instanceof PostError) return { ok: false, final: error.reason !== 'transient', message: error.message };
  return { ok: false, final: false, message: error instanceof Error ? error.message : String(error) };
}

/** The announcement in the study channel; it says what the role means so members know how to earn it. */
export function championNotice(row: Pick<ChampionSettlement, 'winnerId' | 'winnerXp' | 'roleId' | 'periodLabel'>): string {
  return `🏆 <@${row.winnerId}> is the champion of ${row.periodLabel} with ${row.winnerXp} XP and now holds <@&${row.roleId}>. ` +
    'Earn the most XP in a period to take it over!';
}

export interface HandoverDeps {
  champions: ChampionStore;
  granter: RoleGranter;
  poster: ChannelPoster;
  clock: Clock;
  logger: Logger;
}

/**
 * Carries out a claimed settlement's owed steps in order (give the winner the role, take it from the previous holder,
 * announce), stamping each as Discord accepts it. A refusal that may pass stops the run until RETRY_MS later; one that
 * never will (the member left, the role or channel is gone) is noted for /roles check and given up.
 */
export function createChampionHandover({ champions, granter, poster, clock, logger }: HandoverDeps) {
  const reason = (row: ChampionSettlement) => `Champion of ${row.period} ${row.periodKey}`;
  const steps: { step: SettlementStep; owed(row: ChampionSettlement): boolean; run(row: ChampionSettlement): Promise<unknown> }[] = [
    { step: 'given', owed: (row) => row.givenAt === null, run: (row) => granter.add(row.guildId, row.winnerId!, row.roleId, reason(row)) },
    {
      step: 'taken', owed: (row) => row.takenAt === null,
      run: (row) => granter.remove(row.guildId, row.previousId!, row.previousRoleId!, `${reason(row)} went to someone else`),
    },
    { step: 'announced', owed: (row) => row.announcedAt === null, run: (row) => announce(row) },
  ];

  /**
   * Discord forgets a nonce after a few minutes: a settlement claimed longer ago than that may have been announced
   * just before a crash, so the channel is looked at first.
   */
  async function announce(row: ChampionSettlement): Promise<unknown> {
    const text = championNotice(row);
    if (clock.now() - row.claimedAt > NONCE_MEMORY_MS && (await poster.findNotice(row.channelId!, text))) return;
    return poster.sendNotice(row.channelId!, text, row.nonce);
  }

  async function attempt(row: ChampionSettlement, run: () => Promise<unknown>): Promise<Outcome> {
    try {
      await run();
      return { ok: true };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  return {
    /** Runs the settlement's owed steps; reads the row fresh, so a step done since it was listed is not repeated. */
    async carryOut(id: number): Promise<void> {
      for (const { step, owed, run } of steps) {
        const row = champions.byId(id);
        if (!row || row.done) return;
        if (!owed(row)) continue;
        const outcome = await attempt(row, () => run(row));
        const log = { guildId: row.guildId, period: row.period, periodKey: row.periodKey, step };
        if (outcome.ok) {
          champions.markStep(id, step, clock.now());
          logger.info(log, 'champion handover step done');
          continue;
        }
        if (outcome.final) {
          champions.gaveUp(id, outcome.message);
          champions.markStep(id, step, clock.now());
          // A champion who cannot get the role (they left, say) is not announced as holding it.
          if (step === 'given') champions.markStep(id, 'announced', clock.now());
          logger.warn({ ...log, reason: outcome.message }, 'champion handover step given up');
          continue;
        }
        champions.markRefused(id, outcome.message, clock.now() + RETRY_MS);
        logger.warn({ ...log, reason: outcome.message }, 'champion handover step refused; will retry');
        return;
      }
    },
  };
}
