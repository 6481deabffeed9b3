/**
 * The completion rule, stated once: a member completes a stage when they have answered correctly at least
 * `threshold` (default 80%) of that stage's questions, each question counted once however often it is answered.
 */
export const DEFAULT_COMPLETION_THRESHOLD = 0.8;

export interface StageProgress {
  stageId: string;
  title: string;
  mastered: number;
  total: number;
  share: number;
  complete: boolean;
}

export function stageProgress(stage: { id: string; title: string }, mastered: number, total: number, threshold: number): StageProgress {
  const share = total === 0 ? 0 : mastered / total;
  return { stageId: stage.id, title: stage.title, mastered, total, share, complete: total > 0 && share >= threshold - 1e-9 };
}

export function describeRule(threshold: number): string {
  return `A stage is complete when you have answered at least ${Math.round(threshold * 100)}% of its questions correctly (each question counts once).`;
}
