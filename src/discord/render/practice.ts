import { ButtonStyle, ComponentType } from 'discord.js';
import type { AnswerFeedback, PracticeQuestion, PracticeScope } from '../../quiz/practice.js';
import type { Reply } from '../command.js';
import { customIds } from '../custom-id.js';
import { feedbackEmbeds, optionButtons, questionEmbed } from './question.js';

/** A private practice question: lettered options in the embed, one button per option. */
export function renderPracticeQuestion({ question, round, scope, allMastered }: PracticeQuestion): Reply {
  return {
    ephemeral: true,
    content: allMastered ? 'You have answered every question here correctly; here is one to keep it fresh.' : undefined,
    embeds: [questionEmbed(question, 'Practice question')],
    components: [
      optionButtons(question.options.length, (option) => customIds.practiceAnswer(question.key, round, option)),
      nextRow(scope),
    ],
  };
}

/** The question stays visible; the verdict, the right answer and the explanation follow, with "Next question". */
export function renderPracticeFeedback(feedback: AnswerFeedback, scope: PracticeScope, heading = 'Practice question', next = nextRow(scope)): Reply {
  return {
    embeds: [questionEmbed(feedback.question, heading), ...feedbackEmbeds(feedback)],
    components: [next],
  };
}

function nextRow(scope: PracticeScope) {
  return {
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.Button as const, style: ButtonStyle.Primary as const, label: 'Next question', custom_id: customIds.practiceNext(scope) }],
  };
}
