import { describe, expect, it } from 'vitest';
import { loadPackFromText } from '../../src/content/load-pack.js';

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
