import { z } from 'zod';
import { contentVersion } from './content-version.js';
import type { Db } from './database.js';

export interface StageRow {
  id: string;
  position: number;
  title: string;
  summary: string;
}

export interface TopicRow {
  id: string;
  stageId: string;
  position: number;
  title: string;
  summary: string;
  keyPoints: string[];
  sources: { document: string; section: string }[];
}

export interface QuestionRow {
  key: number;
  packId: string;
  id: string;
  topicId: string;
  prompt: string;
  options: string[];
  answer: number;
  explanation: string;
  difficulty: number;
  retired: boolean;
  /** The server whose own question this is (an approved suggestion), and who suggested it; null for the pack's. */
  guildId: string | null;
  authorId: string | null;
}

export interface QuestionRef {
  key: number;
  topicId: string;
  stageId: string;
  difficulty: number;
}

export interface ChallengeRow {
  id: string;
  title: string;
  stageId: string | null;
  questionIds: string[];
}
type RawChallenge = Omit<ChallengeRow, 'questionIds'> & { questionIds: string };
const challengeFrom = (row: RawChallenge): ChallengeRow => ({ ...row, questionIds: z.array(z.string()).parse(JSON.parse(row.questionIds)) });

export interface PackRow {
  id: string;
  title: string;
  description: string;
  version: string;
  origin: 'bundled' | 'imported';
  ownerGuildId: string | null;
}

const stringList = z.array(z.string());
const sourceList = z.array(z.object({ document: z.string(), section: z.string() }));

type RawTopic = Omit<TopicRow, 'keyPoints' | 'sources'> & { keyPoints: string; sources: string };
type RawQuestion = Omit<QuestionRow, 'options' | 'retired'> & { options: string; retired: number };

const topicFrom = (row: RawTopic): TopicRow => ({
  ...row,
  keyPoints: stringList.parse(JSON.parse(row.keyPoints)),
  sources: sourceList.parse(JSON.parse(row.sources)),
});
const questionFrom = (row: RawQuestion): QuestionRow => ({
  ...row,
  options: stringList.parse(JSON.parse(row.options)),
  retired: row.retired === 1,
});

const TOPIC_COLUMNS = `t.id, t.stage_id AS stageId, t.position, t.title, t.summary, t.key_points AS keyPoints, t.sources`;
const QUESTION_COLUMNS = `q.key, q.pack_id AS packId, q.id, q.topic_id AS topicId, q.prompt, q.options, q.answer,
  q.explanation, q.difficulty, (q.retired_at IS NOT NULL) AS retired, q.guild_id AS guildId, q.author_id AS authorId`;

