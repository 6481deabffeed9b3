import { contentChanged } from './content-version.js';
import type { Db } from './database.js';

export type SuggestionStatus = 'waiting' | 'approved' | 'rejected';

export interface Suggestion {
  id: number;
  guildId: string;
  authorId: string;
  packId: string;
  topicId: string;
  prompt: string;
  /** The right answer first, then the wrong ones, as the member typed them. */
  options: string[];
  answer: number;
  explanation: string;
  status: SuggestionStatus;
  reason: string | null;
  reviewerId: string | null;
  createdAt: number;
  decidedAt: number | null;
  toldAt: number | null;
  questionKey: number | null;
}

export type SuggestionDraft = Pick<Suggestion, 'guildId' | 'authorId' | 'packId' | 'topicId' | 'prompt' | 'options' | 'answer' | 'explanation'>;

const COLUMNS = `id, guild_id AS guildId, author_id AS authorId, pack_id AS packId, topic_id AS topicId, prompt, options, answer,
  explanation, status, reason, reviewer_id AS reviewerId, created_at AS createdAt, decided_at AS decidedAt, told_at AS toldAt,
  question_key AS questionKey`;

type Raw = Omit<Suggestion, 'options'> & { options: string };
const fromRow = (row: Raw | undefined): Suggestion | undefined => row && { ...row, options: JSON.parse(row.options) as string[] };

/** Members' suggested questions, and the server's own questions the approved ones become. */
export function createSuggestionStore(db: Db) {
  const s = {
    add: db.prepare(`INSERT INTO suggestions (guild_id, author_id, pack_id, topic_id, prompt, options, answer, explanation, created_at)
      VALUES (@guildId, @authorId, @packId, @topicId, @prompt, @options, @answer, @explanation, @now)`),
    byId: db.prepare(`SELECT ${COLUMNS} FROM suggestions WHERE id = ?`),
    waitingFrom: db.prepare(`SELECT count(*) FROM suggestions WHERE guild_id = ? AND author_id = ? AND status = 'waiting'`),
    firstWaiting: db.prepare(`SELECT ${COLUMNS} FROM suggestions WHERE guild_id = ? AND status = 'waiting' AND id > ? ORDER BY id LIMIT 1`),
    waitingCount: db.prepare(`SELECT count(*) FROM suggestions WHERE guild_id = ? AND status = 'waiting'`),
    edit: db.prepare(`UPDATE suggestions SET prompt = @prompt, options = @options, answer = @answer, explanation = @explanation
      WHERE id = @id AND status = 'waiting'`),
    decide: db.prepare(`UPDATE suggestions SET status = @status, reason = @reason, reviewer_id = @reviewerId, decided_at = @now,
      question_key = @questionKey WHERE id = @id AND status = 'waiting'`),
    untold: db.prepare(`SELECT ${COLUMNS} FROM suggestions WHERE guild_id = ? AND author_id = ? AND status != 'waiting' AND told_at IS NULL ORDER BY id`),
    told: db.prepare('UPDATE suggestions SET told_at = ? WHERE id = ? AND told_at IS NULL'),
    approvedFrom: db.prepare(`SELECT count(*) FROM suggestions WHERE guild_id = ? AND author_id = ? AND status = 'approved'`),
    prompts: db.prepare(`SELECT prompt FROM questions WHERE pack_id = @packId AND retired_at IS NULL AND (guild_id IS NULL OR guild_id = @guildId)
      UNION ALL SELECT prompt FROM suggestions WHERE guild_id = @guildId AND status = 'waiting' AND id != @except`),
    nextPosition: db.prepare('SELECT coalesce(max(position), 0) + 1 FROM questions WHERE pack_id = ? AND topic_id = ?'),
    addQuestion: db.prepare(`INSERT INTO questions (pack_id, id, topic_id, position, prompt, options, answer, explanation, difficulty, guild_id, author_id)
      VALUES (@packId, @id, @topicId, @position, @prompt, @options, @answer, @explanation, 2, @guildId, @authorId) RETURNING key`),
    serverQuestions: db.prepare(`SELECT q.key, q.topic_id AS topicId, q.prompt, q.options, q.answer, q.explanation, q.difficulty, q.author_id AS authorId
      FROM questions q WHERE q.pack_id = ? AND q.guild_id = ? AND q.retired_at IS NULL ORDER BY q.key`),
  };
  return {
    add: (draft: SuggestionDraft, now: number) => Number(s.add.run({ ...draft, options: JSON.stringify(draft.options), now }).lastInsertRowid),
    byId: (id: number) => fromRow(s.byId.get(id) as Raw | undefined),
    waitingFrom: (guildId: string, authorId: string) => s.waitingFrom.pluck().get(guildId, authorId) as number,
    /** The oldest waiting suggestion after `afterId` (0: the oldest of all). */
    firstWaiting: (guildId: string, afterId = 0) => fromRow(s.firstWaiting.get(guildId, afterId) as Raw | undefined),
    waitingCount: (guildId: string) => s.waitingCount.pluck().get(guildId) as number,
    edit: (id: number, fields: Pick<Suggestion, 'prompt' | 'options' | 'answer' | 'explanation'>) =>
      s.edit.run({ id, ...fields, options: JSON.stringify(fields.options) }).changes === 1,
    /** Every prompt a new question must not repeat: the pack's, the server's own, and the other waiting suggestions. */
    prompts: (guildId: string, packId: string, except = 0) => s.prompts.pluck().all({ guildId, packId, except }) as string[],
    /** Approves: the question joins the server's bank in the same transaction, so a crash leaves neither or both. */
    approve: db.transaction((id: number, reviewerId: string, now: number, question: { options: string[]; answer: number }): number | null => {
      const suggestion = fromRow(s.byId.get(id) as Raw | undefined);
      if (!suggestion || suggestion.status !== 'waiting') return null;
      const position = s.nextPosition.pluck().get(suggestion.packId, suggestion.topicId) as number;
      const { key } = s.addQuestion.get({
        packId: suggestion.packId, id: `server-${suggestion.guildId}-${id}`, topicId: suggestion.topicId, position, prompt: suggestion.prompt,
        options: JSON.stringify(question.options), answer: question.answer, explanation: suggestion.explanation,
        guildId: suggestion.guildId, authorId: suggestion.authorId,
      }) as { key: number };
      s.decide.run({ id, status: 'approved', reason: null, reviewerId, now, questionKey: key });
      contentChanged(db);
      return key;
    }),
    reject: (id: number, reviewerId: string, reason: string, now: number) =>
      s.decide.run({ id, status: 'rejected', reason, reviewerId, now, questionKey: null }).changes === 1,
    /** Outcomes the author has not been told yet. */
    untold: (guildId: string, authorId: string) => (s.untold.all(guildId, authorId) as Raw[]).map((r) => fromRow(r)!),
    markTold: (id: number, now: number) => void s.told.run(now, id),
    approvedFrom: (guildId: string, authorId: string) => s.approvedFrom.pluck().get(guildId, authorId) as number,
    serverQuestions: (packId: string, guildId: string) =>
      (s.serverQuestions.all(packId, guildId) as { key: number; topicId: string; prompt: string; options: string; answer: number; explanation: string; difficulty: number; authorId: string }[])
        .map((q) => ({ ...q, options: JSON.parse(q.options) as string[] })),
  };
}

export type SuggestionStore = ReturnType<typeof createSuggestionStore>;
