import { ButtonStyle, ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { LIMITS } from '../../content/limits.js';
import { MAX_WRONG, type SuggestionForm, type SuggestionProblem } from '../../community/suggestions.js';
import type { Suggestion } from '../../store/suggestion-store.js';
import type { ComponentReply, ModalReply, Reply } from '../command.js';
import { customIds } from '../custom-id.js';
import { BRAND_COLOUR, DISCORD, fit, WRONG_COLOUR } from './limits.js';
import { LETTERS } from './question.js';

/** Discord's text inputs: at most 4,000 characters, a label of 45. */
const INPUT_MAX = 4000;

const input = (id: keyof SuggestionForm, label: string, style: TextInputStyle, max: number, value?: string, placeholder?: string) => ({
  type: ComponentType.ActionRow as const,
  components: [{
    type: ComponentType.TextInput as const, custom_id: id, label, style, required: true, min_length: 1, max_length: Math.min(max, INPUT_MAX),
    ...(value ? { value: value.slice(0, Math.min(max, INPUT_MAX)) } : {}), ...(placeholder ? { placeholder } : {}),
  }],
});

/** The four fields of a question; the wrong answers one per line (a form holds at most five inputs). */
function questionForm(customId: string, title: string, form?: SuggestionForm): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: fit(title, 45),
    components: [
      input('question', 'Question', TextInputStyle.Paragraph, LIMITS.prompt, form?.question),
      input('right', 'Right answer', TextInputStyle.Short, LIMITS.option, form?.right),
      input('wrong', `Wrong answers, one per line (1 to ${MAX_WRONG})`, TextInputStyle.Paragraph, MAX_WRONG * (LIMITS.option + 1), form?.wrong, 'One wrong answer per line'),
      input('explanation', 'Why the right answer is right', TextInputStyle.Paragraph, LIMITS.explanation, form?.explanation),
    ],
  };
}

export const suggestModal = (topicId: string, topicTitle: string): ModalReply => ({ modal: questionForm(customIds.suggestForm(topicId), `Suggest: ${topicTitle}`) });

export const formOf = (s: Suggestion): SuggestionForm => ({ question: s.prompt, right: s.options[0]!, wrong: s.options.slice(1).join('\n'), explanation: s.explanation });

export const editModal = (s: Suggestion): ModalReply => ({ modal: questionForm(customIds.editForm(s.id), 'Edit the suggestion', formOf(s)) });

export const rejectModal = (id: number): ModalReply => ({
  modal: {
    custom_id: customIds.rejectForm(id),
    title: 'Why not?',
    components: [{
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: 'reason', label: 'The reason the author will read', style: TextInputStyle.Paragraph, required: true, min_length: 3, max_length: 500 }],
    }],
  },
});

const block = (text: string) => `\`\`\`\n${text.replace(/```/g, "'''") || ' '}\n\`\`\``;

/** Which field broke which rule, and everything the member typed, so they can paste it back. */
export function renderSuggestionProblem(problem: SuggestionProblem): Reply {
  const { form } = problem;
  const kept = [`**Question**\n${block(form.question)}`, `**Right answer**\n${block(form.right)}`, `**Wrong answers**\n${block(form.wrong)}`, `**Explanation**\n${block(form.explanation)}`];
  return {
    ephemeral: true,
    embeds: [{
      title: `Not sent: the ${problem.field} needs a change`,
      color: WRONG_COLOUR,
      description: fit(`${problem.message} Run /suggest again; here is what you wrote:\n\n${kept.join('\n')}`, DISCORD.embedDescription),
    }],
  };
}

/** The oldest waiting suggestion as members would see it, with the moderator's four choices. */
export function renderReview(view: { suggestion: Suggestion | null; waiting: number }, topicTitle: string | null, note?: string): ComponentReply {
  const { suggestion, waiting } = view;
  if (!suggestion) return { mode: 'reply', ephemeral: true, content: `${note ? `${note}\n` : ''}No suggestions are waiting for review.`, components: [] };
  const options = suggestion.options.map((o, i) => `**${LETTERS[i]}.** ${o}${i === 0 ? ' ✅' : ''}`).join('\n');
  return {
    mode: 'reply',
    ephemeral: true,
    ...(note ? { content: note } : {}),
    embeds: [{
      title: fit(`Suggested question${topicTitle ? `: ${topicTitle}` : ''}`, DISCORD.embedTitle),
      color: BRAND_COLOUR,
      description: fit(`${suggestion.prompt}\n\n${options}\n\n**Why:** ${suggestion.explanation}\n\nSuggested by <@${suggestion.authorId}> · the right answer is marked ✅ (members see the options in another order)`, DISCORD.embedDescription),
      footer: { text: `${waiting} waiting · suggestion ${suggestion.id}` },
    }],
    components: [{
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Success, label: 'Approve', custom_id: customIds.suggestionApprove(suggestion.id) },
        { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Reject', custom_id: customIds.suggestionReject(suggestion.id) },
        { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Edit', custom_id: customIds.suggestionEdit(suggestion.id) },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Skip', custom_id: customIds.suggestionSkip(suggestion.id) },
      ],
    }],
  };
}
