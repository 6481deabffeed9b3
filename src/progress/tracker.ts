import type { Clock } from '../clock.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { AnswerSource, AnswerStore, StoredAnswer } from '../store/answer-store.js';
import type { ContentStore, QuestionRow } from '../store/content-store.js';
import type { Db } from '../store/database.js';
import type { GuildStore } from '../store/guild-store.js';
import type { ProgressStore } from '../store/progress-store.js';
import { localDay, nextCard, nextStreak, plannedRoles, xpFor } from './rules.js';

export interface AnswerEvent {
  guildId: string;
  userId: string;
  question: QuestionRow;
  choice: number;
  source: AnswerSource;
  /** The post or message the answer belongs to: one answer per member, question and sourceRef. */
  sourceRef: string;
  /** Daily quiz only: answered on the local day it was posted. */
  onItsDay?: boolean;
}

export interface CompletedStage {
  stageId: string;
  title: string;
  /** Roles queued for the member because of it (given by the awarder right after). */
  roleIds: string[];
}

export interface RecordedAnswer {
  stored: StoredAnswer;
  isNew: boolean;
  xp: number;
  completed: CompletedStage | null;
}

export interface TrackerDeps {
  db: Db;
  answers: AnswerStore;
  progress: ProgressStore;
  content: ContentStore;
  guilds: GuildStore;
  guild: GuildContext;
  clock: Clock;
  /** Called after a transaction that queued role changes for the server. */
  onRolesQueued: (guildId: string) => void;
}

/** Answers committed together at most: about 10 ms of work on a 2-core machine. */
const MAX_BATCH = 100;

/** The server's timezone for days and weeks: the daily schedule's, else the weekly's, else UTC. */
export function guildTimezone(guilds: GuildStore, guildId: string): string {
  const schedules = guilds.schedules(guildId);
  return (schedules.find((s) => s.kind === 'daily') ?? schedules[0])?.timezone ?? 'UTC';
}

/**
 * Records every answer with its effects in one transaction: the answer row (the first for a member, question and
 * post wins; repeats change nothing), the member's totals, streak and review card, a completed stage, and the role
 * changes that completion earns.
 */
