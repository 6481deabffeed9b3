import { DateTime } from 'luxon';
import { openDatabase } from '../src/store/database.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../test/discord/index.js';
import { botEnv, commandsRegistered, orExit, preparedDatabase, reader, spawnBot, stopQuietly, workspace, type BotProcess, type Workspace } from './bot.js';
import { loadMeter, memoryMiB, round, sleep, until } from './stats.js';

export interface FanoutOptions {
  guilds: number;
  /** Discord's global limit, requests per second. */
  globalPerSecond: number;
  /** Extra node flags for the bot (e.g. --cpu-prof when looking into it). */
  botNodeArgs?: string[];
}

const SEND = 'POST /channels/:channel_id/messages';

/**
 * Every guild's daily post falls due in the same minute. The loopback server enforces Discord's limits: a global
 * bucket of 50 requests per second for the bot token, and a bucket of 5 messages per 5 s per channel. The time runs
 * from the minute's cron tick until the last post is accepted.
 */
export async function benchFanout(options: FanoutOptions) {
  let discord: LoopbackDiscord | undefined;
  let space: Workspace | undefined;
  let bot: BotProcess | undefined;
  try {
    discord = await startLoopbackDiscord({
      contract: 'off',
      rateLimit: { limit: 50, windowMs: 1000, routes: { [SEND]: { limit: 5, windowMs: 5000 } }, global: { limit: options.globalPerSecond, windowMs: 1000 } },
    });
    const channels: string[] = [];
    for (let i = 0; i < options.guilds; i++) channels.push(discord.addGuild({ name: `Study group ${i}`, channels: [{ name: 'study' }] }).channels.study!);

    // Schedules in force from now, so start-up has nothing to catch up; their time is set once the bot is ready.
    space = workspace('fanout');
    const seed = preparedDatabase(space.databasePath, false);
    const insert = seed.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
      VALUES (?, 'daily', ?, '00:00', NULL, 'UTC', 0, ?)`);
    const guildIds = [...discord.state.guilds.keys()];
    seed.transaction(() => guildIds.forEach((guildId, i) => insert.run(guildId, channels[i], Date.now())))();
    seed.close();

    bot = spawnBot(botEnv(discord, space.dir, space.databasePath, 'warn'), { probe: true, nodeArgs: options.botNodeArgs });
    const registered = await orExit(bot, commandsRegistered(discord));
    const spawnToCommandsRegisteredMs = round(performance.now() - bot.spawnedAt - (Date.now() - registered.at), 0);

    // The next minute at least 3 s away: the bot's cron tick at that minute is the moment every post falls due.
    const tickAt = Math.ceil((Date.now() + 3000) / 60_000) * 60_000;
    const update = openDatabase(space.databasePath);
    update.prepare("UPDATE schedules SET local_time = ? WHERE kind = 'daily'").run(DateTime.fromMillis(tickAt, { zone: 'UTC' }).toFormat('HH:mm'));
    update.close();
    console.error(`  fan-out: ${options.guilds} guilds due at ${new Date(tickAt).toISOString()} (waiting ${Math.round((tickAt - Date.now()) / 1000)} s)`);
    await sleep(Math.max(0, tickAt - Date.now() - 200));

    await bot.probe();
    const meter = loadMeter(bot.pid);
    const sent = () => discord!.requests.filter((r) => r.route === SEND && r.status === 200);
    // Bounded: the floor is guilds / globalPerSecond seconds; give up at three times that plus a minute.
    const deadline = (options.guilds / options.globalPerSecond) * 3000 + 60_000;
    await orExit(bot, until(() => sent().length >= options.guilds, `${options.guilds} posts`, deadline, 100).catch(() => null));
    const load = meter();
    const probe = await bot.probe();
    await sleep(1000); // anything still in flight (a duplicate would show up here)

    const posts = sent();
    const times = posts.map((r) => r.at - tickAt).sort((a, b) => a - b);
    const limited = discord.requests.filter((r) => r.status === 429);
    const globalLimited = limited.filter((r) => (r.response as { global?: boolean }).global === true).length;
    const perChannel = channels.map((id) => discord!.state.messagesIn(id).length);
    const db = reader(space.databasePath);
    const sentRows = db.prepare("SELECT count(*) FROM posts WHERE kind = 'daily' AND status = 'sent'").pluck().get() as number;
    const otherRows = db.prepare("SELECT count(*) FROM posts WHERE NOT (kind = 'daily' AND status = 'sent')").pluck().get() as number;
    db.close();
    const floorSeconds = options.guilds / options.globalPerSecond;
    const lastSeconds = times.length ? times[times.length - 1]! / 1000 : NaN;
    return {
      guilds: options.guilds,
      spawnToCommandsRegisteredMs,
      tickAt: new Date(tickAt).toISOString(),
      firstPostAfterTickMs: times[0] ?? null,
      allPostsOutSeconds: round(lastSeconds, 2),
      floorSeconds,
      ratioToFloor: round(lastSeconds / floorSeconds, 3),
      postsSent: posts.length,
      requestsToSend: discord.requests.filter((r) => r.route === SEND).length,
      rateLimited: { total: limited.length, global: globalLimited, route: limited.length - globalLimited },
      maxSendsInAnySecond: maxInWindow(posts.map((r) => r.at), 1000),
      channels: {
        exactlyOne: perChannel.filter((n) => n === 1).length,
        none: perChannel.filter((n) => n === 0).length,
        moreThanOne: perChannel.filter((n) => n > 1).length,
      },
      postsTable: { dailySent: sentRows, other: otherRows },
      load,
      botLoop: probe && { delayP99Ms: round(probe.loopDelayP99Ms), delayMaxMs: round(probe.loopDelayMaxMs), gcMaxMs: round(probe.gc.maxMs) },
      botMemoryAfterMiB: memoryMiB(bot.pid),
      botErrorLines: bot.errorLines(),
    };
  } finally {
    await stopQuietly(bot, discord, space);
  }
}

/** The most timestamps inside any window of `ms` (sliding). */
function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= ms) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
