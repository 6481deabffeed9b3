import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPackFromPath, type LoadedPack } from '../../src/content/load-pack.js';
import type { Pack } from '../../src/content/schema.js';
import { bundledPacksDir } from '../../src/paths.js';

const packDir = join(bundledPacksDir, 'ml-engineer');

/** The four documents the curriculum was written from (in /work/shared/seeds); listed here, not read from the pack. */
const SEED_DOCUMENTS = [
  '000_75ed614be42b281b.txt',
  '001_b971eb43af7d4431.txt',
  '002_5c4ff5064b26bfeb.txt',
  '003_12f3c5574597a27b.txt',
];

/** Options that could be picked by elimination: "all of the above", "none of these", "both A and B" and friends. */
const CATCH_ALL = /\b(all|none|both|neither)\s+(of\s+)?(the\s+)?(above|below|these|those|them|options|answers|previous)\b|\bboth\s+[a-e]\s+and\s+[a-e]\b/i;

const topicsOf = (pack: Pack) => pack.stages.flatMap((stage) => stage.topics);
const questionsOf = (pack: Pack) => topicsOf(pack).flatMap((topic) => topic.questions);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('the bundled Machine Learning Engineer pack', () => {
  let loaded: LoadedPack;
  let pack: Pack;

  beforeAll(() => {
    const result = loadPackFromPath(packDir);
    if (!result.ok) {
      throw new Error(`ml-engineer pack is invalid:\n${result.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n')}`);
    }
    loaded = result;
    pack = result.pack;
  });

  it('is valid with no curriculum warnings', () => {
    expect(pack.id).toBe('ml-engineer');
    expect(pack.title).toBe('Machine Learning Engineer roadmap');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.files).toHaveLength(1 + pack.stages.length);
  });

  it('is big enough: at least 8 stages, 48 topics and 240 questions', () => {
    expect(pack.stages.length).toBeGreaterThanOrEqual(8);
    expect(topicsOf(pack).length).toBeGreaterThanOrEqual(48);
    expect(questionsOf(pack).length).toBeGreaterThanOrEqual(240);
  });

  it('gives every stage at least 5 topics and every topic at least 5 questions', () => {
    const thinStages = pack.stages.filter((stage) => stage.topics.length < 5).map((stage) => stage.id);
    const thinTopics = topicsOf(pack).filter((topic) => topic.questions.length < 5).map((topic) => topic.id);
    expect(thinStages).toEqual([]);
    expect(thinTopics).toEqual([]);
  });

  it('declares and cites each of the four seed documents', () => {
    const declared = (pack.documents ?? []).map((document) => document.file);
    const cited = new Set(topicsOf(pack).flatMap((topic) => topic.sources.map((source) => source.document)));
    for (const file of SEED_DOCUMENTS) {
      expect(declared, `${file} is declared in documents`).toContain(file);
      expect(cited.has(file), `${file} is cited by some topic`).toBe(true);
    }
    expect([...declared].sort()).toEqual(SEED_DOCUMENTS);
  });

  it('has a study plan that covers every topic exactly once', () => {
    const plan = pack.studyPlan ?? [];
    const topicIds = topicsOf(pack).map((topic) => topic.id);
    const repeated = plan.filter((id, i) => plan.indexOf(id) !== i);
    expect(repeated).toEqual([]);
    expect([...plan].sort()).toEqual([...topicIds].sort());
  });

  it('has one challenge per stage, each of 5 questions from that stage and harder than average', () => {
    const challenges = pack.challenges ?? [];
    expect(challenges.map((challenge) => challenge.stage)).toEqual(pack.stages.map((stage) => stage.id));

    const difficultyOf = new Map(questionsOf(pack).map((question) => [question.id, question.difficulty] as const));
    const packAverage = mean([...difficultyOf.values()]);
    for (const challenge of challenges) {
      const stage = pack.stages.find((candidate) => candidate.id === challenge.stage);
      expect(stage, `${challenge.id} names a stage of the pack`).toBeDefined();
      const stageQuestionIds = new Set(stage!.topics.flatMap((topic) => topic.questions.map((question) => question.id)));
      expect(challenge.questions, challenge.id).toHaveLength(5);
      expect(new Set(challenge.questions).size, `${challenge.id} has no repeats`).toBe(5);
      expect(challenge.questions.filter((id) => !stageQuestionIds.has(id)), `${challenge.id} uses only its stage's questions`).toEqual([]);
      const average = mean(challenge.questions.map((id) => difficultyOf.get(id) ?? 0));
      expect(average, `${challenge.id} average difficulty vs the pack's ${packAverage.toFixed(2)}`).toBeGreaterThan(packAverage);
    }
  });

  it('spreads the answers: no position holds more than 40% of them', () => {
    const questions = questionsOf(pack);
    const counts = new Map<number, number>();
    for (const question of questions) counts.set(question.answer, (counts.get(question.answer) ?? 0) + 1);
    for (const [position, count] of counts) {
      expect(count / questions.length, `answer position ${position}`).toBeLessThanOrEqual(0.4);
    }
  });

  it('has no "all of the above"-style options', () => {
    const offending = questionsOf(pack).flatMap((question) =>
      question.options.filter((option) => CATCH_ALL.test(option)).map((option) => `${question.id}: ${option}`),
    );
    expect(offending).toEqual([]);
  });

  it('recognises the catch-all wordings it is meant to catch', () => {
    for (const option of ['All of the above', 'none of these', 'Both A and B', 'Neither of the options', 'all the above']) {
      expect(CATCH_ALL.test(option), option).toBe(true);
    }
    expect(CATCH_ALL.test('A strong negative linear relationship between the two')).toBe(false);
  });
});
