import { DateTime } from 'luxon';
import { PermissionFlagsBits, type APIMessage } from 'discord.js';
import { postRef } from '../src/store/answer-store.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../test/discord/index.js';
import { botEnv, commandsRegistered, idFactory, orExit, preparedDatabase, reader, spawnBot, stopQuietly, workspace, type BotProcess, type Workspace } from './bot.js';
import { clickOpenLoop, dailyButtons, isErrorReply, postIdOf } from './clicks.js';
import { seededRandom } from './store.js';
import { distribution, loadMeter, memoryMiB, round, sleep, until } from './stats.js';

const MEMBER_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

export interface AnswerPathOptions {
  /** Members clicking the scheduled daily post in the main burst. */
  members: number;
  /** Offered rate of the main burst, clicks per second. */
  rate: number;
  /** Offered rates of the sweep, each on a fresh post. */
  sweepRates: number[];
  /** Length of each sweep step: rate x seconds clicks, each by a different member. */
  sweepSeconds: number;
  warmupClicks: number;
}

interface Step {
  label: string;
  startedAt: string;
  seconds: number;
  minuteTickInside: boolean;
  offeredRate: number;
  clicks: number;
  /** Every click got an interaction callback within Discord's 3 s. */
  answered: number;
  /** Callbacks that were an error message rather than the answer feedback. */
  errorReplies: number;
  unanswered: number;
  /** Answered clicks per second, from the first dispatch to the last callback. */
  handledPerSecond: number;
  /** Dispatch of INTERACTION_CREATE to the callback arriving at the loopback server. */
  latencyMs: ReturnType<typeof distribution>;
  /** The same from when the click was due on the open-loop schedule (counts any lag of the generator too). */
  latencyFromScheduleP99Ms: number;
  /** How far the generator fell behind its schedule at worst. */
  maxDispatchLagMs: number;
  answersRecorded: number;
  load: ReturnType<ReturnType<typeof loadMeter>>;
  /** The bot's own event-loop delay and GC pauses during the step (bench/bot-probe.ts). */
  botLoop: { delayP99Ms: number; delayMaxMs: number; gcMaxMs: number; gcTotalMs: number } | null;
}

/**
 * Members click a daily quiz post on a fixed schedule (open loop: the next click goes out when it is due, whatever
 * the replies are doing); the bot is its own process on its own core.
 */
