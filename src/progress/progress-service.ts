import type { Clock } from '../clock.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { AnswerStore, LeaderboardRow } from '../store/answer-store.js';
import type { ContentStore, TopicRow } from '../store/content-store.js';
import type { GuildStore } from '../store/guild-store.js';
import type { ProgressStore } from '../store/progress-store.js';
import { stageProgress, type StageProgress } from './completion.js';
import { periodAt } from './periods.js';
import { currentStreak, localDay } from './rules.js';
import { guildTimezone } from './tracker.js';

export interface Roadmap {
  stages: StageProgress[];
  currentStageId: string | null;
  nextTopics: TopicRow[];
  threshold: number;
}

export interface Accuracy {
  title: string;
  answered: number;
  correct: number;
}

export interface ProgressSummary {
  answered: number;
  correct: number;
  accuracy: number | null;
  xp: number;
  streak: number;
  bestStreak: number;
  stagesCompleted: string[];
  stagesTotal: number;
  rolesEarned: string[];
  reviewsDue: number;
  byStage: Accuracy[];
  weakestTopics: Accuracy[];
}

/** This week or this calendar month in the server's timezone, or all time. */
export type LeaderboardPeriod = 'week' | 'month' | 'all';

export interface Leaderboard {
  period: LeaderboardPeriod;
  top: LeaderboardRow[];
  me: (LeaderboardRow & { rank: number }) | null;
}

export interface ProgressDeps {
  content: ContentStore;
  answers: AnswerStore;
  progress: ProgressStore;
  guilds: GuildStore;
  guild: GuildContext;
  clock: Clock;
}

/** A member's standing: per-stage mastery, totals, streak, roles, reviews due, and rank in their server. */
export function createProgressService({ content, answers, progress, guilds, guild, clock }: ProgressDeps) {
  function roadmap(guildId: string, userId: string): Roadmap {
    const settings = guild.settings(guildId);
    const counts = content.questionCounts(settings.packId);
    const mastered = answers.masteredByTopic(guildId, userId, settings.packId);
    const completed = progress.completions(guildId, userId, settings.packId);
    const stages = content.stages(settings.packId).map((stage) => {
      const inStage = counts.filter((c) => c.stageId === stage.id);
      const total = inStage.reduce((n, c) => n + c.questions, 0);
      const done = inStage.reduce((n, c) => n + Math.min(mastered.get(c.topicId) ?? 0, c.questions), 0);
      const row = stageProgress(stage, done, total, settings.completionThreshold);
      // A completion once earned stands, even if the threshold is raised later.
      return completed.has(stage.id) ? { ...row, complete: true } : row;
    });
    const current = stages.find((stage) => !stage.complete) ?? null;
    const share = (topic: TopicRow) => {
      const total = counts.find((c) => c.topicId === topic.id)?.questions ?? 0;
      return total === 0 ? 1 : (mastered.get(topic.id) ?? 0) / total;
    };
    const nextTopics = current
      ? content.topics(settings.packId).filter((t) => t.stageId === current.stageId && share(t) < 1).slice(0, 3)
      : [];
    return { stages, currentStageId: current?.stageId ?? null, nextTopics, threshold: settings.completionThreshold };
  }

  function accuracy(guildId: string, userId: string, packId: string) {
    const rows = progress.accuracyByTopic(guildId, userId, packId);
    const topics = new Map(content.topics(packId).map((t) => [t.id, t.title]));
    const byStage = content.stages(packId).map((stage) => {
      const inStage = rows.filter((r) => r.stageId === stage.id);
      return { title: stage.title, answered: inStage.reduce((n, r) => n + r.answered, 0), correct: inStage.reduce((n, r) => n + r.correct, 0) };
    }).filter((s) => s.answered > 0);
    const weakestTopics = rows
      .filter((r) => r.answered >= 2 && topics.has(r.topicId))
      .map((r) => ({ title: topics.get(r.topicId)!, answered: r.answered, correct: r.correct }))
      .sort((a, b) => a.correct / a.answered - b.correct / b.answered)
      .slice(0, 3);
    return { byStage, weakestTopics };
  }

  return {
    roadmap,

    summary(guildId: string, userId: string): ProgressSummary {
      const settings = guild.settings(guildId);
      const stats = progress.stats(guildId, userId) ?? { xp: 0, answered: 0, correct: 0, streak: 0, bestStreak: 0, lastDailyDay: null };
      const map = roadmap(guildId, userId);
      const today = localDay(clock.now(), guildTimezone(guilds, guildId));
      const mapped = new Map(guilds.stageRoles(guildId, settings.packId).map((r) => [r.stageId, r.roleId]));
      const held = new Set(progress.rolesHeld(guildId, userId));
      return {
        answered: stats.answered,
        correct: stats.correct,
        accuracy: stats.answered === 0 ? null : stats.correct / stats.answered,
        xp: stats.xp,
        streak: currentStreak(stats.streak, stats.lastDailyDay, today),
        bestStreak: stats.bestStreak,
        stagesCompleted: map.stages.filter((s) => s.complete).map((s) => s.title),
        stagesTotal: map.stages.length,
        rolesEarned: map.stages.filter((s) => s.complete && held.has(mapped.get(s.stageId) ?? '')).map((s) => mapped.get(s.stageId)!),
        reviewsDue: progress.dueCards(guildId, userId, settings.packId, clock.now()).length,
        ...accuracy(guildId, userId, settings.packId),
      };
    },

    /** This week (from Monday), this month (from the 1st), in the server's timezone, or all time; the member's own rank even outside the top ten. */
    leaderboard(guildId: string, userId: string, period: LeaderboardPeriod): Leaderboard {
      if (period === 'all') {
        const top = progress.topAllTime(guildId);
        const stats = progress.stats(guildId, userId);
        const me = stats ? { userId, xp: stats.xp, correct: stats.correct, answered: stats.answered, rank: progress.rankAllTime(guildId, userId) } : null;
        return { period, top, me };
      }
      const rows = answers.leaderboard(guildId, periodAt(period, clock.now(), guildTimezone(guilds, guildId)).start);
      const index = rows.findIndex((row) => row.userId === userId);
      return { period, top: rows.slice(0, 10), me: index < 0 ? null : { ...rows[index]!, rank: index + 1 } };
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
