import type { LoadedPack } from '../content/load-pack.js';
import type { Db } from './database.js';
import { contentChanged } from './content-version.js';

export interface SyncOptions {
  origin: 'bundled' | 'imported';
  ownerGuildId?: string | null;
  now: number;
}

export interface SyncReport {
  packId: string;
  changed: boolean;
  questions: { added: number; updated: number; retired: number; total: number };
}

/**
 * Brings the store in line with a validated pack, in one transaction. Rows are matched by their slugs, so an
 * edited question keeps its key and the answers that point at it; an item the pack no longer has is retired,
 * never deleted. A pack whose hash is unchanged is not touched at all.
 */
export function syncPack(db: Db, loaded: LoadedPack, options: SyncOptions): SyncReport {
  const { pack, hash } = loaded;
  const total = pack.stages.reduce((n, s) => n + s.topics.reduce((m, t) => m + t.questions.length, 0), 0);
  const current = db.prepare('SELECT content_hash AS hash FROM packs WHERE id = ?').get(pack.id) as { hash: string } | undefined;
  if (current?.hash === hash) {
    return { packId: pack.id, changed: false, questions: { added: 0, updated: 0, retired: 0, total } };
  }
  const s = statements(db);
  const run = db.transaction(() => {
    s.upsertPack.run({
      id: pack.id, title: pack.title, description: pack.description, version: pack.version, hash,
      origin: options.origin, owner: options.ownerGuildId ?? null, now: options.now,
    });
    const known = new Set((s.questionIds.all(pack.id) as { id: string }[]).map((row) => row.id));
    let added = 0;
    let updated = 0;
    const stageIds: string[] = [];
    const topicIds: string[] = [];
    const questionIds: string[] = [];
    pack.stages.forEach((stage, position) => {
      stageIds.push(stage.id);
      s.upsertStage.run({ pack: pack.id, id: stage.id, position, title: stage.title, summary: stage.summary });
      stage.topics.forEach((topic, topicPosition) => {
        topicIds.push(topic.id);
        s.upsertTopic.run({
          pack: pack.id, id: topic.id, stage: stage.id, position: topicPosition, title: topic.title, summary: topic.summary,
          keyPoints: JSON.stringify(topic.keyPoints), sources: JSON.stringify(topic.sources),
        });
        topic.questions.forEach((question, questionPosition) => {
          questionIds.push(question.id);
          const { changes } = s.upsertQuestion.run({
            pack: pack.id, id: question.id, topic: topic.id, position: questionPosition, prompt: question.prompt,
            options: JSON.stringify(question.options), answer: question.answer, explanation: question.explanation,
            difficulty: question.difficulty,
          });
          if (!known.has(question.id)) added += 1;
          else if (changes > 0) updated += 1;
        });
      });
    });
    const now = options.now;
    s.retireStages.run(now, pack.id, JSON.stringify(stageIds));
    s.retireTopics.run(now, pack.id, JSON.stringify(topicIds));
    const retired = s.retireQuestions.run(now, pack.id, JSON.stringify(questionIds)).changes;

    s.clearPlan.run(pack.id);
    pack.studyPlan?.forEach((topicId, day) => s.insertPlanDay.run(pack.id, day, topicId));
    const challengeIds = (pack.challenges ?? []).map((challenge, position) => {
      s.upsertChallenge.run({
        pack: pack.id, id: challenge.id, position, title: challenge.title, stage: challenge.stage ?? null,
        questions: JSON.stringify(challenge.questions),
      });
      return challenge.id;
    });
    s.retireChallenges.run(now, pack.id, JSON.stringify(challengeIds));
    return { added, updated, retired };
  });
  const counts = run();
  contentChanged(db);
  return { packId: pack.id, changed: true, questions: { ...counts, total } };
}

function statements(db: Db) {
  const retire = (table: string) =>
    db.prepare(
      `UPDATE ${table} SET retired_at = ? WHERE pack_id = ? AND retired_at IS NULL AND id NOT IN (SELECT value FROM json_each(?))`,
    );
  return {
    upsertPack: db.prepare(`
      INSERT INTO packs (id, title, description, version, content_hash, origin, owner_guild_id, loaded_at)
      VALUES (@id, @title, @description, @version, @hash, @origin, @owner, @now)
      ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,
        version = excluded.version, content_hash = excluded.content_hash, loaded_at = excluded.loaded_at`),
    questionIds: db.prepare('SELECT id FROM questions WHERE pack_id = ? AND guild_id IS NULL'),
    upsertStage: db.prepare(`
      INSERT INTO stages (pack_id, id, position, title, summary) VALUES (@pack, @id, @position, @title, @summary)
      ON CONFLICT (pack_id, id) DO UPDATE SET position = excluded.position, title = excluded.title,
        summary = excluded.summary, retired_at = NULL`),
    upsertTopic: db.prepare(`
      INSERT INTO topics (pack_id, id, stage_id, position, title, summary, key_points, sources)
      VALUES (@pack, @id, @stage, @position, @title, @summary, @keyPoints, @sources)
      ON CONFLICT (pack_id, id) DO UPDATE SET stage_id = excluded.stage_id, position = excluded.position,
        title = excluded.title, summary = excluded.summary, key_points = excluded.key_points,
        sources = excluded.sources, retired_at = NULL`),
    upsertQuestion: db.prepare(`
      INSERT INTO questions (pack_id, id, topic_id, position, prompt, options, answer, explanation, difficulty)
      VALUES (@pack, @id, @topic, @position, @prompt, @options, @answer, @explanation, @difficulty)
      ON CONFLICT (pack_id, id) DO UPDATE SET topic_id = excluded.topic_id, position = excluded.position,
        prompt = excluded.prompt, options = excluded.options, answer = excluded.answer,
        explanation = excluded.explanation, difficulty = excluded.difficulty, retired_at = NULL
      WHERE (questions.topic_id, questions.position, questions.prompt, questions.options, questions.answer,
             questions.explanation, questions.difficulty)
        IS NOT (excluded.topic_id, excluded.position, excluded.prompt, excluded.options, excluded.answer,
                excluded.explanation, excluded.difficulty)
        OR questions.retired_at IS NOT NULL`),
    retireStages: retire('stages'),
    retireTopics: retire('topics'),
    // A server's own questions are not the pack's to retire.
    retireQuestions: db.prepare(
      `UPDATE questions SET retired_at = ? WHERE pack_id = ? AND guild_id IS NULL AND retired_at IS NULL AND id NOT IN (SELECT value FROM json_each(?))`,
    ),
    retireChallenges: retire('challenges'),
    clearPlan: db.prepare('DELETE FROM study_plan WHERE pack_id = ?'),
    insertPlanDay: db.prepare('INSERT INTO study_plan (pack_id, day, topic_id) VALUES (?, ?, ?)'),
    upsertChallenge: db.prepare(`
      INSERT INTO challenges (pack_id, id, position, title, stage_id, question_ids)
      VALUES (@pack, @id, @position, @title, @stage, @questions)
      ON CONFLICT (pack_id, id) DO UPDATE SET position = excluded.position, title = excluded.title,
        stage_id = excluded.stage_id, question_ids = excluded.question_ids, retired_at = NULL`),
  };
}
