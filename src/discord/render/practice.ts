import { ButtonStyle, ComponentType } from 'discord.js';
import type { AnswerFeedback, PracticeQuestion, PracticeScope } from '../../quiz/practice.js';
import type { Reply } from '../command.js';
import { customIds } from '../custom-id.js';
import { feedbackEmbed, optionButtons, questionEmbed } from './question.js';

/** A private practice question: lettered options in the embed, one button per option. */
export function renderPracticeQuestion({ question, scope, allMastered }: PracticeQuestion): Reply {
  return {
    ephemeral: true,
    content: allMastered ? 'You have answered every question here correctly; here is one to keep it fresh.' : undefined,
    embeds: [questionEmbed(question, 'Practice question')],
    components: [
      optionButtons(question.options.length, (option) => customIds.practiceAnswer(question.key, option)),
      nextRow(scope),
    ],
  };
}

/** The question stays visible; the verdict, the right answer and the explanation follow, with "Next question". */
export function renderPracticeFeedback(feedback: AnswerFeedback, scope: PracticeScope): Reply {
  const note = feedback.isNew ? undefined : 'You had already answered this one: your first answer stands.';
  return {
    embeds: [questionEmbed(feedback.question, 'Practice question'), feedbackEmbed(feedback.question, feedback.choice, feedback.correct, note)],
    components: [nextRow(scope)],
  };
}

function nextRow(scope: PracticeScope) {
  return {
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.Button as const, style: ButtonStyle.Primary as const, label: 'Next question', custom_id: customIds.practiceNext(scope) }],
  };
}
