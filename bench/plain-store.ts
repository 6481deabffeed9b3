import type { AnswerEvent } from '../src/progress/tracker.js';
import type { Db } from '../src/store/database.js';

/**
 * The reference for the store: better-sqlite3 with nothing of the tracker, writing only the answer row, one
 * transaction per answer, into the real `answers` table (the migrations' schema: its primary key, unique key and
 * three indexes, and the foreign key to `questions`) of a file opened by `openDatabase` (so with the bot's pragmas).
 * What the tracker adds on top of this is its reads and its other rows: totals, streak, review card, stage check.
 */
export function plainAnswerWriter(db: Db): (event: AnswerEvent) => void {
  const insert = db.prepare(`INSERT INTO answers (guild_id, user_id, question_key, choice, correct, source, source_ref, answered_at, xp)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id, source, source_ref, question_key) DO NOTHING`);
  const write = db.transaction((event: AnswerEvent) => {
    const correct = event.choice === event.question.answer;
    insert.run(event.guildId, event.userId, event.question.key, event.choice, correct ? 1 : 0, event.source, event.sourceRef, Date.now(), correct ? 10 : 0);
  });
  return (event) => void write(event);
}