export async function benchAnswerPath(options: AnswerPathOptions) {
  const maxClicks = Math.max(options.members, options.warmupClicks, ...options.sweepRates.map((r) => Math.round(r * options.sweepSeconds)));
  let discord: LoopbackDiscord | undefined;
  let space: Workspace | undefined;
  let bot: BotProcess | undefined;
  try {
    // Contract checks (zod over every request body) are off: they would cost the load generator's core, not the bot's.
    discord = await startLoopbackDiscord({ contract: 'off' });
    const nextId = idFactory();
    const clickers = Array.from({ length: maxClicks }, (_, i) => ({ id: nextId(), username: `member${i}` }));
    const mod = { id: nextId(), username: 'mod', roles: ['Moderator'] };
    const guild = discord.addGuild({
      name: 'Study group', channels: [{ name: 'study' }],
      roles: [{ name: 'Moderator', permissions: PermissionFlagsBits.ManageGuild | MEMBER_PERMISSIONS }],
      members: [mod, ...clickers], owner: 'mod', everyonePermissions: MEMBER_PERMISSIONS,
    });
    const channel = guild.channels.study!;

    // A daily schedule whose slot fell due a minute ago: the first tick after start-up posts it.
    space = workspace('answers');
    const seed = preparedDatabase(space.databasePath, false);
    seed.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at, active_since)
      VALUES (?, 'daily', ?, ?, NULL, 'UTC', 0, 0)`).run(guild.id, channel, DateTime.utc().minus({ minutes: 1 }).toFormat('HH:mm'));
    seed.close();

    bot = spawnBot(botEnv(discord, space.dir, space.databasePath, 'warn'), { probe: true });
    const registered = await orExit(bot, commandsRegistered(discord));
    const spawnToCommandsRegisteredMs = round(performance.now() - bot.spawnedAt - (Date.now() - registered.at), 0);
    const scheduled = await orExit(bot, until(() => discord!.state.messagesIn(channel)[0], 'the scheduled daily post', 30_000));
    const db = reader(space.databasePath);
    const recorded = (message: APIMessage) =>
      db.prepare("SELECT count(*) FROM answers WHERE source = 'daily' AND source_ref = ?").pluck().get(postRef(postIdOf(message))) as number;
    const run = (label: string, message: APIMessage, clicks: number, rate: number) =>
      orExit(bot!, burst(discord!, bot!, label, message, clickers.slice(0, clicks).map((c) => c.id), rate, recorded));
    const postNow = () => orExit(bot!, freshPost(discord!, channel, mod.id));

    const warmup = await run('warm-up', await postNow(), options.warmupClicks, 250);
    const main = await run('main', scheduled, options.members, options.rate);
    const sweep: Step[] = [];
    for (const rate of options.sweepRates) {
      const step = await run(`sweep ${rate}/s`, await postNow(), Math.round(rate * options.sweepSeconds), rate);
      sweep.push(step);
      // Far past saturation: higher rates only pile up more unanswered clicks.
      if (step.unanswered > step.clicks * 0.05) break;
    }
    const memory = memoryMiB(bot.pid);
    db.close();
    // The highest rate up to which every step kept p99 under 250 ms with every click answered.
    const firstMiss = sweep.findIndex((s) => !(s.latencyMs.p99 < 250 && s.unanswered === 0));
    const sustained = firstMiss < 0 ? sweep : sweep.slice(0, firstMiss);
    return {
      members: options.members,
      guildMembers: maxClicks + 1,
      spawnToCommandsRegisteredMs,
      warmup,
      main,
      sweepSeconds: options.sweepSeconds,
      sweep,
      highestRateP99Under250Ms: sustained.length ? Math.max(...sustained.map((s) => s.offeredRate)) : null,
      botMemoryAfterMiB: memory,
      botErrorLines: bot.errorLines(),
    };
  } finally {
    await stopQuietly(bot, discord, space);
  }
}

/** A moderator runs /schedule post-now kind:daily: a new daily post, so every click on it is a first answer. */
async function freshPost(discord: LoopbackDiscord, channelId: string, modId: string): Promise<APIMessage> {
  const before = discord.state.messagesIn(channelId).length;
  const run = discord.slashCommand({ channelId, userId: modId, name: 'schedule', subcommand: 'post-now', options: { kind: 'daily' } });
  await run.response;
  const reply = await run.waitForEdit(1, 15_000);
  if (!reply.content?.startsWith('Posted')) throw new Error(`post-now did not post: ${reply.content}`);
  const message = discord.state.messagesIn(channelId)[before];
  if (!message) throw new Error('post-now answered but no new message is in the channel');
  return message;
}

async function burst(
  discord: LoopbackDiscord, bot: BotProcess, label: string, message: APIMessage, users: string[], rate: number,
  recorded: (message: APIMessage) => number,
): Promise<Step> {
  const buttons = dailyButtons(message);
  const random = seededRandom(users.length + rate);
  const clicks = users.map((userId) => ({ message, customId: buttons[Math.floor(random() * buttons.length)]!, userId }));
  await bot.probe();
  const meter = loadMeter(bot.pid);
  const startedAt = Date.now();
  const run = await clickOpenLoop(discord, clicks, rate);
  const cpu = meter();
  const endedAt = Date.now();
  const probe = await bot.probe();
  await sleep(200); // a late answer the bot still records after Discord's 3 s
  const answered = run.outcomes.filter((o) => o !== null);
  const step: Step = {
    label,
    startedAt: new Date(startedAt).toISOString(),
    seconds: round((endedAt - startedAt) / 1000, 2),
    // The bot's cron tick runs each minute: a step that spans one shares the bot with it (reveals of older posts).
    minuteTickInside: Math.floor(startedAt / 60_000) !== Math.floor(endedAt / 60_000),
    offeredRate: rate,
    clicks: users.length,
    answered: answered.length,
    errorReplies: answered.filter((o) => isErrorReply(o.reply)).length,
    unanswered: users.length - answered.length,
    handledPerSecond: answered.length ? Math.round(answered.length / ((run.lastCallback - run.start) / 1000)) : 0,
    latencyMs: roundDistribution(distribution(answered.map((o) => o.latency))),
    latencyFromScheduleP99Ms: round(distribution(answered.map((o) => o.fromSchedule)).p99),
    maxDispatchLagMs: round(run.maxDispatchLag),
    answersRecorded: recorded(message),
    load: cpu,
    botLoop: probe && {
      delayP99Ms: round(probe.loopDelayP99Ms), delayMaxMs: round(probe.loopDelayMaxMs), gcMaxMs: round(probe.gc.maxMs), gcTotalMs: round(probe.gc.totalMs),
    },
  };
  discord.forgetHistory();
  console.error(`  answer path ${label}: ${step.clicks} clicks at ${rate}/s -> p50 ${step.latencyMs.p50} p99 ${step.latencyMs.p99} max ${step.latencyMs.max} ms, ` +
    `unanswered ${step.unanswered}, recorded ${step.answersRecorded}, handled ${step.handledPerSecond}/s; CPU % bot ${cpu.botCpuPercent} ` +
    `bench ${cpu.benchCpuPercent} other ${cpu.otherCpuPercent}; longest stall bot ${step.botLoop?.delayMaxMs} ms, bench ${cpu.benchLoopDelayMs.max} ms`);
  return step;
}

const roundDistribution = (d: ReturnType<typeof distribution>) =>
  ({ count: d.count, p50: round(d.p50), p95: round(d.p95), p99: round(d.p99), max: round(d.max), mean: round(d.mean) });
