import { DateTime } from 'luxon';
import type { APIMessage } from 'discord.js';
import { openDatabase } from '../src/store/database.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../src/loopback/index.js';
import { botEnv, commandsRegistered, idFactory, orExit, preparedDatabase, reader, spawnBot, stopQuietly, workspace, type BotProcess, type Workspace } from './bot.js';
import { dailyButtons, type Click } from './clicks.js';
import { answerTheDay } from './day.js';
import { seededRandom } from './store.js';
import { memoryMiB, round, sleep } from './stats.js';
import { SEND, timeTheTick } from './tick.js';

export interface ScaleOptions {
  guilds: number;
  membersPerGuild: number;
  /** The loopback server recommends one shard per this many servers. */
  guildsPerShard: number;
  /** The global limit the loopback server enforces and the bot is told (DISCORD_GLOBAL_RATE_LIMIT), requests a second. */
  globalPerSecond: number;
  /** Members of each server who answer its daily post through the bot: the day of answers. */
  answersPerGuild: number;
  /** Clicks waiting at once while the day is answered. */
  concurrency: number;
  /** Node flags for the bot (as NODE_OPTIONS would give them), e.g. --max-old-space-size=256. */
  botNodeArgs: string[];
}

interface Guild {
  id: string;
  channel: string;
  members: string[];
}

/** Discord's identify window: each bucket (shard id % max_concurrency) may start one session per 5 s. */
const IDENTIFY_WINDOW_MS = 5000;

/**
 * One bot process for many servers, over the shards the loopback server recommends. Discord's limits are enforced as
 * it does: one IDENTIFY per 5 s (max_concurrency 1), a global REST bucket (raised, and the bot told), 5 messages per
 * 5 s per channel. The servers are built once; each repetition starts a bot on a fresh database and measures its
 * start-up, its memory, a tick that posts to every server, and a day of answers.
 */
export async function benchScale(options: ScaleOptions, reps: number) {
  let discord: LoopbackDiscord | undefined;
  try {
    discord = await startLoopbackDiscord({
      contract: 'off',
      shards: { guildsPerShard: options.guildsPerShard },
      rateLimit: { limit: 50, windowMs: 1000, routes: { [SEND]: { limit: 5, windowMs: 5000 } }, global: { limit: options.globalPerSecond, windowMs: 1000 } },
    });
    const built = performance.now();
    const nextId = idFactory();
    const guilds: Guild[] = Array.from({ length: options.guilds }, (_, g) => {
      const members = Array.from({ length: options.membersPerGuild }, (_, i) => ({ id: nextId(), username: `g${g}m${i}` }));
      const guild = discord!.addGuild({ name: `Study group ${g}`, channels: [{ name: 'study' }], members });
      return { id: guild.id, channel: guild.channels.study!, members: members.map((m) => m.id) };
    });
    const shards = discord.gateway.recommendedShards;
    console.error(`  scale: ${options.guilds} servers x ${options.membersPerGuild} members over ${shards} shards, built in ${round((performance.now() - built) / 1000)} s`);
    const runs = [];
    for (let rep = 0; rep < reps; rep++) {
      if (rep > 0) console.error(`  scale: repetition ${rep + 1} of ${reps}`);
      runs.push(await scaleOnce(discord, guilds, options));
      discord.forgetHistory();
    }
    return { guilds: options.guilds, membersPerGuild: options.membersPerGuild, shards, globalPerSecond: options.globalPerSecond, botNodeArgs: options.botNodeArgs, reps: runs };
  } finally {
    await stopQuietly(undefined, discord, undefined);
  }
}

