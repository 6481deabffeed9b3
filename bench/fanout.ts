import { DateTime } from 'luxon';
import { PermissionFlagsBits, type APIMessage } from 'discord.js';
import { postRef } from '../src/store/answer-store.js';
import { openDatabase } from '../src/store/database.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../src/loopback/index.js';
import {
  botEnv, commandsRegistered, idFactory, longestStall, orExit, preparedDatabase, reader, spawnBot, stopQuietly, workspace, type BotProcess, type Workspace,
} from './bot.js';
import { clickOpenLoop, dailyButtons, isErrorReply, postIdOf, type ClickRun } from './clicks.js';
import { distribution, memoryMiB, round, sleep } from './stats.js';
import { SEND, timeTheTick } from './tick.js';

export interface FanoutOptions {
  guilds: number;
  /** Discord's global limit, requests per second. */
  globalPerSecond: number;
  /** Extra node flags for the bot (e.g. --cpu-prof when looking into it). */
  botNodeArgs?: string[];
  /** Clicks per second on an open daily post of another server while the fan-out runs (open loop); 0 for none. */
  clickRate?: number;
}

const MEMBER_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;


/**
 * Every guild's daily post falls due in the same minute. The loopback server enforces Discord's limits: a global
 * bucket of 50 requests per second for the bot token, and a bucket of 5 messages per 5 s per channel. The time runs
 * from the minute's cron tick until the last post is accepted. Meanwhile members of one more server (its daily post
 * went out before the tick, by /schedule post-now) click that post at a steady rate, each member once, to show
 * whether the tick holds up the bot's answers.
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
    const guildIds = [...discord.state.guilds.keys()];
    // Enough members for one click each over the fan-out (its floor, with room for a slower run).
    const clickRate = options.clickRate ?? 100;
    const clickCount = Math.round(clickRate * ((options.guilds / options.globalPerSecond) * 1.2 + 2));
    const nextId = idFactory();
    const clickers = Array.from({ length: clickCount }, (_, i) => ({ id: nextId(), username: `member${i}` }));
    const mod = { id: nextId(), username: 'mod', roles: ['Moderator'] };
    const members = discord.addGuild({
      name: 'Members', channels: [{ name: 'study' }],
      roles: [{ name: 'Moderator', permissions: PermissionFlagsBits.ManageGuild | MEMBER_PERMISSIONS }],
      members: [mod, ...clickers], owner: 'mod', everyonePermissions: MEMBER_PERMISSIONS,
    });
    const membersChannel = members.channels.study!;

    // Schedules in force from now, so start-up has nothing to catch up; their time is set once the bot is ready.
    space = workspace('fanout');
    const seed = preparedDatabase(space.databasePath, false);
    const insert = seed.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
      VALUES (?, 'daily', ?, '00:00', NULL, 'UTC', 0, ?)`);
    seed.transaction(() => guildIds.forEach((guildId, i) => insert.run(guildId, channels[i], Date.now())))();
    // The members' server posts only when its moderator asks (its own time is half a day away).
    insert.run(members.id, membersChannel, Date.now());
    seed.prepare('UPDATE schedules SET local_time = ? WHERE guild_id = ?').run(DateTime.utc().plus({ hours: 12 }).toFormat('HH:mm'), members.id);
    seed.close();

    bot = spawnBot(botEnv(discord, space.dir, space.databasePath, 'warn'), { probe: true, nodeArgs: options.botNodeArgs });
    const registered = await orExit(bot, commandsRegistered(discord));
    const spawnToCommandsRegisteredMs = round(performance.now() - bot.spawnedAt - (Date.now() - registered.at), 0);

    // The next minute at least 3 s away: the bot's cron tick at that minute is the moment every post falls due.
    const tickAt = Math.ceil((Date.now() + 3000) / 60_000) * 60_000;
    const update = openDatabase(space.databasePath);
    update.prepare("UPDATE schedules SET local_time = ? WHERE kind = 'daily' AND guild_id != ?").run(DateTime.fromMillis(tickAt, { zone: 'UTC' }).toFormat('HH:mm'), members.id);
    update.close();
    const open = clickRate > 0 ? await orExit(bot, postNow(discord, membersChannel, mod.id)) : null;
    console.error(`  fan-out: ${options.guilds} guilds due at ${new Date(tickAt).toISOString()} (waiting ${Math.round((tickAt - Date.now()) / 1000)} s)`);
    // Clicks start just before the tick, so the first ones meet its planning; they stop at about the floor plus a fifth.
    const alongside = open ? () => clickOpenLoop(discord!, clicksOn(open, clickers.map((c) => c.id)), clickRate) : undefined;
    const tick = await timeTheTick(discord, bot, { channels, tickAt, globalPerSecond: options.globalPerSecond, alongside });
    const clicks = (tick.together ?? null) as ClickRun | null;
    const db = reader(space.databasePath);
    const sentRows = db.prepare("SELECT count(*) FROM posts WHERE kind = 'daily' AND status = 'sent' AND guild_id != ?").pluck().get(members.id) as number;
    const otherRows = db.prepare("SELECT count(*) FROM posts WHERE NOT (kind = 'daily' AND status = 'sent') AND guild_id != ?").pluck().get(members.id) as number;
    const recorded = open ? (db.prepare("SELECT count(*) FROM answers WHERE source = 'daily' AND source_ref = ?").pluck().get(postRef(postIdOf(open))) as number) : 0;
    db.close();
    return {
      guilds: options.guilds,
      spawnToCommandsRegisteredMs,
      ...tick.figures,
      postsTable: { dailySent: sentRows, other: otherRows },
      clicksDuringTick: clicks && clickFigures(clicks, clickRate, tickAt, tick.lastPostAt, recorded),
      botMemoryAfterMiB: memoryMiB(bot.pid),
      botErrorLines: bot.errorLines(),
    };
  } finally {
    await stopQuietly(bot, discord, space);
  }
}

/** The moderator of the members' server runs /schedule post-now kind:daily; resolves with the new post. */
async function postNow(discord: LoopbackDiscord, channelId: string, modId: string): Promise<APIMessage> {
  const run = discord.slashCommand({ channelId, userId: modId, name: 'schedule', subcommand: 'post-now', options: { kind: 'daily' } });
  await run.response;
  const reply = await run.waitForEdit(1, 15_000);
  const message = discord.state.messagesIn(channelId)[0];
  if (!reply.content?.startsWith('Posted') || !message) throw new Error(`post-now did not post: ${reply.content}`);
  return message;
}

