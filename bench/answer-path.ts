import type { APIMessage } from 'discord.js';
import { stopQuietly } from './bot.js';
import { runOverload } from './overload.js';
import { RateSearch, type SearchResult } from './rate-search.js';
import { measureStep, SUSTAINED_P99_MS, type Step, type Target } from './steps.js';
import { assertClickable, startBotTarget, startNoopTarget, type BotTarget, type StudyGroup } from './targets.js';
import { memoryMiB, round } from './stats.js';

export interface AnswerPathOptions {
  /** Members clicking a fresh daily post in the main burst. */
  members: number;
  /** Offered rate of the main burst, clicks per second. */
  rate: number;
  warmupClicks: number;
  /** Length of each search step: rate x seconds clicks, each by a different member. */
  stepSeconds: number;
  /** Where each client's search starts (the previous repetition's result, or the default). */
  searchStart: { bot: number; noop: number };
  searchFactor: number;
  searchRefine: number;
  searchMax: number;
  /** Second tries of a failed rate that may have met a hiccup, per search. */
  searchRetries: number;
  /** The overload run: this many times the bot's highest sustained rate, for this long. */
  overloadFactor: number;
  overloadSeconds: number;
}

type Client = Target & { group: StudyGroup };

/**
 * One repetition: the bot and the noop reference (bench/noop-bot.ts), each its own process on its own loopback
 * server in this process, take the same open-loop clicks: a warm-up, the main burst, then a search for the highest
 * rate each sustains, their steps interleaved so both see the same machine; then the bot alone at 1.5 x its rate.
 */
export async function benchAnswerPath(options: AnswerPathOptions) {
  let bot: BotTarget | undefined;
  let noop: (Client & { post: APIMessage }) | undefined;
  try {
    bot = await startBotTarget();
    noop = await startNoopTarget(bot.scheduled);
    const b = bot;
    const n = noop;
    // Every step clicks the newest post: the bot's scheduled post for the warm-up (nothing newer exists yet), then a
    // fresh /schedule post-now post each time; the noop's copy is the only message in its channel.
    const step = async (client: Client, label: string, rate: number, clicks: number, message?: APIMessage) => {
      const post = message ?? (client === b ? await b.freshPost() : n.post);
      assertClickable(client.discord, post);
      return measureStep(client, { label, message: post, users: client.group.members(clicks), rate });
    };
    const warmup = { bot: await step(b, 'warm-up', 250, options.warmupClicks, b.scheduled), noop: await step(n, 'warm-up', 250, options.warmupClicks) };
    const main = { bot: await step(b, 'main', options.rate, options.members), noop: await step(n, 'main', options.rate, options.members) };

    const search = { factor: options.searchFactor, refine: options.searchRefine, min: 50, max: options.searchMax, retries: options.searchRetries };
    const searches = {
      bot: new RateSearch({ ...search, start: options.searchStart.bot }),
      noop: new RateSearch({ ...search, start: options.searchStart.noop }),
    };
    const steps: Record<'bot' | 'noop', Step[]> = { bot: [], noop: [] };
    for (;;) {
      const rates = { bot: searches.bot.next(), noop: searches.noop.next() };
      if (rates.bot === null && rates.noop === null) break;
      for (const [name, client] of [['bot', b], ['noop', n]] as const) {
        const rate = rates[name];
        if (rate === null) continue;
        const s = await step(client, `search ${rate}/s`, rate, Math.round(rate * options.stepSeconds));
        steps[name].push(s);
        searches[name].report(rate, s.sustained, maybeHiccup(s));
      }
    }
    const found = { bot: searches.bot.result(), noop: searches.noop.result() };
    const botRate = found.bot.highestPassed;
    const overload = botRate === null
      ? { skipped: 'the bot sustained no rate tried' }
      : await runOverload(b, { rate: Math.round(botRate * options.overloadFactor), seconds: options.overloadSeconds, sustainedRate: botRate });

    return {
      members: options.members,
      stepSeconds: options.stepSeconds,
      spawnToCommandsRegisteredMs: b.spawnToCommandsRegisteredMs,
      warmup,
      main,
      search: { bot: { ...found.bot, steps: steps.bot }, noop: { ...found.noop, steps: steps.noop } },
      highestSustained: {
        bot: found.bot.highestPassed,
        noop: found.noop.highestPassed,
        ratio: found.bot.highestPassed !== null && found.noop.highestPassed ? round(found.bot.highestPassed / found.noop.highestPassed, 3) : null,
        /** Who was busy at the noop's first failing step: the noop itself, or this process (load generator + loopback). */
        atNoopCeiling: ceilingLoad(found.noop, steps.noop),
      },
      overload,
      botMemoryAfterMiB: memoryMiB(b.process.pid),
      errorLines: { bot: b.process.errorLines(), noop: n.process.errorLines() },
    };
  } finally {
    bot?.close();
    await stopQuietly(noop?.process, noop?.discord, undefined);
    await stopQuietly(bot?.process, bot?.discord, bot?.space);
  }
}

/**
 * A failure worth a second try: only the tail was slow (the median click on time), or neither the client nor this
 * process had used its core (so something else held them up: another process, a stall in a system call). A client
 * that was busy all along with most clicks late has reached its ceiling.
 */
function maybeHiccup(step: Step): boolean {
  const saturated = step.load.botCpuPercent >= 90 || step.load.benchCpuPercent >= 90;
  return step.latencyFromScheduleMs.p50 < SUSTAINED_P99_MS || !saturated;
}

function ceilingLoad(result: SearchResult, steps: Step[]) {
  const failed = steps.find((s) => s.offeredRate === result.lowestFailed);
  if (!failed) return null;
  return {
    rate: failed.offeredRate, dispatchedPerSecond: failed.dispatchedPerSecond, noopCpuPercent: failed.load.botCpuPercent,
    benchCpuPercent: failed.load.benchCpuPercent, otherCpuPercent: failed.load.otherCpuPercent, benchLoopDelayMaxMs: failed.load.benchLoopDelayMs.max,
  };
}