async function scaleOnce(discord: LoopbackDiscord, guilds: Guild[], options: ScaleOptions) {
  let space: Workspace | undefined;
  let bot: BotProcess | undefined;
  try {
    // Each bot starts on a fresh database, so its servers start without the posts (and the nonces Discord would
    // still remember) of the repetition before.
    discord.state.clearMessages();
    space = workspace('scale');
    // Every server has a daily schedule, due half a day from now until the tick is set, so start-up has nothing to post.
    const seed = preparedDatabase(space.databasePath);
    const insert = seed.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
      VALUES (?, 'daily', ?, ?, NULL, 'UTC', 0, ?)`);
    const later = DateTime.utc().plus({ hours: 12 }).toFormat('HH:mm');
    // Threads off (/schedule threads), as in the fan-out benchmark: each post is then one request, and the floor is
    // posts / global limit. (The loopback's servers do not let the bot create threads anyway.)
    const packId = seed.prepare('SELECT id FROM packs ORDER BY id LIMIT 1').pluck().get() as string;
    const settings = seed.prepare('INSERT INTO guild_settings (guild_id, pack_id, updated_at, daily_threads) VALUES (?, ?, 0, 0)');
    seed.transaction(() => guilds.forEach((g) => (insert.run(g.id, g.channel, later, Date.now()), settings.run(g.id, packId))))();
    seed.close();

    const identifiesBefore = discord.gateway.identifies.length;
    // Warnings only, as the other benchmarks run it: at info the bot logs a line a post, and writing 10,000 lines into
    // a pipe the busy benchmark drains late would block the bot's event loop for the benchmark's sake, not its own.
    bot = spawnBot({ ...botEnv(discord, space.dir, space.databasePath, 'warn'), DISCORD_GLOBAL_RATE_LIMIT: String(options.globalPerSecond) }, { probe: true, nodeArgs: options.botNodeArgs });
    const b = bot;
    const shards = discord.gateway.recommendedShards;
    // The bot registers its commands as soon as every shard is ready. A shard identifies every 5 s, so the last one
    // cannot start before (shards - 1) x 5 s.
    const registered = await orExit(b, commandsRegistered(discord, shards * IDENTIFY_WINDOW_MS * 3 + 60_000));
    const startupSeconds = (performance.now() - b.spawnedAt - (Date.now() - registered.at)) / 1000;
    const identifies = discord.gateway.identifies.slice(identifiesBefore);
    const identifyFloorSeconds = ((Math.ceil(shards / discord.gateway.maxConcurrency) - 1) * IDENTIFY_WINDOW_MS) / 1000;
    await sleep(3000); // the first tick, which finds nothing due
    const atReady = memoryMiB(b.pid);
    const readyProbe = await b.probe();

    // The next minute at least 3 s away: the bot's cron tick at that minute is the moment every post falls due.
    const tickAt = Math.ceil((Date.now() + 3000) / 60_000) * 60_000;
    const update = openDatabase(space.databasePath);
    update.prepare("UPDATE schedules SET local_time = ? WHERE kind = 'daily'").run(DateTime.fromMillis(tickAt, { zone: 'UTC' }).toFormat('HH:mm'));
    update.close();
    console.error(`  scale: ${guilds.length} posts due at ${new Date(tickAt).toISOString()} (waiting ${Math.round((tickAt - Date.now()) / 1000)} s)`);
    const tick = await timeTheTick(discord, b, { channels: guilds.map((g) => g.channel), tickAt, globalPerSecond: options.globalPerSecond });
    const afterTick = memoryMiB(b.pid);
    const db = reader(space.databasePath);
    const sentRows = db.prepare("SELECT count(*) FROM posts WHERE kind = 'daily' AND status = 'sent'").pluck().get() as number;
    db.close();

    // The day: members of every server answer its post, servers interleaved (so every shard carries clicks).
    const posts = new Map(guilds.map((g) => [g.id, discord.state.messagesIn(g.channel)[0]] as const));
    const random = seededRandom(17);
    const clicks: Click[] = [];
    for (let m = 0; m < Math.min(options.answersPerGuild, options.membersPerGuild); m++) {
      for (const guild of guilds) {
        const post = posts.get(guild.id) as APIMessage | undefined;
        if (!post) continue;
        const buttons = dailyButtons(post);
        clicks.push({ message: post, customId: buttons[Math.floor(random() * buttons.length)]!, userId: guild.members[m]! });
      }
    }
    discord.forgetHistory();
    const day = await answerTheDay(discord, b, clicks, options.concurrency);
    const answers = reader(space.databasePath);
    const recorded = answers.prepare("SELECT count(*) FROM answers WHERE source = 'daily'").pluck().get() as number;
    answers.close();
    return {
      shards: discord.gateway.connectedShards().length,
      startupSeconds: round(startupSeconds, 2),
      identifyFloorSeconds,
      startupOverIdentifyFloor: identifyFloorSeconds > 0 ? round(startupSeconds / identifyFloorSeconds, 3) : null,
      /** From the first IDENTIFY to the last, as the loopback server accepted them. */
      identifySpreadSeconds: identifies.length ? round((identifies.at(-1)!.at - identifies[0]!.at) / 1000, 2) : null,
      identifies: identifies.length,
      rssAtReadyMiB: atReady.rss,
      heapAtReadyMiB: readyProbe?.memoryMiB ?? null,
      discordCachesAtReady: readyProbe?.cache ?? null,
      tick: { ...tick.figures, postsTableSent: sentRows },
      rssAfterTickMiB: afterTick.rss,
      day: { ...day, answersRecorded: recorded },
      botErrorLines: b.errorLines(),
    };
  } finally {
    await bot?.stop();
    space?.remove();
  }
}
