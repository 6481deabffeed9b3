import { quote } from '../errors.js';
import { normaliseText } from './cross-check.js';
import type { ContentProblem } from './parse-file.js';
import { optionSchema, promptSchema } from './schema.js';
import { triviaPack, type TriviaQuestion } from './trivia-pack.js';
import type { TriviaEntry, TriviaList } from './trivia-list.js';

/**
 * Cohort asks multiple-choice questions, so each trivia entry keeps one accepted answer as the right option and
 * borrows other entries' answers as the wrong ones. Red loads a list whatever a few of its entries look like, so
 * an entry Cohort cannot ask is left out and reported, never a reason to refuse the whole list.
 */
export interface TriviaImport {
  /** A pack object, still to be validated like any other. */
  pack: unknown;
  /** What was not imported as written, each with where it is and why. */
  leftOut: ContentProblem[];
  imported: number;
  entries: number;
}

const WRONG_OPTIONS = 3;

export function importTriviaList(list: TriviaList, file: string, fileName: string): TriviaImport {
  const leftOut: ContentProblem[] = [];
  const usable = list.entries.flatMap((entry, position) => {
    const chosen = chooseAnswer(entry, (path, message) => leftOut.push({ file, path, message }));
    return chosen ? [{ ...chosen, entry, number: position + 1 }] : [];
  });
  const kept = firstOfEachPrompt(usable, (item, message) => leftOut.push({ file, path: entryPath(item.entry), message }));

  const rights = kept.map((item) => item.right);
  const questions: TriviaQuestion[] = [];
  kept.forEach((item, index) => {
    const wrong = wrongOptions(rights, index, item.accepted);
    if (wrong.length === 0) {
      leftOut.push({ file, path: entryPath(item.entry), message: 'has no other answer in the list to offer as a wrong choice' });
      return;
    }
    questions.push({ number: item.number, prompt: item.prompt, right: item.right, wrong, alsoAccepted: item.alsoAccepted });
  });

  const built = triviaPack(questions, fileName, { author: list.author?.text, about: list.about?.text });
  if (built.descriptionCut) {
    const path = list.author ? `line ${list.author.line} AUTHOR` : list.about ? `line ${list.about.line} DESCRIPTION` : 'description';
    leftOut.push({ file, path, message: built.descriptionCut });
  }
  leftOut.sort((a, b) => lineOf(a) - lineOf(b));
  return { pack: built.pack, leftOut, imported: questions.length, entries: list.entries.length };
}

/** What a moderator is told about an imported trivia list. */
export type TriviaOutcome = Omit<TriviaImport, 'pack'>;

/** The line a reply ends with, and content:check prints: how much of the list made it. */
export const importedCount = (result: Pick<TriviaImport, 'imported' | 'entries'>) =>
  `imported ${result.imported} of ${result.entries} questions`;

/** Where a moderator finds the entry in their file: its line and the start of its prompt. */
const entryPath = (entry: TriviaEntry) => `line ${entry.line} ${entry.prompt === undefined ? '(key)' : quote(entry.prompt)}`;

const lineOf = (problem: ContentProblem) => Number(/^line (\d+)/.exec(problem.path)?.[1] ?? 0);

/** Why a text cannot be an option, in the schema's own words. */
const whyNotAnOption = (answer: string) => optionSchema.safeParse(answer).error?.issues[0]?.message ?? '';

/**
 * The right option is the first accepted answer that can be a choice. A list may open with a long explanation and
 * follow it with the short answer, so a long first answer only moves the choice on; the entry is left out when no
 * answer fits.
 */
function chooseAnswer(entry: TriviaEntry, leave: (path: string, message: string) => void) {
  const path = entryPath(entry);
  if (entry.prompt === undefined) return void leave(path, 'has a key that is not text, so it cannot be a prompt');
  const prompt = promptSchema.safeParse(entry.prompt);
  if (!prompt.success) return void leave(path, `prompt ${prompt.error.issues[0]?.message}`);
  if (!entry.answers) return void leave(path, 'has no list of answers');
  if (entry.answers.length === 0) return void leave(path, 'has no answers');
  const index = entry.answers.findIndex((answer) => optionSchema.safeParse(answer).success);
  if (index < 0) return void leave(path, `has no answer that can be a choice: answer 1 ${whyNotAnOption(entry.answers[0]!)}`);
  const right = entry.answers[index]!;
  entry.answers.slice(0, index).forEach((answer, i) => {
    leave(`${path} answer ${i + 1}`, `${whyNotAnOption(answer)}; ${quote(right)} is offered as the right choice instead`);
  });
  return {
    prompt: prompt.data,
    right,
    accepted: new Set(entry.answers.map(normaliseText)),
    alsoAccepted: entry.answers.filter((answer) => answer !== right),
  };
}

/** A key written twice, or a prompt repeated in other words of case or spacing: the first that can be asked wins. */
function firstOfEachPrompt<T extends { prompt: string; entry: TriviaEntry }>(items: T[], leave: (item: T, message: string) => void): T[] {
  const first = new Map<string, T>();
  return items.filter((item) => {
    const key = normaliseText(item.prompt);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, item);
      return true;
    }
    leave(item, earlier.entry.prompt === item.entry.prompt
      ? `is a duplicate key: the entry at line ${earlier.entry.line} is kept`
      : `repeats the prompt at line ${earlier.entry.line}`);
    return false;
  });
}

const isNumeric = (text: string) => /^-?[\d.,]+$/.test(text);

/**
 * Other entries' right answers, walking on from this entry so a re-import picks the same ones; answers of the same
 * kind (numbers for a number) come first so the right one does not stand out.
 */
function wrongOptions(rights: string[], index: number, accepted: Set<string>): string[] {
  const wantNumber = isNumeric(rights[index]!);
  const alike: string[] = [];
  const unlike: string[] = [];
  const taken = new Set(accepted);
  for (let step = 1; step < rights.length && alike.length < WRONG_OPTIONS; step++) {
    const candidate = rights[(index + step) % rights.length]!;
    const key = normaliseText(candidate);
    if (taken.has(key)) continue;
    taken.add(key);
    (isNumeric(candidate) === wantNumber ? alike : unlike).push(candidate);
  }
  return [...alike, ...unlike].slice(0, WRONG_OPTIONS);
}
