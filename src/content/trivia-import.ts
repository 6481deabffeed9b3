import { LIMITS } from './limits.js';

/**
 * Red-DiscordBot trivia lists are YAML maps of question -> accepted answers (free text), with optional AUTHOR
 * and CONFIG keys. Cohort asks multiple-choice questions, so each question keeps its first accepted answer as
 * the right option and borrows other questions' answers as distractors.
 */
const RESERVED = new Set(['AUTHOR', 'CONFIG', 'DESCRIPTION']);

export function looksLikeTriviaList(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value).filter(([key]) => !RESERVED.has(key));
  return entries.length > 0 && entries.every(([, answers]) => Array.isArray(answers));
}

const slugify = (text: string) =>
  text.toLowerCase().replace(/\.[a-z]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'trivia';

const isNumeric = (text: string) => /^-?[\d.,]+$/.test(text);

/** Builds a pack object (to be validated like any other) from a trivia list. */
export function triviaToPack(list: Record<string, unknown>, fileName: string): unknown {
  const id = slugify(fileName);
  const author = typeof list.AUTHOR === 'string' ? list.AUTHOR : undefined;
  const items = Object.entries(list)
    .filter(([key]) => !RESERVED.has(key))
    .map(([prompt, answers]) => ({ prompt, answers: (answers as unknown[]).map((a) => String(a).trim()).filter(Boolean) }))
    .filter((item) => item.answers.length > 0);
  const firstAnswers = items.map((item) => item.answers[0]!);

  const questions = items.map((item, index) => {
    const right = item.answers[0]!;
    const accepted = new Set(item.answers.map((a) => a.toLowerCase()));
    // Prefer distractors of the same kind (numbers with numbers), taken in a fixed order so re-imports match.
    const pool = firstAnswers
      .map((answer, i) => ({ answer, distance: (i - index + firstAnswers.length) % firstAnswers.length }))
      .filter(({ answer }) => !accepted.has(answer.toLowerCase()))
      .sort((a, b) => Number(isNumeric(b.answer) === isNumeric(right)) - Number(isNumeric(a.answer) === isNumeric(right)) || a.distance - b.distance);
    const distractors: string[] = [];
    for (const { answer } of pool) {
      if (distractors.length === 3) break;
      if (!distractors.some((d) => d.toLowerCase() === answer.toLowerCase())) distractors.push(answer);
    }
    const slot = index % (distractors.length + 1);
    const options = [...distractors];
    options.splice(slot, 0, right);
    const others = item.answers.slice(1);
    return {
      id: `${id}-${index + 1}`,
      prompt: item.prompt,
      options,
      answer: slot,
      explanation: `The accepted answer is "${right}".${others.length ? ` Also accepted: ${others.join(', ')}.` : ''}`,
      difficulty: 2,
    };
  });

  const chunks: (typeof questions)[] = [];
  for (let i = 0; i < questions.length; i += LIMITS.questionsPerTopic) chunks.push(questions.slice(i, i + LIMITS.questionsPerTopic));
  const title = fileName.replace(/\.[a-z]+$/i, '');
  return {
    id,
    title: title.slice(0, LIMITS.title),
    description: `Imported from the trivia list ${fileName}${author ? ` by ${author}` : ''}.`,
    version: '1',
    stages: [
      {
        id: `${id}-stage`,
        title: title.slice(0, LIMITS.title),
        summary: `Questions from ${fileName}.`,
        topics: chunks.map((chunk, i) => ({
          id: `${id}-part-${i + 1}`,
          title: chunks.length > 1 ? `${title} (part ${i + 1})`.slice(0, LIMITS.title) : title.slice(0, LIMITS.title),
          summary: `${chunk.length} trivia questions imported from ${fileName}.`,
          keyPoints: ['Answer with the buttons; each question has one accepted answer.'],
          questions: chunk,
        })),
      },
    ],
  };
}
