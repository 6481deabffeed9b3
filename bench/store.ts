import { systemClock } from '../src/clock.js';
import { createGuildContext } from '../src/guilds/guild-context.js';
import { createProgressTracker, type AnswerEvent } from '../src/progress/tracker.js';
import { createAnswerStore } from '../src/store/answer-store.js';
import { createContentStore, type QuestionRow } from '../src/store/content-store.js';
import type { Db } from '../src/store/database.js';
import { createGuildStore } from '../src/store/guild-store.js';
import { createProgressStore } from '../src/store/progress-store.js';
import { preparedDatabase, workspace } from './bot.js';
import { distribution, loadMeter, round } from './stats.js';

/** The real progress tracker on a database the way the bot builds it (src/services.ts), minus Discord. */
export function trackerOn(db: Db) {
  const content = createContentStore(db);
  const guilds = createGuildStore(db);
  const packId = content.packs()[0]!.id;
  const tracker = createProgressTracker({
    db, answers: createAnswerStore(db), progress: createProgressStore(db), content, guilds,
    guild: createGuildContext(guilds, systemClock, packId), clock: systemClock, onRolesQueued: () => undefined,
  });
  const questions = content.liveQuestions(packId).map((q) => content.question(q.key)!);
  return { tracker, content, guilds, packId, questions };
}

/** A deterministic stream of numbers in [0, 1), so every run answers the same questions. */
export function seededRandom(seed = 42) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state + Math.imul(state ^ (state >>> 7), 0x297a2d39);
    return ((state ^ (state >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Records `count` answers one transaction each, timing each; the machine's load alongside. */
export function timeAnswers(tracker: ReturnType<typeof trackerOn>['tracker'], nextEvent: () => AnswerEvent, count: number) {
  const latencies = new Array<number>(count);
  let newAnswers = 0;
  const meter = loadMeter();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const event = nextEvent();
    const t0 = performance.now();
    if (tracker.record(event).isNew) newAnswers += 1;
    latencies[i] = performance.now() - t0;
  }
  const seconds = (performance.now() - started) / 1000;
  const { benchCpuPercent, otherCpuPercent } = meter();
  const d = distribution(latencies);
  return {
    newAnswers,
    seconds: round(seconds, 2),
    transactionsPerSecond: Math.round(count / seconds),
    perTransactionMs: { p50: round(d.p50, 3), p95: round(d.p95, 3), p99: round(d.p99, 3), max: round(d.max, 2) },
    load: { benchCpuPercent, otherCpuPercent },
  };
}

export interface StoreOptions {
  /** Answers recorded in the timed part. */
  answers: number;
  guilds: number;
  membersPerGuild: number;
}

/**
 * Answer transactions straight into SQLite through the real tracker: each record() is one transaction (answer row,
 * member totals, streak for daily answers, review card, stage check), on a real file in WAL mode, synchronous=NORMAL.
 */
export function benchStore(options: StoreOptions) {
  const space = workspace('store');
  try {
    const db = preparedDatabase(space.databasePath);
    const { tracker, guilds, questions } = trackerOn(db);
    const random = seededRandom();
    for (let g = 0; g < options.guilds; g++) {
      guilds.upsertSchedule({ guildId: `g${g}`, kind: 'daily', channelId: `c${g}`, localTime: '09:00', weekday: null, timezone: 'Europe/London' }, 0);
    }
    // Every fourth answer is a daily quiz answer (one per member and post), the rest practice (one per showing).
    let n = 0;
    const nextEvent = (): AnswerEvent => {
      const i = n++;
      const guildId = `g${i % options.guilds}`;
      const member = Math.floor(i / options.guilds) % options.membersPerGuild;
      const question = questions[Math.floor(random() * questions.length)] as QuestionRow;
      const choice = random() < 0.7 ? question.answer : (question.answer + 1) % question.options.length;
      const daily = i % 4 === 0;
      return {
        guildId, userId: `u${member}`, question, choice, source: daily ? 'daily' : 'practice',
        sourceRef: daily ? `post:${Math.floor(i / (options.guilds * options.membersPerGuild))}` : `m${i}:r`, onItsDay: daily,
      };
    };
    const warmup = Math.min(5_000, options.answers);
    for (let i = 0; i < warmup; i++) tracker.record(nextEvent());
    const timed = timeAnswers(tracker, nextEvent, options.answers);
    const rows = db.prepare('SELECT count(*) FROM answers').pluck().get() as number;
    const journal = db.pragma('journal_mode', { simple: true }) as string;
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.close();
    return {
      answers: options.answers,
      newAnswers: timed.newAnswers,
      rowsInTable: rows,
      warmupAnswers: warmup,
      seconds: timed.seconds,
      transactionsPerSecond: timed.transactionsPerSecond,
      perTransactionMs: timed.perTransactionMs,
      sqlite: { journalMode: journal, synchronous: synchronous === 1 ? 'NORMAL' : String(synchronous) },
      guilds: options.guilds,
      membersPerGuild: options.membersPerGuild,
      load: timed.load,
    };
  } finally {
    space.remove();
  }
}
