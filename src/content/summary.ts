import type { Pack } from './schema.js';

export interface PackSummary {
  id: string;
  title: string;
  version: string;
  stages: number;
  topics: number;
  questions: number;
  studyPlanDays: number;
  challenges: number;
  documentsCited: string[];
  questionsByDifficulty: Record<'1' | '2' | '3', number>;
  answerPositions: number[];
  fewestQuestionsInATopic: number;
}

/** Counts a moderator (or a reviewer) wants to see at a glance. */
export function summarisePack(pack: Pack): PackSummary {
  const topics = pack.stages.flatMap((stage) => stage.topics);
  const questions = topics.flatMap((topic) => topic.questions);
  const byDifficulty = { '1': 0, '2': 0, '3': 0 };
  const positions: number[] = [];
  for (const question of questions) {
    byDifficulty[String(question.difficulty) as '1' | '2' | '3'] += 1;
    positions[question.answer] = (positions[question.answer] ?? 0) + 1;
  }
  return {
    id: pack.id,
    title: pack.title,
    version: pack.version,
    stages: pack.stages.length,
    topics: topics.length,
    questions: questions.length,
    studyPlanDays: pack.studyPlan?.length ?? 0,
    challenges: pack.challenges?.length ?? 0,
    documentsCited: [...new Set(topics.flatMap((topic) => topic.sources.map((source) => source.document)))].sort(),
    questionsByDifficulty: byDifficulty,
    answerPositions: Array.from(positions, (count) => count ?? 0),
    fewestQuestionsInATopic: Math.min(...topics.map((topic) => topic.questions.length)),
  };
}