export function createProgressTracker(deps: TrackerDeps) {
  const { db, answers, progress, content, guilds, guild, clock, onRolesQueued } = deps;

  /** Completes the question's stage if this answer reached the threshold; queues the roles it earns. */
  function checkStage(guildId: string, userId: string, packId: string, stageId: string, threshold: number, now: number): CompletedStage | null {
    const { mastered, total } = progress.stageShare(guildId, userId, packId, stageId);
    if (total === 0 || mastered / total < threshold - 1e-9) return null;
    if (!progress.complete(guildId, userId, packId, stageId, now)) return null;
    const roleIds = queueRoles(guildId, userId, now);
    return { stageId, title: content.stages(packId).find((s) => s.id === stageId)?.title ?? stageId, roleIds };
  }

  /** Queues whatever role changes bring the member in line with their completed stages; returns the roles to add. */
  function queueRoles(guildId: string, userId: string, now: number): string[] {
    const settings = guild.settings(guildId);
    const plan = plannedRoles(settings.roleMode, guilds.stageRoles(guildId, settings.packId), progress.completions(guildId, userId, settings.packId));
    const added = plan.add.filter((roleId) => progress.queueAward({ guildId, userId, roleId, action: 'add', now }));
    for (const roleId of plan.remove) progress.queueAward({ guildId, userId, roleId, action: 'remove', now });
    return added;
  }

  const record = db.transaction((event: AnswerEvent): RecordedAnswer & { queued: boolean } => {
    const now = clock.now();
    const correct = event.choice === event.question.answer;
    const xp = xpFor(event.source, correct, event.onItsDay ?? false);
    const { stored, isNew } = answers.record({
      guildId: event.guildId, userId: event.userId, questionKey: event.question.key, choice: event.choice, correct,
      source: event.source, sourceRef: event.sourceRef, answeredAt: now, xp,
    });
    if (!isNew) return { stored, isNew, xp: 0, completed: null, queued: false };

    const stats = progress.addToStats({ guildId: event.guildId, userId: event.userId, xp, correct, now });
    if (event.source === 'daily') {
      const today = localDay(now, guildTimezone(guilds, event.guildId));
      progress.setStreak(event.guildId, event.userId, nextStreak({ streak: stats.streak, lastDay: stats.lastDailyDay }, today), today);
    }
    const card = progress.card(event.guildId, event.userId, event.question.key);
    progress.saveCard(event.guildId, event.userId, { questionKey: event.question.key, ...nextCard(card?.box ?? null, correct, now) });

    // Mastery only grows with a member's first right answer to a question, and only matters until the stage is complete.
    let completed: CompletedStage | null = null;
    if (correct && progress.timesRight(event.guildId, event.userId, event.question.key) === 1) {
      const settings = guild.settings(event.guildId);
      const stageId = event.question.packId === settings.packId ? content.stageOfTopic(settings.packId, event.question.topicId) : undefined;
      if (stageId && !progress.isComplete(event.guildId, event.userId, settings.packId, stageId)) {
        completed = checkStage(event.guildId, event.userId, settings.packId, stageId, settings.completionThreshold, now);
      }
    }
    return { stored, isNew, xp, completed, queued: completed !== null };
  });

  // Group commit: answers that arrive while the event loop is busy are written in one transaction, each in its own
  // savepoint (a nested better-sqlite3 transaction), so one failing answer rolls back alone. The commit, most of
  // an answer's cost, is then shared; each caller hears back only once the transaction holding its answer committed.
  let waiting: { event: AnswerEvent; resolve: (r: RecordedAnswer) => void; reject: (e: unknown) => void }[] = [];
  const commitWaiting = db.transaction((batch: typeof waiting) =>
    batch.map(({ event }) => {
      try {
        return { ok: true as const, value: record(event) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
  // A long backlog is committed in slices with a turn of the event loop between them, so one transaction never
  // holds the loop for long and clicks that arrive meanwhile are read (and acknowledged) in between.
  function flush(): void {
    const slice = waiting.splice(0, MAX_BATCH);
    if (waiting.length > 0) setImmediate(flush);
    commitSlice(slice);
  }
  function commitSlice(batch: typeof waiting): void {
    let outcomes: ReturnType<typeof commitWaiting>;
    try {
      outcomes = commitWaiting(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const queuedFor = new Set<string>();
    outcomes.forEach((outcome, i) => {
      const item = batch[i]!;
      if (!outcome.ok) return item.reject(outcome.error);
      const { queued, ...result } = outcome.value;
      if (queued) queuedFor.add(item.event.guildId);
      item.resolve(result);
    });
    for (const guildId of queuedFor) onRolesQueued(guildId);
  }

  return {
    /** Records one answer in a transaction of its own. */
    record(event: AnswerEvent): RecordedAnswer {
      const { queued, ...result } = record(event);
      if (queued) onRolesQueued(event.guildId);
      return result;
    },

    /**
     * Records an answer together with the others submitted in the same turn of the event loop; resolves once the
     * transaction is committed (so an acknowledged answer is on disk before the member is told).
     */
    submit(event: AnswerEvent): Promise<RecordedAnswer> {
      return new Promise((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ event, resolve, reject });
      });
    },

    /**
     * Re-derives every member's completed stages (after a threshold change, say) and queues the role changes that
     * brings, in one transaction. Returns how many completions were new.
     */
    reconcile: db.transaction((guildId: string): number => {
      const now = clock.now();
      const settings = guild.settings(guildId);
      let newlyCompleted = 0;
      for (const userId of progress.membersWithAnswers(guildId)) {
        for (const stage of content.stages(settings.packId)) {
          if (checkStage(guildId, userId, settings.packId, stage.id, settings.completionThreshold, now)) newlyCompleted += 1;
        }
        queueRoles(guildId, userId, now);
      }
      return newlyCompleted;
    }),
  };
}

export type ProgressTracker = ReturnType<typeof createProgressTracker>;
