import { PermissionFlagsBits, type ButtonInteraction } from 'discord.js';
import { UserError } from '../errors.js';
import { renderRemovalReport } from './render/setup.js';
import type { ComponentHandler, GuildInteraction } from './command.js';
import type { PracticeScope } from '../quiz/practice.js';
import { renderPracticeFeedback, renderPracticeQuestion } from './render/practice.js';
import { feedbackEmbeds } from './render/question.js';
import { renderReview, renderReviewFeedback } from './render/review.js';
import type { AnswerFeedback } from '../quiz/practice.js';
import type { Services } from '../services.js';
import { renderChallengeStep } from './render/scheduled.js';
import { parseCustomId } from './custom-id.js';
import { memberRoleIds } from './member-roles.js';
import { renderNotifyToggle } from './render/notify.js';
import { editModal, rejectModal } from './render/suggestions.js';
import { requireModerator, reviewView } from './suggestion-review.js';

/** What a practice answer needs to rebuild "Next question": the scope on the message's own Next button. */
function scopeOnMessage(message: ButtonInteraction['message']): PracticeScope {
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const component of row.components) {
      const action = 'customId' in component && component.customId ? parseCustomId(component.customId) : undefined;
      if (action?.kind === 'practice-next') return action.scope;
    }
  }
  return { kind: 'all' };
}

/** A completed stage is also announced in the study channel, if the server wants that. */
function celebrate(services: Services, who: GuildInteraction, feedback: AnswerFeedback): void {
  if (feedback.completed) services.announcer.announce(who.guildId, who.userId, feedback.completed);
}

const ONLY_MODERATORS_REMOVE = 'Only moderators can remove what /setup made: it needs the **Manage Server** permission.';

/** Every button Cohort puts on a message, by what its custom id says it is. */
export const handleButton: ComponentHandler = async (action, interaction, services, who) => {
  switch (action.kind) {
    case 'practice-answer': {
      const feedback = await services.practice.answer({ ...who, questionKey: action.questionKey, choice: action.choice, messageId: interaction.message.id, round: action.round });
      celebrate(services, who, feedback);
      return { mode: 'update', ...renderPracticeFeedback(feedback, scopeOnMessage(interaction.message)) };
    }
    case 'practice-next': {
      const next = services.practice.nextQuestion(who.guildId, who.userId, action.scope);
      // From a private practice message, replace it; from a public card, answer privately.
      const fromPrivate = interaction.message.flags.has('Ephemeral');
      return { mode: fromPrivate ? 'update' : 'reply', ...renderPracticeQuestion(next) };
    }
    case 'suggestion-approve': {
      requireModerator(interaction);
      const { suggestion } = services.suggestions.approve(who.guildId, action.id, who.userId);
      return { ...reviewView(services, who.guildId, action.id, `Approved: <@${suggestion.authorId}>'s question is now in this server's bank.`), mode: 'update' };
    }
    case 'suggestion-reject':
      requireModerator(interaction);
      services.suggestions.waiting(who.guildId, action.id);
      return { mode: 'modal', ...rejectModal(action.id) };
    case 'suggestion-edit':
      requireModerator(interaction);
      return { mode: 'modal', ...editModal(services.suggestions.waiting(who.guildId, action.id)) };
    case 'suggestion-skip':
      requireModerator(interaction);
      return { ...reviewView(services, who.guildId, action.id), mode: 'update' };
    case 'history-missed':
      // A new private message, so the history it was clicked under stays in view.
      return { mode: 'reply', ...renderPracticeQuestion(services.practice.nextQuestion(who.guildId, who.userId, { kind: 'missed' })) };
    case 'daily-answer': {
      const feedback = await services.scheduledQuiz.answerDaily(who.guildId, who.userId, action.postId, action.choice);
      celebrate(services, who, feedback);
      return { mode: 'reply', ephemeral: true, embeds: feedbackEmbeds(feedback) };
    }
    case 'weekly-start':
      return { mode: 'reply', ...renderChallengeStep(action.postId, services.scheduledQuiz.startWeekly(who.guildId, who.userId, action.postId)) };
    case 'weekly-answer': {
      const { feedback, next } = await services.scheduledQuiz.answerWeekly(who.guildId, who.userId, action.postId, action.index, action.choice);
      celebrate(services, who, feedback);
      return { mode: 'update', ...renderChallengeStep(action.postId, next, feedbackEmbeds(feedback)) };
    }
    case 'review-answer': {
      const feedback = await services.practice.answer({ ...who, questionKey: action.questionKey, choice: action.choice, messageId: interaction.message.id, round: action.round, source: 'review' });
      celebrate(services, who, feedback);
      return { mode: 'update', ...renderReviewFeedback(feedback) };
    }
    case 'setup-remove':
      if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) throw new UserError(ONLY_MODERATORS_REMOVE);
      return { mode: 'update', ...renderRemovalReport(await services.setup.remove(who.guildId)) };
    case 'setup-keep':
      return { mode: 'update', content: 'Nothing was removed.', embeds: [], components: [] };
    case 'review-next':
      return { mode: 'update', ...renderReview(services.review.next(who.guildId, who.userId)) };
    case 'notify-toggle':
      return { mode: 'reply', ...renderNotifyToggle(await services.notifications.toggle(who.guildId, who.userId, memberRoleIds(interaction.member))) };
  }
};
