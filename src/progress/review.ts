import type { Clock } from '../clock.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { ContentStore, QuestionRow } from '../store/content-store.js';
import type { ProgressStore } from '../store/progress-store.js';

export type ReviewNext = { kind: 'question'; question: QuestionRow; due: number; round: string } | { kind: 'none'; nextDueAt: number | null };

/** Spaced review: the member's due Leitner cards, oldest first. Answers go through the practice service as 'review'. */
export function createReviewService(progress: ProgressStore, content: ContentStore, guild: GuildContext, clock: Clock) {
  return {
    next(guildId: string, userId: string): ReviewNext {
      const packId = guild.packId(guildId);
      const due = progress.dueCards(guildId, userId, packId, clock.now());
      const card = due[0];
      if (!card) return { kind: 'none', nextDueAt: progress.nextDue(guildId, userId, packId) };
      return { kind: 'question', question: content.question(card.questionKey)!, due: due.length, round: card.dueAt.toString(36) };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
