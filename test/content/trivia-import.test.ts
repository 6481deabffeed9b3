import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/content/limits.js';
import { loadPackFromText, type LoadedPack } from '../../src/content/load-pack.js';

const trivia = `AUTHOR: Someone
CONFIG:
  timeout: 20
What is the capital of France?:
- Paris
What is 2 + 2?:
- 4
- four
Which planet is known as the red planet?:
- Mars
How many legs does a spider have?:
- 8
- eight
Which gas do plants take in?:
- Carbon dioxide
- CO2
`;

describe('importing a Red-DiscordBot trivia list', () => {
  it('turns each question into multiple choice with its accepted answer and distractors from the list', () => {
    const result = loadPackFromText(trivia, 'general_knowledge.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.id).toBe('general-knowledge');
    const questions = result.pack.stages[0]!.topics[0]!.questions;
    expect(questions).toHaveLength(5);
    for (const q of questions) {
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      expect(new Set(q.options.map((o) => o.toLowerCase())).size).toBe(q.options.length);
    }
    const sum = questions.find((q) => q.prompt === 'What is 2 + 2?')!;
    expect(sum.options[sum.answer]).toBe('4');
    // Numeric answers draw numeric distractors first: the only other number in the list is 8.
    expect(sum.options).toContain('8');
    expect(sum.explanation).toContain('Also accepted: four');
    expect(result.pack.description).toContain('by Someone');
  });

  it('spreads the right answer over different positions', () => {
    const result = loadPackFromText(trivia, 'general_knowledge.yaml');
    if (!result.ok) throw new Error('expected a valid pack');
    const positions = new Set(result.pack.stages[0]!.topics[0]!.questions.map((q) => q.answer));
    expect(positions.size).toBeGreaterThan(1);
  });

  it('reports a trivia list whose entries are not lists of answers as a pack with problems', () => {
    const result = loadPackFromText('What is 2 + 2?: 4\n', 'bad.yaml');
    expect(result.ok).toBe(false);
  });
});

const untidy = readFileSync(new URL('../fixtures/trivia/solar-system-untidy.yaml', import.meta.url), 'utf8');

function imported(text: string, fileName = 'solar-system-untidy.yaml'): LoadedPack {
  const result = loadPackFromText(text, fileName);
  if (!result.ok) throw new Error(`expected the list to import: ${JSON.stringify(result.problems)}`);
  return result;
}

const questionsOf = (loaded: LoadedPack) => loaded.pack.stages.flatMap((s) => s.topics.flatMap((t) => t.questions));
const leftOut = (loaded: LoadedPack) => loaded.trivia!.leftOut.map((p) => `${p.path}: ${p.message}`);

describe('importing a trivia list with faulty entries', () => {
  it('imports the rest of the list and reports each entry left out with its line, prompt and reason', () => {
    const loaded = imported(untidy);
    expect(loaded.trivia).toMatchObject({ imported: 7, entries: 14 });
    expect(leftOut(loaded)).toEqual([
      'line 1 AUTHOR: makes the pack description 1486 characters: it is cut to 1000',
      'line 12 "Which planet is closest to the Sun?": is a duplicate key: the entry at line 5 is kept',
      'line 14 "WHICH planet has the great red spot?": repeats the prompt at line 7',
      'line 16 "Picture yourself drifting past each world of the solar syst…": prompt is too long: at most 500 characters',
      'line 18 "Which planet spins on its side?" answer 1: is too long: at most 200 characters; "Uranus" is offered as the right choice instead',
      'line 21 "Which dwarf planet lost its planet status in 2006?": has no answer that can be a choice: answer 1 is too long: at most 200 characters',
      'line 27 "What colour is the sky on Mars at noon?": has no list of answers',
      'line 28 "Which is the hottest planet?": has no list of answers',
      'line 29 "Which planet is called the morning star?": has no answers',
    ]);
    expect(questionsOf(loaded).map((q) => q.prompt)).toEqual([
      'Which planet is closest to the Sun?',
      'Which planet has the Great Red Spot?',
      'How many moons does Mars have?',
      'Which planet spins on its side?',
      'Which planet is famous for its rings?',
      'Which planet is farthest from the Sun?',
      'What does a light-year measure?',
    ]);
  });

  it('keeps the first of a key written twice, and the first of a prompt repeated in other case or spacing', () => {
    const questions = questionsOf(imported(untidy));
    const closest = questions.find((q) => q.prompt === 'Which planet is closest to the Sun?')!;
    expect(closest.options[closest.answer]).toBe('Mercury');
    const spot = questions.filter((q) => q.prompt.toLowerCase().replace(/\s+/g, ' ') === 'which planet has the great red spot?');
    expect(spot).toHaveLength(1);
    expect(spot[0]!.options[spot[0]!.answer]).toBe('Jupiter');
  });

  it('offers a shorter accepted answer when the first is too long, and never offers an over-long text as a choice', () => {
    const questions = questionsOf(imported(untidy));
    const tilted = questions.find((q) => q.prompt === 'Which planet spins on its side?')!;
    expect(tilted.options[tilted.answer]).toBe('Uranus');
    expect(tilted.explanation).toMatch(/^The accepted answer is "Uranus"\. Also accepted: It rolls around the Sun/);
    for (const question of questions) {
      for (const option of question.options) expect(option.length).toBeLessThanOrEqual(LIMITS.option);
      expect(question.options.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('numbers questions by their place in the list, so a left-out entry does not renumber the ones after it', () => {
    const ids = questionsOf(imported(untidy)).map((q) => q.id);
    expect(ids).toEqual(['1', '2', '3', '7', '9', '10', '14'].map((n) => `solar-system-untidy-${n}`));
  });

  it('cuts a description made too long by AUTHOR to the pack limit, keeping DESCRIPTION first', () => {
    const { pack } = imported(untidy);
    expect(pack.description).toHaveLength(LIMITS.packDescription);
    expect(pack.description).toMatch(/^Questions about the solar system, some of them written badly on purpose\. Imported from the trivia list solar-system-untidy\.yaml by Ada Quill/);
    expect(pack.description.endsWith('…')).toBe(true);
  });

  it('leaves out a question with no other answer to offer as a wrong choice', () => {
    // The third question accepts every answer the others could lend it.
    const loaded = imported('Is water wet?:\n- yes\nIs ice cold?:\n- Yes\nWill it rain?:\n- maybe\n- yes\n', 'tiny.yaml');
    expect(questionsOf(loaded).map((q) => q.prompt)).toEqual(['Is water wet?', 'Is ice cold?']);
    expect(leftOut(loaded)).toEqual(['line 5 "Will it rain?": has no other answer in the list to offer as a wrong choice']);
    expect(loaded.trivia).toMatchObject({ imported: 2, entries: 3 });
  });

  it('refuses a list none of whose questions can be asked, saying why for each', () => {
    const result = loadPackFromText(`Empty?: []\nToo long?:\n- ${'x'.repeat(LIMITS.option + 1)}\n`, 'hopeless.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'line 1 "Empty?": has no answers',
      'line 2 "Too long?": has no answer that can be a choice: answer 1 is too long: at most 200 characters',
      '(file): is a trivia list, but none of its 2 questions can be asked',
    ]);
  });

  it('reports a clean list as imported in full', () => {
    const loaded = imported(trivia, 'general_knowledge.yaml');
    expect(loaded.trivia).toEqual({ leftOut: [], imported: 5, entries: 5 });
  });

  it('spreads a list longer than one stage holds over several stages', () => {
    const count = LIMITS.questionsPerTopic * LIMITS.topicsPerStage + 1;
    const text = Array.from({ length: count }, (_, i) => `Question ${i + 1}?:\n- answer ${i + 1}\n`).join('');
    const loaded = imported(text, 'huge.yaml');
    expect(loaded.pack.stages.map((s) => [s.id, s.topics.length])).toEqual([['huge-stage', LIMITS.topicsPerStage], ['huge-stage-2', 1]]);
    expect(loaded.trivia).toMatchObject({ imported: count, entries: count, leftOut: [] });
  });
});
