import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { QuestionRow } from '../../store/content-store.js';
import type { AnswerFeedback } from '../../quiz/practice.js';
import { BRAND_COLOUR, DISCORD, RIGHT_COLOUR, WRONG_COLOUR, fit } from './limits.js';

export const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

const DIFFICULTY = ['', 'easy', 'medium', 'hard'];

/** Options are listed in the embed and the buttons carry letters, so long options never hit the 80-character label limit. */
export function questionEmbed(question: QuestionRow, heading: string): APIEmbed {
  const options = question.options.map((option, i) => `**${LETTERS[i]}.** ${option}`).join('\n');
  return {
    title: fit(heading, DISCORD.embedTitle),
    // A server's own question names who wrote it (a mention in an embed never pings).
    description: fit(`${question.prompt}\n\n${options}${question.authorId ? `\n\n*Suggested by <@${question.authorId}>*` : ''}`, DISCORD.embedDescription),
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

/** Right or wrong, the right answer and why, the XP it earned, and a congratulation if it completed a stage. */
export function feedbackEmbeds(feedback: AnswerFeedback): APIEmbed[] {
  const { question, choice, correct } = feedback;
  const right = `**${LETTERS[question.answer]}.** ${question.options[question.answer]}`;
  const verdict = correct ? '✅ Right!' : `❌ Not quite: you chose **${LETTERS[choice]}**.`;
  const note = feedback.isNew ? (feedback.xp > 0 ? `+${feedback.xp} XP` : '') : 'You had already answered this: your first answer stands.';
  const embeds: APIEmbed[] = [
    {
      title: correct ? 'Correct' : 'Incorrect',
      description: fit(`${verdict}\n\nThe answer is ${right}\n\n${question.explanation}${note ? `\n\n*${note}*` : ''}`, DISCORD.embedDescription),
      color: correct ? RIGHT_COLOUR : WRONG_COLOUR,
    },
  ];
  if (feedback.completed) {
    const roles = feedback.completed.roleIds.map((id) => `<@&${id}>`).join(' ');
    embeds.push({
      title: '🎉 Stage complete',
      color: RIGHT_COLOUR,
      description: fit(`You completed **${feedback.completed.title}**.${roles ? ` You have earned ${roles}.` : ''} /roadmap shows what comes next.`, DISCORD.embedDescription),
    });
  }
  return embeds;
}
