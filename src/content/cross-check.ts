import { CURRICULUM_RULES } from './limits.js';
import type { Pack } from './schema.js';

export type Path = (string | number)[];
export interface Finding {
  path: Path;
  message: string;
}

/** Two texts that differ only in case or spacing count as the same prompt or option. */
export const normaliseText = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/** Rules that span more than one field: unique ids and prompts, answers in range, references that resolve. */
export function crossCheck(pack: Pack): Finding[] {
  const findings: Finding[] = [];
  const idPaths = new Map<string, Path>();
  const claimId = (id: string, path: Path) => {
    const first = idPaths.get(id);
    if (first) findings.push({ path, message: `duplicates the id "${id}" already used at ${formatPath(first)}` });
    else idPaths.set(id, path);
  };
  const prompts = new Map<string, Path>();
  const documents = pack.documents ? new Set(pack.documents.map((d) => d.file)) : undefined;
  const topicIds = new Set<string>();
  const stageIds = new Set<string>();
  const questionIds = new Set<string>();

  pack.stages.forEach((stage, s) => {
    claimId(stage.id, ['stages', s, 'id']);
    stageIds.add(stage.id);
    stage.topics.forEach((topic, t) => {
      const topicPath: Path = ['stages', s, 'topics', t];
      claimId(topic.id, [...topicPath, 'id']);
      topicIds.add(topic.id);
      topic.sources.forEach((source, i) => {
        if (documents && !documents.has(source.document)) {
          findings.push({
            path: [...topicPath, 'sources', i, 'document'],
            message: `"${source.document}" is not one of the pack's documents (${[...documents].join(', ')})`,
          });
        }
      });
      topic.questions.forEach((question, q) => {
        const path: Path = [...topicPath, 'questions', q];
        claimId(question.id, [...path, 'id']);
        questionIds.add(question.id);
        if (question.answer >= question.options.length) {
          findings.push({
            path: [...path, 'answer'],
            message: `is ${question.answer} but there are only ${question.options.length} options (the first is 0)`,
          });
        }
        const seen = new Map<string, number>();
        question.options.forEach((option, o) => {
          const earlier = seen.get(normaliseText(option));
          if (earlier !== undefined) findings.push({ path: [...path, 'options', o], message: `repeats option ${earlier}` });
          else seen.set(normaliseText(option), o);
        });
        const promptKey = normaliseText(question.prompt);
        const firstPrompt = prompts.get(promptKey);
        if (firstPrompt) findings.push({ path: [...path, 'prompt'], message: `repeats the prompt at ${formatPath(firstPrompt)}` });
        else prompts.set(promptKey, [...path, 'prompt']);
      });
    });
  });

  pack.studyPlan?.forEach((topicId, i) => {
    if (!topicIds.has(topicId)) findings.push({ path: ['studyPlan', i], message: `names unknown topic "${topicId}"` });
  });
  pack.challenges?.forEach((challenge, c) => {
    claimId(challenge.id, ['challenges', c, 'id']);
    if (challenge.stage && !stageIds.has(challenge.stage)) {
      findings.push({ path: ['challenges', c, 'stage'], message: `names unknown stage "${challenge.stage}"` });
    }
    const inChallenge = new Set<string>();
    challenge.questions.forEach((questionId, q) => {
      const path: Path = ['challenges', c, 'questions', q];
      if (!questionIds.has(questionId)) findings.push({ path, message: `names unknown question "${questionId}"` });
      if (inChallenge.has(questionId)) findings.push({ path, message: `lists question "${questionId}" twice` });
      inChallenge.add(questionId);
    });
  });
  return findings;
}

/** What a curriculum we ship must also satisfy; for other packs these are warnings. */
export function curriculumCheck(pack: Pack): Finding[] {
  const findings: Finding[] = [];
  const cited = new Set<string>();
  pack.stages.forEach((stage, s) => {
    stage.topics.forEach((topic, t) => {
      topic.sources.forEach((source) => cited.add(source.document));
      if (topic.questions.length < CURRICULUM_RULES.minQuestionsPerTopic) {
        findings.push({
          path: ['stages', s, 'topics', t, 'questions'],
          message: `has ${topic.questions.length} questions; a curriculum topic needs at least ${CURRICULUM_RULES.minQuestionsPerTopic}`,
        });
      }
      if (topic.sources.length === 0) findings.push({ path: ['stages', s, 'topics', t, 'sources'], message: 'cites no source' });
    });
  });
  pack.documents?.forEach((document, d) => {
    if (!cited.has(document.file)) findings.push({ path: ['documents', d], message: `"${document.file}" is never cited by a topic` });
  });
  if (!pack.studyPlan?.length) findings.push({ path: ['studyPlan'], message: 'is missing: the daily posts need a study plan' });
  if (!pack.challenges?.length) findings.push({ path: ['challenges'], message: 'is missing: the weekly posts need challenges' });
  return findings;
}

/** ['stages', 2, 'topics', 0, 'answer'] -> "stages[2].topics[0].answer" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}
