import { systemClock } from '../src/clock.js';
import { createGuildContext } from '../src/guilds/guild-context.js';
import { createProgressTracker, type AnswerEvent } from '../src/progress/tracker.js';
import { createAnswerStore } from '../src/store/answer-store.js';
import { createContentStore, type QuestionRow } from '../src/store/content-store.js';
import type { Db } from '../src/store/database.js';
import { createGuildStore } from '../src/store/guild-store.js';
import { createProgressStore } from '../src/store/progress-store.js';
import { startCheckpointer } from '../src/store/checkpointer.js';
import { preparedDatabase, workspace } from './bot.js';
import { plainAnswerWriter } from './plain-store.js';
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

/** One block of `count` calls, each timed: the answers go through `write` one call (one transaction) each. */
function timeBlock(write: (event: AnswerEvent) => unknown, nextEvent: () => AnswerEvent, count: number, latencies: number[]): number {
  let elapsed = 0;
  for (let i = 0; i < count; i++) {
    const event = nextEvent();
    const t0 = performance.now();
    write(event);
    const ms = performance.now() - t0;
    latencies.push(ms);
    elapsed += ms;
  }
  return elapsed;
}

export interface TimedWriter {
  write: (event: AnswerEvent) => unknown;
  nextEvent: () => AnswerEvent;
}

/**
 * Times `count` answers through each writer, one call each, in alternating blocks of `block`, so the tracker and
 * its reference see the same moments of a busy machine. The rate counts only the time inside the calls.
 */
export function timeAlternating(writers: Record<string, TimedWriter>, count: number, block = 5_000) {
  const names = Object.keys(writers);
  const state = Object.fromEntries(names.map((n) => [n, { ms: 0, latencies: [] as number[] }]));
  const meter = loadMeter();
  for (let done = 0; done < count; done += block) {
    for (const name of names) {
      const w = writers[name]!;
      state[name]!.ms += timeBlock(w.write, w.nextEvent, Math.min(block, count - done), state[name]!.latencies);
    }
  }
  const { benchCpuPercent, otherCpuPercent } = meter();
  return Object.fromEntries(names.map((name) => {
    const { ms, latencies } = state[name]!;
    const d = distribution(latencies);
    return [name, {
      answers: count,
      seconds: round(ms / 1000, 2),
      transactionsPerSecond: Math.round(count / (ms / 1000)),
      perTransactionMs: { p50: round(d.p50, 3), p95: round(d.p95, 3), p99: round(d.p99, 3), max: round(d.max, 2) },
      load: { benchCpuPercent, otherCpuPercent },
    }];
  }));
}

export interface StoreOptions {
  /** Answers recorded in the timed part. */
  answers: number;
  guilds: number;
  membersPerGuild: number;
}

/** Every fourth answer is a daily quiz answer (one per member and post), the rest practice (one per showing). */
function answerStream(options: StoreOptions, questions: QuestionRow[], seed: number) {
  const random = seededRandom(seed);
  let n = 0;
  return (): AnswerEvent => {
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
}

/**
 * Answer transactions straight into SQLite through the real tracker: each record() is one transaction (answer row,
 * member totals, streak for daily answers, review card, stage check), on a real file in WAL mode, synchronous=NORMAL.
 * Alongside, on a second fresh file, the same answers through the plain loop of bench/plain-store.ts.
 */
export async function benchStore(options: StoreOptions) {
  const spaces = { tracker: workspace('store'), plain: workspace('store-plain') };
  try {
    const db = preparedDatabase(spaces.tracker.databasePath);
    const plainDb = preparedDatabase(spaces.plain.databasePath);
    const { tracker, guilds, questions } = trackerOn(db);
    for (let g = 0; g < options.guilds; g++) {
      guilds.upsertSchedule({ guildId: `g${g}`, kind: 'daily', channelId: `c${g}`, localTime: '09:00', weekday: null, timezone: 'Europe/London' }, 0);
    }
    // The same stream of answers for both.
    const writers = {
      tracker: { write: (e: AnswerEvent) => tracker.record(e), nextEvent: answerStream(options, questions, 42) },
      plain: { write: plainAnswerWriter(plainDb), nextEvent: answerStream(options, questions, 42) },
    };
    const warmup = Math.min(5_000, options.answers);
    for (const w of Object.values(writers)) for (let i = 0; i < warmup; i++) w.write(w.nextEvent());
    const timed = timeAlternating(writers, options.answers);
    const rows = db.prepare('SELECT count(*) FROM answers').pluck().get() as number;
    const journal = db.pragma('journal_mode', { simple: true }) as string;
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.close();
    plainDb.close();
    const t = timed.tracker!;
    const p = timed.plain!;
    const grouped = await timeGrouped(options, GROUP_TURN);
    return {
      grouped,
      groupedRatioToPlain: round(grouped.transactionsPerSecond / p.transactionsPerSecond, 3),
      answers: options.answers,
      rowsInTable: rows,
      warmupAnswers: warmup,
      seconds: t.seconds,
      transactionsPerSecond: t.transactionsPerSecond,
      perTransactionMs: t.perTransactionMs,
      plain: { seconds: p.seconds, transactionsPerSecond: p.transactionsPerSecond, perTransactionMs: p.perTransactionMs },
      ratioToPlain: round(t.transactionsPerSecond / p.transactionsPerSecond, 3),
      sqlite: { journalMode: journal, synchronous: synchronous === 1 ? 'NORMAL' : String(synchronous) },
      guilds: options.guilds,
      membersPerGuild: options.membersPerGuild,
      load: t.load,
    };
  } finally {
    spaces.tracker.remove();
    spaces.plain.remove();
  }
}

/** Answers that reach the bot in one turn of its event loop, as in a burst of clicks: they share a commit. */
const GROUP_TURN = 16;

/**
 * The store as the bot runs it: answers submitted GROUP_TURN at a time through tracker.submit() (one transaction per
 * turn, each answer in its own savepoint), with the bot's checkpoint worker running, on a fresh file.
 */
async function timeGrouped(options: StoreOptions, turn: number) {
  const space = workspace('store-grouped');
  const db = preparedDatabase(space.databasePath);
  const checkpointer = startCheckpointer(db, (error) => console.error('checkpoint worker:', error));
  try {
    const { tracker, guilds, questions } = trackerOn(db);
    for (let g = 0; g < options.guilds; g++) {
      guilds.upsertSchedule({ guildId: `g${g}`, kind: 'daily', channelId: `c${g}`, localTime: '09:00', weekday: null, timezone: 'Europe/London' }, 0);
    }
    const next = answerStream(options, questions, 42);
    const turns = async (count: number) => {
      for (let done = 0; done < count; done += turn) await Promise.all(Array.from({ length: Math.min(turn, count - done) }, () => tracker.submit(next())));
    };
    await turns(Math.min(5_000, options.answers));
    const meter = loadMeter();
    const started = performance.now();
    await turns(options.answers);
    const seconds = (performance.now() - started) / 1000;
    const { benchCpuPercent, otherCpuPercent } = meter();
    return { answers: options.answers, answersPerTurn: turn, seconds: round(seconds, 2), transactionsPerSecond: Math.round(options.answers / seconds), load: { benchCpuPercent, otherCpuPercent } };
  } finally {
    await checkpointer.stop();
    db.close();
    space.remove();
  }
}
