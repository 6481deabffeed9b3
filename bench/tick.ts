import type { LoopbackDiscord, RecordedRequest } from '../src/loopback/index.js';
import { longestStall, orExit, type BotProcess } from './bot.js';
import { loadMeter, round, sleep, until } from './stats.js';

export const SEND = 'POST /channels/:channel_id/messages';

export interface TickOptions {
  /** The channels that each get one post at the tick. */
  channels: readonly string[];
  /** Date.now() of the bot's cron tick at which every post falls due. */
  tickAt: number;
  /** Discord's global limit the loopback server enforces, requests a second: the floor is channels / this. */
  globalPerSecond: number;
  /** Started just before the tick (clicks on another server, say); awaited once the last post is out. */
  alongside?: () => Promise<unknown>;
}

/**
 * Waits for the tick, then times it until the last post is accepted: against the floor the global limit sets, with
 * the 429s, the posts per channel and the bot's longest event-loop block from the tick to a second after the last post.
 */
export async function timeTheTick(discord: LoopbackDiscord, bot: BotProcess, options: TickOptions) {
  const { tickAt, channels } = options;
  const wanted = new Set(channels);
  const sends = () => discord.requests.filter((r) => r.route === SEND && r.status === 200 && wanted.has(r.params.channel_id!));
  await sleep(Math.max(0, tickAt - Date.now() - 200));
  await bot.probe();
  const meter = loadMeter(bot.pid);
  const alongside = options.alongside?.();
  // Bounded: the floor is channels / globalPerSecond seconds; give up at three times that plus a minute.
  const deadline = (channels.length / options.globalPerSecond) * 3000 + 60_000;
  await orExit(bot, until(() => sends().length >= channels.length, `${channels.length} posts`, deadline, 100).catch(() => null));
  const load = meter();
  const probe = await bot.probe();
  const together = alongside && (await orExit(bot, alongside));
  await sleep(1000); // anything still in flight (a duplicate would show up here)
  // The probe keeps the stalls it saw with their end times, so asking again loses nothing and covers the tick's tail.
  const stalls = await bot.probe();

  const posts = sends();
  const times = posts.map((r) => r.at - tickAt).sort((a, b) => a - b);
  const toSend = (r: RecordedRequest) => r.route === SEND && wanted.has(r.params.channel_id!);
  // From the tick on: a 429 at start-up is not the tick's.
  const limited = discord.requests.filter((r) => r.status === 429 && r.at >= tickAt - 1000);
  const globalLimited = limited.filter((r) => (r.response as { global?: boolean }).global === true).length;
  const perChannel = channels.map((id) => discord.state.messagesIn(id).length);
  const floorSeconds = channels.length / options.globalPerSecond;
  const lastSeconds = times.length ? times[times.length - 1]! / 1000 : NaN;
  const lastPostAt = tickAt + (times.at(-1) ?? 0);
  return {
    together,
    lastPostAt,
    figures: {
      tickAt: new Date(tickAt).toISOString(),
      firstPostAfterTickMs: times[0] ?? null,
      allPostsOutSeconds: round(lastSeconds, 2),
      floorSeconds,
      ratioToFloor: round(lastSeconds / floorSeconds, 3),
      postsSent: posts.length,
      requestsToSend: discord.requests.filter(toSend).length,
      rateLimited: { total: limited.length, global: globalLimited, route: limited.length - globalLimited },
      maxSendsInAnySecond: maxInWindow(posts.map((r) => r.at), 1000),
      channels: {
        exactlyOne: perChannel.filter((n) => n === 1).length,
        none: perChannel.filter((n) => n === 0).length,
        moreThanOne: perChannel.filter((n) => n > 1).length,
      },
      load,
      botLoop: probe && { delayP99Ms: round(probe.loopDelayP99Ms), delayMaxMs: round(probe.loopDelayMaxMs), gcMaxMs: round(probe.gc.maxMs) },
      /** The bot's longest event-loop stall from the tick until a second after the last post (0: none of 20 ms or more). */
      tickLongestBlockMs: stalls ? longestStall(stalls, tickAt, lastPostAt + 1000) : null,
      /** Those stalls, the longest first (at most ten): when each ended, from the tick, and how long it was. */
      tickStalls: (stalls?.stalls ?? []).filter((s) => s.endedAt >= tickAt && s.endedAt <= lastPostAt + 1000)
        .sort((a, b) => b.ms - a.ms).slice(0, 10).map((s) => ({ endedAfterTickMs: s.endedAt - tickAt, ms: s.ms })),
    },
  };
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
