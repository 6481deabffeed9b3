import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { QuestionRow } from '../../store/content-store.js';
import { BRAND_COLOUR, DISCORD, RIGHT_COLOUR, WRONG_COLOUR, fit } from './limits.js';

export const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

const DIFFICULTY = ['', 'easy', 'medium', 'hard'];

/** Options are listed in the embed and the buttons carry letters, so long options never hit the 80-character label limit. */
export function questionEmbed(question: QuestionRow, heading: string): APIEmbed {
  const options = question.options.map((option, i) => `**${LETTERS[i]}.** ${option}`).join('\n');
  return {
    title: fit(heading, DISCORD.embedTitle),
    description: fit(`${question.prompt}\n\n${options}`, DISCORD.embedDescription),
    color: BRAND_COLOUR,
    footer: { text: `Difficulty: ${DIFFICULTY[question.difficulty] ?? question.difficulty}` },
  };
}

export function optionButtons(count: number, customIdFor: (option: number) => string, disabled = false): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: Array.from({ length: count }, (_, i) => ({
      type: ComponentType.Button as const,
      style: ButtonStyle.Secondary as const,
      label: LETTERS[i]!,
      custom_id: customIdFor(i),
      disabled,
    })),
  };
}

/** Right or wrong, the right answer, and why. */
export function feedbackEmbed(question: QuestionRow, choice: number, correct: boolean, note?: string): APIEmbed {
  const right = `**${LETTERS[question.answer]}.** ${question.options[question.answer]}`;
  const verdict = correct ? '✅ Right!' : `❌ Not quite: you chose **${LETTERS[choice]}**.`;
  return {
    title: correct ? 'Correct' : 'Incorrect',
    description: fit(`${verdict}\n\nThe answer is ${right}\n\n${question.explanation}${note ? `\n\n*${note}*` : ''}`, DISCORD.embedDescription),
    color: correct ? RIGHT_COLOUR : WRONG_COLOUR,
  };
}
