import { loadPackFromPath } from '../../src/content/load-pack.js';
import { createGuildContext } from '../../src/guilds/guild-context.js';
import { createProgressTracker } from '../../src/progress/tracker.js';
import { createAnswerStore } from '../../src/store/answer-store.js';
import { createContentStore, type QuestionRow } from '../../src/store/content-store.js';
import { syncPack } from '../../src/store/content-sync.js';
import { createGuildStore } from '../../src/store/guild-store.js';
import { createProgressStore } from '../../src/store/progress-store.js';
import { manualClock } from './bot.js';
import { migratedDb } from './db.js';

const mini = new URL('../fixtures/packs/mini', import.meta.url).pathname;

/** The progress tracker on a real SQLite file with the mini pack (stage basics: 2 questions; advanced: 3). */
export function progressWorld(dir: string, start = Date.parse('2026-11-23T12:00:00Z')) {
  const db = migratedDb(dir);
  const loaded = loadPackFromPath(mini);
  if (!loaded.ok) throw new Error('fixture pack invalid');
  syncPack(db, loaded, { origin: 'bundled', now: 0 });
  const clock = manualClock(start);
  const content = createContentStore(db);
  const guilds = createGuildStore(db);
  const guild = createGuildContext(guilds, clock, 'mini');
  const progress = createProgressStore(db);
  const queued: string[] = [];
  const tracker = createProgressTracker({
    db, answers: createAnswerStore(db), progress, content, guilds, guild, clock, onRolesQueued: (guildId) => void queued.push(guildId),
  });
  const question = (id: string): QuestionRow => content.questionById('mini', id)!;
  /** Answers question `id` right (or wrong) as `userId`, from practice message `ref`. */
  const answer = (userId: string, id: string, right = true, source: 'practice' | 'daily' | 'weekly' | 'review' = 'practice', ref = `m-${id}`) => {
    const q = question(id);
    return tracker.record({ guildId: 'g', userId, question: q, choice: right ? q.answer : (q.answer + 1) % q.options.length, source, sourceRef: ref, onItsDay: true });
  };
  return { db, clock, content, guilds, guild, progress, tracker, queued, question, answer };
}
