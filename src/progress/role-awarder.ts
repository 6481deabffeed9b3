import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ProgressStore, RoleAward } from '../store/progress-store.js';
import { RoleChangeError, type RoleGranter } from './role-granter.js';

export interface AwardReport {
  added: number;
  removed: number;
  stillPending: RoleAward[];
}

/**
 * Gives members the roles their progress has earned, from the queue in the database, so nothing is lost if Discord
 * refuses or the bot restarts: a refused change stays pending with the reason, for /roles check and /roles sync.
 * One run per server at a time; requests go out one after another, which keeps them inside Discord's rate limits.
 */
export function createRoleAwarder(progress: ProgressStore, granter: RoleGranter, clock: Clock, logger: Logger) {
  const runs = new Map<string, Promise<AwardReport>>();

  async function apply(guildId: string): Promise<AwardReport> {
    const report: AwardReport = { added: 0, removed: 0, stillPending: [] };
    for (const award of progress.pendingAwards(guildId)) {
      const reason = award.action === 'add' ? 'Completed a roadmap stage' : 'Replaced by a higher stage role';
      try {
        if (award.action === 'add') await granter.add(guildId, award.userId, award.roleId, reason);
        else await granter.remove(guildId, award.userId, award.roleId, reason);
        progress.awardDone(award, clock.now());
        if (award.action === 'add') report.added += 1;
        else report.removed += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof RoleChangeError && error.final) {
          progress.awardDone(award, clock.now());
          logger.info({ guildId, userId: award.userId, roleId: award.roleId, reason: message }, 'role change dropped');
          continue;
        }
        progress.awardFailed(award, message, clock.now());
        report.stillPending.push({ ...award, lastError: message, attempts: award.attempts + 1 });
        logger.warn({ guildId, userId: award.userId, roleId: award.roleId, reason: message }, 'role change refused; kept pending');
      }
    }
    return report;
  }

  return {
    /** Applies the server's queued role changes; a call during a run waits for it and then runs again. */
    apply(guildId: string): Promise<AwardReport> {
      const previous = runs.get(guildId) ?? Promise.resolve(undefined);
      const run = previous.catch(() => undefined).then(() => apply(guildId));
      runs.set(guildId, run);
      void run.finally(() => runs.get(guildId) === run && runs.delete(guildId)).catch(() => undefined);
      return run;
    },
    /** Resolves when no server has a run in progress. */
    async idle(): Promise<void> {
      while (runs.size > 0) await Promise.allSettled([...runs.values()]);
    },
  };
}

export type RoleAwarder = ReturnType<typeof createRoleAwarder>;
