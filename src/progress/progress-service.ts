import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { AnswerStore, LeaderboardRow } from '../store/answer-store.js';
import type { ContentStore, TopicRow } from '../store/content-store.js';
import type { GuildStore } from '../store/guild-store.js';
import { stageProgress, type StageProgress } from './completion.js';

export interface Roadmap {
  stages: StageProgress[];
  currentStageId: string | null;
  nextTopics: TopicRow[];
  threshold: number;
}

export interface ProgressSummary {
  answered: number;
  correct: number;
  accuracy: number | null;
  xp: number;
  stagesCompleted: string[];
  stagesTotal: number;
}

export interface Leaderboard {
  period: 'week' | 'all';
  top: LeaderboardRow[];
  me: (LeaderboardRow & { rank: number }) | null;
}

export interface ProgressDeps {
  content: ContentStore;
  answers: AnswerStore;
  guilds: GuildStore;
  guild: GuildContext;
  clock: Clock;
}

/** A member's standing: per-stage mastery, totals, and where they rank in their server. */
export function createProgressService({ content, answers, guilds, guild, clock }: ProgressDeps) {
  function roadmap(guildId: string, userId: string): Roadmap {
    const settings = guild.settings(guildId);
    const counts = content.questionCounts(settings.packId);
    const mastered = answers.masteredByTopic(guildId, userId, settings.packId);
    const stages = content.stages(settings.packId).map((stage) => {
      const inStage = counts.filter((c) => c.stageId === stage.id);
      const total = inStage.reduce((n, c) => n + c.questions, 0);
      const done = inStage.reduce((n, c) => n + Math.min(mastered.get(c.topicId) ?? 0, c.questions), 0);
      return stageProgress(stage, done, total, settings.completionThreshold);
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

  /** The week starts on Monday in the server's schedule timezone (UTC until a schedule is set). */
  function weekStart(guildId: string): number {
    const zone = guilds.schedules(guildId)[0]?.timezone ?? 'UTC';
    return DateTime.fromMillis(clock.now(), { zone }).startOf('week').toMillis();
  }

  return {
    roadmap,

    summary(guildId: string, userId: string): ProgressSummary {
      const totals = answers.totals(guildId, userId);
      const map = roadmap(guildId, userId);
      return {
        ...totals,
        accuracy: totals.answered === 0 ? null : totals.correct / totals.answered,
        xp: answers.xp(guildId, userId),
        stagesCompleted: map.stages.filter((s) => s.complete).map((s) => s.title),
        stagesTotal: map.stages.length,
      };
    },

    leaderboard(guildId: string, userId: string, period: 'week' | 'all'): Leaderboard {
      const rows = answers.leaderboard(guildId, period === 'week' ? weekStart(guildId) : 0);
      const index = rows.findIndex((row) => row.userId === userId);
      return { period, top: rows.slice(0, 10), me: index < 0 ? null : { ...rows[index]!, rank: index + 1 } };
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
