import type { LoopbackDiscord } from '../src/loopback/index.js';
import { longestStall, orExit, type BotProcess } from './bot.js';
import { clickClosedLoop, isErrorReply, type Click } from './clicks.js';
import { distribution, loadMeter, memoryMiB, round, sleep } from './stats.js';

/** Clicks a chunk at a time, after which the loopback server forgets the clicks it answered. */
const CHUNK = 10_000;

/**
 * A day of answers through a running bot, as fast as it takes them with `concurrency` waiting; then its resident
 * memory once idle. V8 gives back the heap it grew during the burst only when the bot is idle (its memory reducer:
 * major GCs some 20-40 s later, in rounds), so the idle figure is the lowest of 40 s of readings.
 */
export async function answerTheDay(discord: LoopbackDiscord, bot: BotProcess, clicks: readonly Click[], concurrency: number) {
  const rssBefore = memoryMiB(bot.pid).rss;
  const meter = loadMeter(bot.pid);
  const from = Date.now();
  const started = performance.now();
  const latencies: number[] = [];
  let unanswered = 0;
  let errorReplies = 0;
  for (let at = 0; at < clicks.length; at += CHUNK) {
    const run = await orExit(bot, clickClosedLoop(discord, clicks.slice(at, at + CHUNK), concurrency));
    for (const outcome of run.outcomes) {
      if (!outcome) unanswered += 1;
      else {
        latencies.push(outcome.latency);
        if (isErrorReply(outcome.reply)) errorReplies += 1;
      }
    }
    discord.forgetHistory();
  }
  const until = Date.now();
  const clicksPerSecond = Math.round(clicks.length / ((performance.now() - started) / 1000));
  const load = meter();
  const during = await bot.probe();
  const afterBurst = memoryMiB(bot.pid);
  let lowest = { rss: afterBurst.rss, heap: during?.memoryMiB ?? null, atSeconds: 0 };
  const idleFrom = Date.now();
  while (Date.now() - idleFrom < 40_000) {
    await sleep(2000);
    const probe = await bot.probe();
    const now = memoryMiB(bot.pid);
    if (now.rss < lowest.rss) lowest = { rss: now.rss, heap: probe?.memoryMiB ?? null, atSeconds: round((Date.now() - idleFrom) / 1000, 0) };
  }
  const latency = distribution(latencies);
  return {
    clicks: clicks.length, concurrency, clicksPerSecond, unanswered, errorReplies,
    latencyMs: { p50: round(latency.p50), p99: round(latency.p99), max: round(latency.max) },
    longestBotStallMs: longestStall(during, from, until),
    load,
    discordCaches: during?.cache ?? null,
    rssBeforeMiB: rssBefore,
    rssAfterClicksMiB: afterBurst.rss,
    rssIdleLowestMiB: lowest.rss,
    rssIdleLowestAtSeconds: lowest.atSeconds,
    heapAtIdleLowestMiB: lowest.heap,
    peakRssMiB: memoryMiB(bot.pid).peak,
    botErrorLines: bot.errorLines(),
  };
}