/** One click per member, spread over the post's options. */
function clicksOn(message: APIMessage, userIds: string[]) {
  const buttons = dailyButtons(message);
  return userIds.map((userId, i) => ({ message, customId: buttons[i % buttons.length]!, userId }));
}

/**
 * Latency (dispatch to callback) of the clicks dispatched from the tick to the last post; `afterTick` is the same for
 * the clicks dispatched once the last post was out (the same bot and rate without the tick: the usual figure); `all`
 * covers every click. Unanswered means no callback within Discord's 3 s.
 */
function clickFigures(run: ClickRun, rate: number, tickAt: number, lastPostAt: number, recorded: number) {
  // Click i was due at run.start + i / rate (performance.now()); the tick and the posts are Date.now() times.
  const toWall = Date.now() - performance.now();
  const dueAt = (i: number) => run.start + toWall + (i * 1000) / rate;
  const during = run.outcomes.filter((_, i) => dueAt(i) >= tickAt && dueAt(i) <= lastPostAt);
  const summary = (outcomes: ClickRun['outcomes']) => {
    const answered = outcomes.filter((o) => o !== null);
    const d = distribution(answered.map((o) => o.latency));
    return {
      clicks: outcomes.length, unanswered: outcomes.length - answered.length, errorReplies: answered.filter((o) => isErrorReply(o.reply)).length,
      latencyMs: { p50: round(d.p50), p99: round(d.p99), max: round(d.max) },
    };
  };
  const afterTick = run.outcomes.filter((_, i) => dueAt(i) > lastPostAt + 1000);
  return {
    rate, ...summary(during), afterTick: summary(afterTick), all: summary(run.outcomes), answersRecorded: recorded, maxDispatchLagMs: round(run.maxDispatchLag),
  };
}
