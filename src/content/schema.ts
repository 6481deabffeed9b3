import { z } from 'zod';
import { LIMITS } from './limits.js';

const slug = z
  .string()
  .max(LIMITS.slug, `must be at most ${LIMITS.slug} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug: letters a-z, digits and single hyphens, e.g. "data-cleaning"');

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `is too long: at most ${max} characters`);

/** Options that make a question answerable by elimination rather than knowledge. */
export const CATCH_ALL_OPTION = /\b(all|none|both|neither) of (the )?(above|these|them|those|options|answers)\b|^both [a-e] and [a-e]$/i;

/** One choice of a question; exported so an importer can test a candidate before offering it. */
export const optionSchema = text(LIMITS.option).refine((value) => !CATCH_ALL_OPTION.test(value), {
  message: 'must be a real answer, not "all/none/both of the above"',
});

export const promptSchema = text(LIMITS.prompt);

export const questionSchema = z.strictObject({
  id: slug,
  prompt: promptSchema,
  options: z.array(optionSchema).min(LIMITS.minOptions, `needs at least ${LIMITS.minOptions} options`).max(LIMITS.maxOptions, `has more than ${LIMITS.maxOptions} options`),
  answer: z.int('must be a whole number: the 0-based index of the right option').min(0, 'must be 0 or more'),
  explanation: text(LIMITS.explanation),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3' }),
});

export const sourceSchema = z.strictObject({
  document: text(LIMITS.document),
  section: text(LIMITS.section),
});

export const topicSchema = z.strictObject({
  id: slug,
  title: text(LIMITS.title),
  summary: text(LIMITS.topicSummary),
  keyPoints: z.array(text(LIMITS.keyPoint)).min(1, 'needs at least one key point').max(LIMITS.keyPoints, `has more than ${LIMITS.keyPoints} key points`),
  sources: z.array(sourceSchema).max(LIMITS.sources, `has more than ${LIMITS.sources} sources`).default([]),
  questions: z.array(questionSchema).min(1, 'needs at least one question').max(LIMITS.questionsPerTopic, `has more than ${LIMITS.questionsPerTopic} questions`),
});

export const stageSchema = z.strictObject({
  id: slug,
  title: text(LIMITS.title),
  summary: text(LIMITS.stageSummary),
  topics: z.array(topicSchema).min(1, 'needs at least one topic').max(LIMITS.topicsPerStage, `has more than ${LIMITS.topicsPerStage} topics`),
});

export const challengeSchema = z.strictObject({
  id: slug,
  title: text(LIMITS.title),
  stage: slug.optional(),
  questions: z.array(slug).length(LIMITS.challengeQuestions, `must name exactly ${LIMITS.challengeQuestions} question ids`),
});

export const documentSchema = z.strictObject({
  file: text(LIMITS.document),
  title: text(200),
});

const version = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version number such as 1 or 1.2.0'),
);

export const packShape = z.strictObject({
  id: slug,
  title: text(LIMITS.title),
  description: text(LIMITS.packDescription),
  version,
  documents: z.array(documentSchema).max(LIMITS.documents).optional(),
  stages: z.array(stageSchema).min(1, 'needs at least one stage').max(LIMITS.stages, `has more than ${LIMITS.stages} stages`),
  studyPlan: z.array(slug).max(LIMITS.studyPlanDays).optional(),
  challenges: z.array(challengeSchema).max(LIMITS.challenges).optional(),
});

export type Pack = z.output<typeof packShape>;
export type Stage = Pack['stages'][number];
export type Topic = Stage['topics'][number];
export type Question = Topic['questions'][number];
export type Challenge = NonNullable<Pack['challenges']>[number];
