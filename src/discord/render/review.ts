import { ButtonStyle, ComponentType } from 'discord.js';
import type { ReviewNext } from '../../progress/review.js';
import type { AnswerFeedback } from '../../quiz/practice.js';
import type { Reply } from '../command.js';
import { customIds } from '../custom-id.js';
import { BRAND_COLOUR } from './limits.js';
import { renderPracticeFeedback } from './practice.js';
import { optionButtons, questionEmbed } from './question.js';

const nextButton = {
  type: ComponentType.ActionRow as const,
  components: [{ type: ComponentType.Button as const, style: ButtonStyle.Primary as const, label: 'Next review', custom_id: customIds.reviewNext() }],
};

/** The next due review card, or when the next one falls due. */
export function renderReview(next: ReviewNext): Reply {
  if (next.kind === 'none') {
    const when = next.nextDueAt ? `The next one is due <t:${Math.floor(next.nextDueAt / 1000)}:R>.` : 'Answer some questions with /quiz first: what you get wrong comes back here.';
    return { ephemeral: true, embeds: [{ title: 'Nothing to review right now', color: BRAND_COLOUR, description: when }], components: [] };
  }
  return {
    ephemeral: true,
    embeds: [questionEmbed(next.question, `Review (${next.due} due)`)],
    components: [optionButtons(next.question.options.length, (option) => customIds.reviewAnswer(next.question.key, next.round, option))],
  };
}

export function renderReviewFeedback(feedback: AnswerFeedback): Reply {
  return renderPracticeFeedback(feedback, { kind: 'all' }, 'Review', nextButton);
}
