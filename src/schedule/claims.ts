import type { Clock } from '../clock.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { Logger } from '../logger.js';
import type { ContentStore } from '../store/content-store.js';
import type { GuildStore, ScheduleKind, ScheduleRow } from '../store/guild-store.js';
import type { PostRow, PostStore } from '../store/post-store.js';
import { chooseWeekly, dailyChooser, nonceFor } from './post-content.js';
import { dueSlotCache, type Slot } from './slots.js';

const HOUR = 60 * 60 * 1000;
/** A slot missed while the bot was down is still posted this long after it was due; older ones are skipped. */
export const GRACE_MS: Record<ScheduleKind, number> = { daily: 6 * HOUR, weekly: 24 * HOUR };
/**
 * How long one stretch of planning may hold the event loop before clicks and replies get their turn. Planning a
 * server costs tens of microseconds when its rule's slot is already known, up to a millisecond when luxon must work
 * it out for a time zone, so a fixed batch size would be either wasteful or too long.
 */
const SLICE_MS = 10;
/** Schedules read at a time: 1,000 rows take about 2 ms. */
const PAGE = 1000;

export type ActiveSchedule = ScheduleRow & { activeSince: number };

export interface ClaimDeps {
  guilds: GuildStore;
  guild: GuildContext;
  posts: PostStore;
  content: ContentStore;
  clock: Clock;
  logger: Logger;
}

/** Deciding what is due and writing the claim rows: everything a tick does before it sends. */
export function createClaims({ guilds, guild, posts, content, clock, logger }: ClaimDeps) {
  const dueSlot = dueSlotCache();

  function claimDue(schedule: ActiveSchedule, slot: Slot, packId: string, choose = dailyChooser(content)): PostRow | null {
    const base = { guildId: schedule.guildId, kind: schedule.kind, slot: slot.key, dueAt: slot.dueAt, channelId: schedule.channelId, packId, now: clock.now() };
    const nonce = nonceFor(schedule.guildId, schedule.kind, slot.key);
    if (clock.now() - slot.dueAt > GRACE_MS[schedule.kind]) {
      if (posts.claim({ ...base, nonce }, 'skipped').claimed) logger.warn({ guildId: schedule.guildId, kind: schedule.kind, slot: slot.key }, 'slot missed beyond its grace window; skipped');
      return null;
    }
    const seq = posts.countPosted(schedule.guildId, schedule.kind, packId);
    if (schedule.kind === 'daily') {
      const choice = choose(packId, seq, schedule.guildId);
      if (!choice) return noContent(schedule, 'The server\'s pack has no questions to post. Import a pack with /content import.');
      return posts.claim({ ...base, nonce, ...choice }).post;
    }
    const challengeId = chooseWeekly(content, packId, seq);
    if (!challengeId) return noContent(schedule, 'The server\'s pack has no weekly challenges. Use a pack with challenges, or /schedule pause the weekly post.');
    return posts.claim({ ...base, nonce, challengeId }).post;
  }

  function noContent(schedule: ActiveSchedule, message: string): null {
    guilds.setScheduleError(schedule.guildId, schedule.kind, message);
    return null;
  }

  /**
   * Claims, from `start` on, the due slots not yet claimed, in one transaction (one commit for many claims, and
   * all of them written before anything is sent), until the slice's time is spent. Returns where it stopped.
   */
  function claimSlice(schedules: ActiveSchedule[], start: number, now: number): number {
    // A stopwatch for how long this stretch holds the event loop, not the time of day: hence not the clock.
    const stopAt = performance.now() + SLICE_MS;
    const choose = dailyChooser(content);
    return posts.atomically(() => {
      let next = start;
      while (next < schedules.length) {
        const schedule = schedules[next++]!;
        try {
          const slot = dueSlot(schedule, now);
          if (slot.dueAt >= schedule.activeSince && !posts.bySlot(schedule.guildId, schedule.kind, slot.key)) {
            claimDue(schedule, slot, guild.packId(schedule.guildId), choose);
          }
        } catch (error) {
          logger.error({ guildId: schedule.guildId, kind: schedule.kind, err: error }, 'could not plan a scheduled post');
        }
        if (performance.now() >= stopAt) break;
      }
      return next;
    });
  }

  return {
    claimDue,

    /**
     * Claims every due slot, a page of schedules and a slice of time at a time, letting the event loop run between
     * them: with 10,000 servers neither the read nor the planning holds clicks back for long.
     */
    async claimAllDue(): Promise<void> {
      const now = clock.now();
      let after: ActiveSchedule | null = null;
      for (;;) {
        const page: ActiveSchedule[] = guilds.activeSchedulesAfter(after, PAGE);
        let next = 0;
        while (next < page.length) {
          try {
            next = claimSlice(page, next, now);
          } catch (error) {
            // The slice's transaction did not commit (nothing of it was claimed); the next tick plans it again.
            logger.error({ err: error }, 'could not plan a slice of scheduled posts');
            return;
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        if (page.length < PAGE) return;
        after = page.at(-1)!;
      }
    },
  };
}
