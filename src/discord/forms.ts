import type { ModalSubmitInteraction } from 'discord.js';
import { SuggestionProblem, type SuggestionForm } from '../community/suggestions.js';
import type { ModalHandler } from './command.js';
import { renderSuggestionProblem } from './render/suggestions.js';
import { requireModerator, reviewView } from './suggestion-review.js';

const formFrom = (interaction: ModalSubmitInteraction): SuggestionForm => ({
  question: interaction.fields.getTextInputValue('question'),
  right: interaction.fields.getTextInputValue('right'),
  wrong: interaction.fields.getTextInputValue('wrong'),
  explanation: interaction.fields.getTextInputValue('explanation'),
});

/** Every form Cohort shows, by what its custom id says it is. */
export const handleForm: ModalHandler = (action, interaction, services, who) => {
  try {
    switch (action.kind) {
      case 'suggest': {
        const suggestion = services.suggestions.submit(who.guildId, who.userId, action.topicId, formFrom(interaction));
        const waiting = services.suggestions.next(who.guildId).waiting;
        return { mode: 'reply', ephemeral: true, content: `Thank you! Your question "${suggestion.prompt.slice(0, 80)}" now waits for a moderator (${waiting} in the queue). You will hear the outcome the next time you use a command here.` };
      }
      case 'suggestion-reject-reason': {
        requireModerator(interaction);
        const rejected = services.suggestions.reject(who.guildId, action.id, who.userId, interaction.fields.getTextInputValue('reason'));
        return { ...reviewView(services, who.guildId, action.id, `Rejected <@${rejected.authorId}>'s question; they will read your reason.`), mode: 'update' };
      }
      case 'suggestion-edited': {
        requireModerator(interaction);
        services.suggestions.edit(who.guildId, action.id, formFrom(interaction));
        return { ...reviewView(services, who.guildId, action.id - 1, 'Edited. Approve it when it reads well.'), mode: 'update' };
      }
    }
  } catch (error) {
    if (error instanceof SuggestionProblem) return { mode: 'reply', ...renderSuggestionProblem(error) };
    throw error;
  }
};
