import type { ProgressTracker } from './tracker.js';
import type { AwardReport, RoleAwarder } from './role-awarder.js';

export interface SyncReport extends AwardReport {
  newlyCompleted: number;
}

/** /roles sync: re-derive completions and owed roles for every member, then give what Discord will accept. */
export function createRoleSync(tracker: ProgressTracker, awarder: RoleAwarder) {
  return {
    async syncGuild(guildId: string): Promise<SyncReport> {
      const newlyCompleted = tracker.reconcile(guildId);
      return { newlyCompleted, ...(await awarder.apply(guildId)) };
    },
  };
}

export type RoleSync = ReturnType<typeof createRoleSync>;