/** Read side of the curriculum: what the commands show. Only live (not retired) content is listed. */
export function createContentStore(db: Db) {
  const s = {
    pack: db.prepare(`SELECT id, title, description, version, origin, owner_guild_id AS ownerGuildId FROM packs WHERE id = ?`),
    packs: db.prepare(`SELECT id, title, description, version, origin, owner_guild_id AS ownerGuildId FROM packs ORDER BY origin, id`),
    stages: db.prepare(`SELECT id, position, title, summary FROM stages WHERE pack_id = ? AND retired_at IS NULL ORDER BY position`),
    topics: db.prepare(`SELECT ${TOPIC_COLUMNS} FROM topics t JOIN stages s ON s.pack_id = t.pack_id AND s.id = t.stage_id
      WHERE t.pack_id = ? AND t.retired_at IS NULL ORDER BY s.position, t.position`),
    topic: db.prepare(`SELECT ${TOPIC_COLUMNS} FROM topics t WHERE t.pack_id = ? AND t.id = ? AND t.retired_at IS NULL`),
    question: db.prepare(`SELECT ${QUESTION_COLUMNS} FROM questions q WHERE q.key = ?`),
    questionById: db.prepare(`SELECT ${QUESTION_COLUMNS} FROM questions q WHERE q.pack_id = ? AND q.id = ?`),
    questionCounts: db.prepare(`SELECT t.stage_id AS stageId, t.id AS topicId, count(q.key) AS questions FROM topics t
      LEFT JOIN questions q ON q.pack_id = t.pack_id AND q.topic_id = t.id AND q.retired_at IS NULL AND q.guild_id IS NULL
      WHERE t.pack_id = ? AND t.retired_at IS NULL GROUP BY t.stage_id, t.id`),
    studyPlan: db.prepare(`SELECT topic_id FROM study_plan WHERE pack_id = ? ORDER BY day`),
    stageOfTopic: db.prepare('SELECT stage_id FROM topics WHERE pack_id = ? AND id = ?'),
    challenges: db.prepare(`SELECT id, title, stage_id AS stageId, question_ids AS questionIds FROM challenges
      WHERE pack_id = ? AND retired_at IS NULL ORDER BY position`),
    challenge: db.prepare(`SELECT id, title, stage_id AS stageId, question_ids AS questionIds FROM challenges WHERE pack_id = ? AND id = ?`),
    liveQuestions: db.prepare(`SELECT q.key, q.topic_id AS topicId, t.stage_id AS stageId, q.difficulty FROM questions q
      JOIN topics t ON t.pack_id = q.pack_id AND t.id = q.topic_id
      WHERE q.pack_id = ? AND q.guild_id IS NULL AND q.retired_at IS NULL AND t.retired_at IS NULL ORDER BY q.key`),
    serverQuestions: db.prepare(`SELECT q.guild_id AS guildId, q.key, q.topic_id AS topicId, t.stage_id AS stageId, q.difficulty FROM questions q
      JOIN topics t ON t.pack_id = q.pack_id AND t.id = q.topic_id
      WHERE q.pack_id = ? AND q.guild_id IS NOT NULL AND q.retired_at IS NULL AND t.retired_at IS NULL ORDER BY q.key`),
  };
  // Clicks read the same few questions and topics over and over; content changes only when a pack is synced.
  const question = memo(db, (key: number) => {
    const row = s.question.get(key) as RawQuestion | undefined;
    if (!row) return undefined;
    const parsed = questionFrom(row);
    Object.freeze(parsed.options);
    return Object.freeze(parsed);
  });
  const stageOfTopic = memo(db, (packId: string, topicId: string) => s.stageOfTopic.pluck().get(packId, topicId) as string | undefined);
  const challenge = memo(db, (packId: string, id: string) => {
    const row = s.challenge.get(packId, id) as RawChallenge | undefined;
    return row && Object.freeze(challengeFrom(row));
  });
  const serverQuestions = memo(db, (packId: string) => {
    const byGuild = new Map<string, QuestionRef[]>();
    for (const { guildId, ...ref } of s.serverQuestions.all(packId) as (QuestionRef & { guildId: string })[]) {
      const list = byGuild.get(guildId);
      if (list) list.push(ref);
      else byGuild.set(guildId, [ref]);
    }
    return byGuild;
  });
  return {
    pack: (id: string) => s.pack.get(id) as PackRow | undefined,
    packs: () => s.packs.all() as PackRow[],
    stages: (packId: string) => s.stages.all(packId) as StageRow[],
    topics: (packId: string) => (s.topics.all(packId) as RawTopic[]).map(topicFrom),
    topic: (packId: string, id: string) => {
      const row = s.topic.get(packId, id) as RawTopic | undefined;
      return row && topicFrom(row);
    },
    /** A question by its key (retired ones too, flagged); the row is shared, so treat it as read-only. */
    question: (key: number): QuestionRow | undefined => question(key),
    questionById: (packId: string, id: string) => {
      const row = s.questionById.get(packId, id) as RawQuestion | undefined;
      return row && questionFrom(row);
    },
    questionCounts: (packId: string) => s.questionCounts.all(packId) as { stageId: string; topicId: string; questions: number }[],
    studyPlan: (packId: string) => s.studyPlan.pluck().all(packId) as string[],
    stageOfTopic: (packId: string, topicId: string): string | undefined => stageOfTopic(packId, topicId),
    liveQuestions: (packId: string) => s.liveQuestions.all(packId) as QuestionRef[],
    /** Every server's own live questions in this pack (approved suggestions), by server. */
    serverQuestions: (packId: string): Map<string, QuestionRef[]> => serverQuestions(packId),
    challenges: (packId: string) => (s.challenges.all(packId) as RawChallenge[]).map(challengeFrom),
    challenge: (packId: string, id: string): ChallengeRow | undefined => challenge(packId, id),
  };
}

export type ContentStore = ReturnType<typeof createContentStore>;

/** Remembers a content read by its arguments until the content version of the connection moves. */
export function memo<A extends (string | number)[], R>(db: Db, read: (...args: A) => R): (...args: A) => R {
  let version = -1;
  const results = new Map<string, R>();
  return (...args: A) => {
    const current = contentVersion(db);
    if (current !== version) {
      results.clear();
      version = current;
    }
    const key = args.join('\u0000');
    if (results.has(key)) return results.get(key)!;
    const result = read(...args);
    results.set(key, result);
    return result;
  };
}
