import { afterEach, describe, expect, it } from 'vitest';
import { loadPackFromPath, type LoadedPack } from '../../src/content/load-pack.js';
import type { Db } from '../../src/store/database.js';
import { syncPack } from '../../src/store/content-sync.js';
import { migratedDb } from '../helpers/db.js';
import { useTempDir } from '../helpers/temp-dir.js';

const fixture = new URL('../fixtures/packs/mini', import.meta.url).pathname;

function loadMini(): LoadedPack {
  const result = loadPackFromPath(fixture);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

/** The same pack with one change, re-hashed as the loader would. */
function edited(base: LoadedPack, change: (pack: LoadedPack['pack']) => void): LoadedPack {
  const pack = structuredClone(base.pack);
  change(pack);
  return { ...base, pack, hash: `${base.hash}-${JSON.stringify(pack).length}-${Math.random()}` };
}

describe('syncing a pack into the store', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  const snapshot = () => ({
    questions: db.prepare('SELECT key, id, prompt, retired_at FROM questions ORDER BY key').all(),
    topics: db.prepare('SELECT id, stage_id, position, title FROM topics ORDER BY id').all(),
    plan: db.prepare('SELECT day, topic_id FROM study_plan ORDER BY day').all(),
    challenges: db.prepare('SELECT id, question_ids FROM challenges').all(),
  });
  const answerAs = (userId: string, questionId: string) =>
    db.prepare(`INSERT INTO answers (guild_id, user_id, question_key, choice, correct, source, source_ref, answered_at)
                SELECT 'g', ?, key, 0, 1, 'practice', 'r', 0 FROM questions WHERE id = ?`).run(userId, questionId);

  it('loads every stage, topic, question, study day and challenge', () => {
    db = migratedDb(tempDir());
    const report = syncPack(db, loadMini(), { origin: 'bundled', now: 1 });
    expect(report).toEqual({ packId: 'mini', changed: true, questions: { added: 5, updated: 0, retired: 0, total: 5 } });
    const state = snapshot();
    expect(state.questions).toHaveLength(5);
    expect(state.topics).toEqual([
      { id: 'averages', stage_id: 'basics', position: 0, title: 'Averages' },
      { id: 'spread', stage_id: 'advanced', position: 0, title: 'Spread' },
    ]);
    expect(state.plan).toEqual([{ day: 0, topic_id: 'averages' }, { day: 1, topic_id: 'spread' }]);
  });

  it('changes nothing when the same pack is loaded twice', () => {
    db = migratedDb(tempDir());
    syncPack(db, loadMini(), { origin: 'bundled', now: 1 });
    const before = snapshot();
    const loadedAt = db.prepare('SELECT loaded_at FROM packs').pluck().get();
    const again = syncPack(db, loadMini(), { origin: 'bundled', now: 2 });
    expect(again.changed).toBe(false);
    expect(snapshot()).toEqual(before);
    expect(db.prepare('SELECT loaded_at FROM packs').pluck().get()).toBe(loadedAt);
  });

  it('updates an edited question in place, keeping the answers members gave to it', () => {
    db = migratedDb(tempDir());
    const base = loadMini();
    syncPack(db, base, { origin: 'bundled', now: 1 });
    answerAs('u1', 'averages-1');
    answerAs('u2', 'averages-1');
    const keyBefore = db.prepare("SELECT key FROM questions WHERE id = 'averages-1'").pluck().get();

    const report = syncPack(db, edited(base, (p) => (p.stages[0]!.topics[0]!.questions[0]!.prompt = 'What is the median of 100, 2 and 1?')), { origin: 'bundled', now: 2 });

    expect(report.questions).toMatchObject({ added: 0, updated: 1, retired: 0 });
    expect(db.prepare("SELECT key, prompt FROM questions WHERE id = 'averages-1'").get()).toEqual({ key: keyBefore, prompt: 'What is the median of 100, 2 and 1?' });
    expect(db.prepare('SELECT count(*) FROM answers WHERE question_key = ?').pluck().get(keyBefore)).toBe(2);
  });

  it('retires a removed question instead of deleting it, and revives it if it comes back', () => {
    db = migratedDb(tempDir());
    const base = loadMini();
    syncPack(db, base, { origin: 'bundled', now: 1 });
    answerAs('u1', 'spread-3');
    const without = edited(base, (p) => p.stages[1]!.topics[0]!.questions.pop());
    expect(syncPack(db, without, { origin: 'bundled', now: 5 }).questions).toMatchObject({ retired: 1, total: 4 });
    expect(db.prepare("SELECT retired_at FROM questions WHERE id = 'spread-3'").pluck().get()).toBe(5);
    expect(db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(1);

    syncPack(db, edited(base, () => {}), { origin: 'bundled', now: 6 });
    expect(db.prepare("SELECT retired_at FROM questions WHERE id = 'spread-3'").pluck().get()).toBeNull();
  });

  it('moves a topic to another stage without losing its questions', () => {
    db = migratedDb(tempDir());
    const base = loadMini();
    syncPack(db, base, { origin: 'bundled', now: 1 });
    const moved = edited(base, (p) => {
      const topic = p.stages[1]!.topics.pop()!;
      p.stages[0]!.topics.push(topic);
      p.stages[1]!.topics.push({ ...topic, id: 'range', title: 'Range', questions: topic.questions.map((q) => ({ ...q, id: `${q.id}-r`, prompt: `${q.prompt} (range)` })) });
    });
    syncPack(db, moved, { origin: 'bundled', now: 2 });
    expect(db.prepare("SELECT stage_id, position FROM topics WHERE id = 'spread'").get()).toEqual({ stage_id: 'basics', position: 1 });
    expect(db.prepare("SELECT count(*) FROM questions WHERE topic_id = 'spread' AND retired_at IS NULL").pluck().get()).toBe(3);
  });
});
