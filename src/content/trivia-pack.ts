import { LIMITS } from './limits.js';

/** A trivia entry ready to ask: its right option, the wrong ones, and the other answers Red would accept. */
export interface TriviaQuestion {
  /** Position of the entry in the list, so fixing one entry does not renumber the questions after it. */
  number: number;
  prompt: string;
  right: string;
  wrong: string[];
  alsoAccepted: string[];
}

const slugify = (text: string) =>
  text.toLowerCase().replace(/\.[a-z]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'trivia';

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Builds a pack object from questions already chosen; `descriptionCut` says why, when the description had to be cut. */
export function triviaPack(questions: TriviaQuestion[], fileName: string, credits: { author?: string; about?: string }) {
  const id = slugify(fileName);
  const title = cut(fileName.replace(/\.[a-z]+$/i, ''), LIMITS.title);
  const description = `${credits.about ? `${credits.about} ` : ''}Imported from the trivia list ${fileName}${credits.author ? ` by ${credits.author}` : ''}.`;

  const asked = questions.map((question, index) => {
    // Spread the right answer over the positions, in a fixed way so a re-import puts it in the same place.
    const slot = index % (question.wrong.length + 1);
    const options = [...question.wrong];
    options.splice(slot, 0, question.right);
    const others = question.alsoAccepted.length ? ` Also accepted: ${question.alsoAccepted.join(', ')}.` : '';
    return {
      id: `${id}-${question.number}`,
      prompt: question.prompt,
      options,
      answer: slot,
      explanation: cut(`The accepted answer is "${question.right}".${others}`, LIMITS.explanation),
      difficulty: 2,
    };
  });

  const topics = chunk(asked, LIMITS.questionsPerTopic).map((part, i, all) => ({
    id: `${id}-part-${i + 1}`,
    title: all.length > 1 ? cut(`${title} (part ${i + 1})`, LIMITS.title) : title,
    summary: `${part.length} trivia questions imported from ${fileName}.`,
    keyPoints: ['Answer with the buttons; each question has one accepted answer.'],
    questions: part,
  }));
  // Only a list of more than 5,000 questions needs a second stage.
  const stages = chunk(topics, LIMITS.topicsPerStage).map((part, i, all) => ({
    id: i === 0 ? `${id}-stage` : `${id}-stage-${i + 1}`,
    title: all.length > 1 ? cut(`${title} (stage ${i + 1})`, LIMITS.title) : title,
    summary: cut(`Questions from ${fileName}.`, LIMITS.stageSummary),
    topics: part,
  }));

  return {
    pack: { id, title, description: cut(description, LIMITS.packDescription), version: '1', stages },
    descriptionCut: description.length > LIMITS.packDescription
      ? `makes the pack description ${description.length} characters: it is cut to ${LIMITS.packDescription}`
      : undefined,
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
