import type { Catalog } from '../content/catalog.js';
import { UserError } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { AnswerStore } from '../store/answer-store.js';
import type { CompletedStage, ProgressTracker, RecordedAnswer } from '../progress/tracker.js';
import type { ContentStore, QuestionRef, QuestionRow } from '../store/content-store.js';

/**
 * What a practice round is drawn from: a topic, a stage, the whole pack, or the recent daily questions the member
 * got wrong or did not answer (worked out again from the database on every draw).
 */
export type PracticeScope = { kind: 'topic'; id: string } | { kind: 'stage'; id: string } | { kind: 'all' } | { kind: 'missed' };

export interface PracticeQuestion {
  question: QuestionRow;
  /** Identifies this showing of the question, so answers to it count once and a later showing counts again. */
  round: string;
  scope: PracticeScope;
  /** True when the member has already answered every question in scope correctly (we repeat one). */
  allMastered: boolean;
}

export interface AnswerFeedback {
  question: QuestionRow;
  choice: number;
  correct: boolean;
  /** False when this member had already answered this question on this message: the first answer stands. */
  isNew: boolean;
  xp: number;
  /** The stage this answer completed, if it did. */
  completed: CompletedStage | null;
}

/** What the tracker recorded, as the member sees it. */
export function feedbackFrom(question: QuestionRow, recorded: RecordedAnswer): AnswerFeedback {
  return { question, choice: recorded.stored.choice, correct: recorded.stored.correct, isNew: recorded.isNew, xp: recorded.xp, completed: recorded.completed };
}

export interface PracticeDeps {
  content: ContentStore;
  answers: AnswerStore;
  tracker: ProgressTracker;
  catalog: Catalog;
  guild: GuildContext;
  random: () => number;
  /** The questions of recent daily posts this member got wrong or skipped. */
  missedDaily: (guildId: string, userId: string) => ReadonlySet<number>;
}

const NOTHING_MISSED = 'You have answered every recent daily question correctly, so there is nothing to catch up on. Use /quiz for more practice.';

export function createPracticeService({ content, answers, tracker, catalog, guild, random, missedDaily }: PracticeDeps) {
  function questionsIn(guildId: string, userId: string, scope: PracticeScope): QuestionRef[] {
    const packId = guild.packId(guildId);
    // The pack's questions, and this server's own (approved suggestions).
    const live = [...content.liveQuestions(packId), ...(content.serverQuestions(packId).get(guildId) ?? [])];
    if (scope.kind === 'all') return live;
    if (scope.kind === 'missed') {
      const missed = missedDaily(guildId, userId);
      const inScope = live.filter((q) => missed.has(q.key));
      if (inScope.length === 0) throw new UserError(NOTHING_MISSED);
      return inScope;
    }
    return live.filter((q) => (scope.kind === 'stage' ? q.stageId === scope.id : q.topicId === scope.id));
  }

  return {
    /** Resolves what the member typed into a scope, rejecting unknown stages or topics with a suggestion. */
    scopeFor(guildId: string, stage?: string | null, topic?: string | null): PracticeScope {
      const stageRow = stage ? catalog.findStage(guildId, stage) : undefined;
      if (topic) return { kind: 'topic', id: catalog.findTopic(guildId, topic, stageRow?.id).id };
      return stageRow ? { kind: 'stage', id: stageRow.id } : { kind: 'all' };
    },

    /** A question from the scope, preferring ones the member has not yet answered correctly. */
    nextQuestion(guildId: string, userId: string, scope: PracticeScope): PracticeQuestion {
      const inScope = questionsIn(guildId, userId, scope);
      if (inScope.length === 0) throw new UserError('There are no questions there yet. Try another topic, or /roadmap to see them all.');
      const mastered = answers.correctlyAnswered(guildId, userId);
      const fresh = inScope.filter((q) => !mastered.has(q.key));
      const pool = fresh.length > 0 ? fresh : inScope;
      const picked = pool[Math.floor(random() * pool.length)] ?? pool[0]!;
      const round = Math.floor(random() * 2 ** 40).toString(36);
      return { question: content.question(picked.key)!, round, scope, allMastered: fresh.length === 0 };
    },

    /** Records a practice answer once per message; re-checks everything the button claims. */
    async answer(input: { guildId: string; userId: string; questionKey: number; choice: number; messageId: string; round: string; source?: 'practice' | 'review' }): Promise<AnswerFeedback> {
      const question = content.question(input.questionKey);
      if (!question || question.packId !== guild.packId(input.guildId) || (question.guildId !== null && question.guildId !== input.guildId)) {
        throw new UserError('That question is no longer part of this server\'s curriculum. Use /quiz for a fresh one.');
      }
      if (input.choice >= question.options.length) throw new UserError('That button is out of date. Use /quiz for a fresh question.');
      const recorded = await tracker.submit({
        guildId: input.guildId, userId: input.userId, question, choice: input.choice, source: input.source ?? 'practice', sourceRef: `${input.messageId}:${input.round}`,
      });
      return feedbackFrom(question, recorded);
    },
  };
}

export type PracticeService = ReturnType<typeof createPracticeService>;
