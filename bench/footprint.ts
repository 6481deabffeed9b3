import { copyFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { APIMessage } from 'discord.js';
import { renderDailyPost } from '../src/discord/render/scheduled.js';
import type { AnswerEvent } from '../src/progress/tracker.js';
import { postRef } from '../src/store/answer-store.js';
import { openDatabase } from '../src/store/database.js';
import { createPostStore } from '../src/store/post-store.js';
import { chooseDaily, dailyPost, nonceFor } from '../src/schedule/post-content.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../src/loopback/index.js';
import { buildMessage, type MessageBody } from '../src/loopback/messages.js';
import { botEnv, commandsRegistered, idFactory, longestStall, orExit, preparedDatabase, reader, spawnBot, stopQuietly, workspace, type BotProcess, type Workspace } from './bot.js';
import { dailyButtons, type Click } from './clicks.js';
import { answerTheDay } from './day.js';
import { plainAnswerWriter } from './plain-store.js';
import { seededRandom, timeAlternating, trackerOn } from './store.js';
import { memoryMiB, round, sleep, until } from './stats.js';

export interface FootprintOptions {
  guilds: number;
  membersPerGuild: number;
  /** Practice answers per member, recorded into the database before start-up. */
  practicePerMember: number;
  /**
   * Also run the day through a bot: every member's daily answer as a click (a closed loop with this many waiting),
   * then that bot's memory once idle. Off (0): the daily answers are recorded into the database with the rest.
   */
  liveDayConcurrency: number;
  /** Answers recorded straight through the tracker (and as many through the plain loop) on each copy of the day's database. */
  storeAnswers: number;
  /** Bots started on fresh copies of the day's database, one after another. */
  reps: number;
}

interface Guild {
  id: string;
  channel: string;
  members: string[];
}


/**
 * The bot's resident memory with many guilds after a day of answers: today's daily post is out in every guild and
 * every member has answered it and a few practice questions, recorded through the real tracker. That database is
 * built once; each repetition starts a bot process on a fresh copy of it and reads its VmRSS at ready and after its
 * first tick, then times the store on that copy (the tracker, and the plain loop as its reference).
 */
export async function benchFootprint(options: FootprintOptions) {
  let discord: LoopbackDiscord | undefined;
  let space: Workspace | undefined;
  try {
    discord = await startLoopbackDiscord({ contract: 'off' });
    const nextId = idFactory();
    const added: Guild[] = Array.from({ length: options.guilds }, (_, g) => {
      const members = Array.from({ length: options.membersPerGuild }, (_, i) => ({ id: nextId(), username: `g${g}m${i}` }));
      const guild = discord!.addGuild({ name: `Study group ${g}`, channels: [{ name: 'study' }], members });
      return { id: guild.id, channel: guild.channels.study!, members: members.map((m) => m.id) };
    });

    space = workspace('footprint');
    const live = options.liveDayConcurrency > 0;
    const seedStarted = performance.now();
    const seeded = seedDay(space.databasePath, discord, added, { practicePerMember: options.practicePerMember, daily: !live, messageId: idFactory(8) });
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    console.error(`  footprint: recorded ${seeded.answers} answers through the tracker in ${seedSeconds} s`);

    // Once per run: the day's daily answers as clicks through a bot, into the database the repetitions copy.
    const day = live ? await liveDay(discord, seeded.guilds, space, options.liveDayConcurrency) : null;
    // Everything in the main file, so a plain file copy is the whole database.
    const master = openDatabase(space.databasePath);
    master.pragma('wal_checkpoint(TRUNCATE)');
    master.close();
    const db = reader(space.databasePath);
    const pages = (db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number);
    const databaseMiB = round((pages * (db.pragma('page_size', { simple: true }) as number)) / 2 ** 20);
    const dailyAnswers = db.prepare("SELECT count(*) FROM answers WHERE source = 'daily'").pluck().get() as number;
    db.close();

    const reps = [];
    for (let rep = 0; rep < options.reps; rep++) reps.push(await footprintOnCopy(discord, space, seeded.guilds, options.storeAnswers));
    return {
      guilds: options.guilds,
      membersPerGuild: options.membersPerGuild,
      answersRecordedBeforeStart: seeded.answers,
      seedSeconds,
      dailyAnswers,
      databaseMiB,
      liveDay: day,
      reps,
    };
  } finally {
    await stopQuietly(undefined, discord, space);
  }
}

/** One repetition on a copy of the day's database, removed afterwards. */
async function footprintOnCopy(discord: LoopbackDiscord, space: Workspace, guilds: Guild[], storeAnswers: number) {
  const copy = workspace('footprint-copy');
  let bot: BotProcess | undefined;
  try {
    copyFileSync(space.databasePath, copy.databasePath);
    // A bot process on the day's database: resident memory after ready and after its first tick.
    bot = spawnBot(botEnv(discord, copy.dir, copy.databasePath, 'info'), { probe: true });
    const b = bot;
    const ready = await orExit(b, until(() => b.lines.find((l) => l.msg === 'connected to Discord'), 'connected to Discord', 60_000, 5));
    const atReady = memoryMiB(b.pid);
    const readyAt = Date.now();
    const startupMs = round(ready.at - b.spawnedAt, 0);
    // The first tick follows registration (at once if the command set is registered already); with today's posts
    // out it only checks every schedule.
    await sleep(3000);
    const afterTick = memoryMiB(b.pid);
    const probe = await b.probe();
    const errorLines = b.errorLines();
    await b.stop();
    const storeAtScale = storeOn(copy.databasePath, guilds, storeAnswers);
    discord.forgetHistory();
    return {
      answersInDatabase: storeAtScale.answersBefore,
      startupToReadyMs: startupMs,
      rssAtReadyMiB: atReady.rss,
      rssAfterTickMiB: afterTick.rss,
      peakRssMiB: afterTick.peak,
      heapAfterTickMiB: probe?.memoryMiB ?? null,
      discordCaches: probe?.cache ?? null,
      firstTickStallMs: longestStall(probe, readyAt, Date.now()),
      botErrorLines: errorLines,
      storeAtScale,
    };
  } finally {
    await bot?.stop();
    copy.remove();
  }
}

/** Every member answers their guild's daily quiz through a running bot (bench/day.ts), in random order of options. */
async function liveDay(discord: LoopbackDiscord, guilds: (Guild & { post: APIMessage })[], space: Workspace, concurrency: number) {
  const bot = spawnBot(botEnv(discord, space.dir, space.databasePath, 'warn'), { probe: true });
  try {
    await orExit(bot, commandsRegistered(discord));
    const random = seededRandom(11);
    const clicks: Click[] = [];
    for (let m = 0; m < (guilds[0]?.members.length ?? 0); m++) {
      for (const guild of guilds) {
        const buttons = dailyButtons(guild.post);
        clicks.push({ message: guild.post, customId: buttons[Math.floor(random() * buttons.length)]!, userId: guild.members[m]! });
      }
    }
    return await answerTheDay(discord, bot, clicks, concurrency);
  } finally {
    await bot.stop();
  }
}

/**
 * The store at this size: answers straight through the tracker on the day's database, alternating in blocks with
 * the plain loop (bench/plain-store.ts) on the same file, its reference at the same size.
 */
function storeOn(path: string, guilds: Guild[], count: number) {
  const db = openDatabase(path);
  try {
    const answersBefore = db.prepare('SELECT count(*) FROM answers').pluck().get() as number;
    const { tracker, questions } = trackerOn(db);
    const stream = (seed: number, tag: string) => {
      const random = seededRandom(seed);
      let i = 0;
      return (): AnswerEvent => {
        const guild = guilds[i % guilds.length]!;
        const userId = guild.members[Math.floor(i / guilds.length) % guild.members.length]!;
        const question = questions[Math.floor(random() * questions.length)]!;
        i += 1;
        const choice = random() < 0.7 ? question.answer : (question.answer + 1) % question.options.length;
        return { guildId: guild.id, userId, question, choice, source: 'practice', sourceRef: `${tag}-${i}:r` };
      };
    };
    const timed = timeAlternating({
      tracker: { write: (e) => tracker.record(e), nextEvent: stream(13, 'scale') },
      plain: { write: plainAnswerWriter(db), nextEvent: stream(13, 'plain') },
    }, count, 2_000);
    const t = timed.tracker!;
    const p = timed.plain!;
    return {
      answersBefore, ...t,
      plain: { seconds: p.seconds, transactionsPerSecond: p.transactionsPerSecond, perTransactionMs: p.perTransactionMs },
      ratioToPlain: round(t.transactionsPerSecond / p.transactionsPerSecond, 3),
    };
  } finally {
    db.close();
  }
}

/**
 * Schedules; today's daily post in every guild (recorded as sent, and put in the loopback channel as the bot would
 * have posted it); each member's practice answers and, unless the day is to be run live, their daily answer, all
 * through the tracker.
 */
function seedDay(path: string, discord: LoopbackDiscord, guilds: Guild[], options: { practicePerMember: number; daily: boolean; messageId: () => string }) {
  const db = preparedDatabase(path);
  const { tracker, content, packId, questions } = trackerOn(db);
  const posts = createPostStore(db);
  const random = seededRandom(7);
  const now = Date.now();
  const today = DateTime.fromMillis(now, { zone: 'UTC' });
  const slot = today.toISODate()!;
  const schedule = db.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
    VALUES (?, 'daily', ?, '00:00', NULL, 'UTC', 0, 0)`);
  let answers = 0;
  const pick = (q: { answer: number; options: string[] }) => (random() < 0.7 ? q.answer : (q.answer + 1) % q.options.length);
  // One transaction per guild (each answer is still the tracker's own transaction, nested as a savepoint).
  const seedGuild = db.transaction((guild: Guild) => {
    schedule.run(guild.id, guild.channel);
    const choice = chooseDaily(content, packId, 0)!;
    const claimed = posts.claim({ guildId: guild.id, kind: 'daily', slot, dueAt: today.startOf('day').toMillis(), channelId: guild.channel, nonce: nonceFor(guild.id, 'daily', slot), packId, now, ...choice });
    const id = options.messageId();
    posts.markSent(claimed.post.id, id, now);
    const body = renderDailyPost(dailyPost(content, posts.byId(claimed.post.id)!)) as MessageBody;
    const post = buildMessage({ id, at: now, channelId: guild.channel, guildId: guild.id, author: discord.botUser }, body);
    discord.state.messagesIn(guild.channel).push(post);
    const daily = content.question(choice.questionKey)!;
    for (const userId of guild.members) {
      if (options.daily) {
        tracker.record({ guildId: guild.id, userId, question: daily, choice: pick(daily), source: 'daily', sourceRef: postRef(claimed.post.id), onItsDay: true });
        answers += 1;
      }
      for (let p = 0; p < options.practicePerMember; p++) {
        const q = questions[Math.floor(random() * questions.length)]!;
        tracker.record({ guildId: guild.id, userId, question: q, choice: pick(q), source: 'practice', sourceRef: `${id}-${userId}-${p}:r` });
        answers += 1;
      }
    }
    return { ...guild, post };
  });
  const seeded = guilds.map((guild) => seedGuild(guild));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { guilds: seeded, answers };
}
