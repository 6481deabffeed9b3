/**
 * A separate process recording answers into a shared SQLite file, for the concurrency test:
 * tsx answer-worker.ts <database> <events.json>
 */
import { readFileSync } from 'node:fs';
import { systemClock } from '../../src/clock.js';
import { createGuildContext } from '../../src/guilds/guild-context.js';
import { createProgressTracker } from '../../src/progress/tracker.js';
import { createAnswerStore } from '../../src/store/answer-store.js';
import { createContentStore } from '../../src/store/content-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createGuildStore } from '../../src/store/guild-store.js';
import { createProgressStore } from '../../src/store/progress-store.js';

interface Event {
  userId: string;
  questionId: string;
  choice: number;
  ref: string;
}

const [databasePath, eventsPath] = process.argv.slice(2) as [string, string];
const events = JSON.parse(readFileSync(eventsPath, 'utf8')) as Event[];
const db = openDatabase(databasePath);
const content = createContentStore(db);
const guilds = createGuildStore(db);
const tracker = createProgressTracker({
  db, answers: createAnswerStore(db), progress: createProgressStore(db), content, guilds,
  guild: createGuildContext(guilds, systemClock, 'mini'), clock: systemClock, onRolesQueued: () => undefined,
});
let recorded = 0;
// Interleave with the other processes: yield between answers so their transactions land in between.
for (const event of events) {
  const question = content.questionById('mini', event.questionId)!;
  if (tracker.record({ guildId: 'g', userId: event.userId, question, choice: event.choice, source: 'practice', sourceRef: event.ref }).isNew) recorded += 1;
  await new Promise((resolve) => setImmediate(resolve));
}
db.close();
console.log(JSON.stringify({ recorded }));
