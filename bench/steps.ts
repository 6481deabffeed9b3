import type { APIMessage } from 'discord.js';
import type { LoopbackDiscord } from '../src/loopback/index.js';
import { orExit, type BotProcess } from './bot.js';
import { callbackKind, clickOpenLoop, dailyButtons, finalAnswer, type ClickRun } from './clicks.js';
import { seededRandom } from './store.js';
import { distribution, loadMeter, processCpuMs, round, sleep } from './stats.js';

/** Sustained: every click answered within Discord's 3 s, and p99 (from when each click was due) under this. */
export const SUSTAINED_P99_MS = 250;
export const CALLBACK_ROUTE = 'POST /interactions/:interaction_id/:interaction_token/callback';

/** A client under load: the bot, or the noop reference, each with its own loopback server and process. */
export interface Target {
  name: 'bot' | 'noop';
  discord: LoopbackDiscord;
  process: BotProcess;
  /** Answers recorded in the database for a post (the bot only). */
  recorded?: (message: APIMessage) => number;
}

export interface Step {
  target: Target['name'];
  label: string;
  startedAt: string;
  seconds: number;
  /** The bot's cron tick runs each minute: a step that spans one shares the bot with it. */
  minuteTickInside: boolean;
  offeredRate: number;
  /** Clicks over the time it took to send them: below the offered rate when the load generator fell behind. */
  dispatchedPerSecond: number;
  clicks: number;
  /** Clicks whose first callback arrived within Discord's 3 s. */
  answered: number;
  unanswered: number;
  /** Unanswered clicks whose callback did come, after the 3 s (refused with 10062, as Discord would). */
  late: number;
  /** First callbacks by kind: the answer itself, a deferred acknowledgement (type 5 or 6), an error message. */
  callbacks: { full: number; deferred: number; error: number };
  /** Deferred acknowledgements followed by the answer (an edit or a follow-up) before the step ended, and not. */
  deferredThen: { answered: number; nothing: number };
  /** Answered clicks per second, from the first dispatch to the last callback. */
  handledPerSecond: number;
  /** Dispatch of INTERACTION_CREATE to the first callback. */
  latencyMs: ReturnType<typeof roundedDistribution>;
  /** From when each click was due on the open-loop schedule to its first callback: counts the generator's lag too. */
  latencyFromScheduleMs: ReturnType<typeof roundedDistribution>;
  maxDispatchLagMs: number;
  answersRecorded: number | null;
  /** Time after the last click until the client was idle again and had sent everything; null if not within the bound. */
  drainMs: number | null;
  load: ReturnType<ReturnType<typeof loadMeter>>;
  /** The client's own event-loop delay and GC pauses during the step (bench/bot-probe.ts). */
  clientLoop: { delayP99Ms: number; delayMaxMs: number; gcMaxMs: number; gcTotalMs: number } | null;
  sustained: boolean;
  /** Per click, for a caller that wants more (the overload run); not written to the results file. */
  run?: ClickRun;
}

export interface StepInput {
  label: string;
  message: APIMessage;
  users: readonly string[];
  rate: number;
  /** Bound on waiting, after the last click, for late callbacks, deferred answers and the client to go quiet. */
  drainTimeoutMs?: number;
  /** Keep the per-click run on the result. */
  keepRun?: boolean;
  /**
   * Ends the wait after the last click early once this holds (the overload run: every click accounted for), even if
   * the client is still busy with work that no longer changes the figures.
   */
  doneWhen?: (run: ClickRun) => boolean;
}

/** Clicks `message` at `rate` (open loop), one click per user, and measures what the client did with them. */
export async function measureStep(target: Target, input: StepInput): Promise<Step> {
  const { discord, process: client } = target;
  const buttons = dailyButtons(input.message);
  const random = seededRandom(input.users.length + input.rate);
  const clicks = input.users.map((userId) => ({ message: input.message, customId: buttons[Math.floor(random() * buttons.length)]!, userId }));
  await client.probe();
  const meter = loadMeter(client.pid);
  const startedAt = Date.now();
  const run = await orExit(client, clickOpenLoop(discord, clicks, input.rate));
  const load = meter();
  const endedAt = Date.now();
  const probe = await client.probe();
  const drainMs = await drain(target, run, input.drainTimeoutMs ?? 15_000, input.doneWhen);

  const answered = run.outcomes.filter((o) => o !== null);
  const unansweredIds = new Set(run.handles.filter((_, i) => run.outcomes[i] === null).map((h) => h.id));
  const late = new Set(discord.requests.filter((r) => r.route === CALLBACK_ROUTE && unansweredIds.has(r.params.interaction_id ?? '')).map((r) => r.params.interaction_id)).size;
  const kinds = { full: 0, deferred: 0, error: 0 };
  const deferredThen = { answered: 0, nothing: 0 };
  run.outcomes.forEach((o, i) => {
    if (!o) return;
    const kind = callbackKind(o.reply);
    kinds[kind] += 1;
    if (kind === 'deferred' && target.name === 'bot') deferredThen[finalAnswer(run.handles[i]!) ? 'answered' : 'nothing'] += 1;
  });
  const fromSchedule = roundedDistribution(answered.map((o) => o.fromSchedule));
  const unanswered = clicks.length - answered.length;
  const step: Step = {
    target: target.name,
    label: input.label,
    startedAt: new Date(startedAt).toISOString(),
    seconds: round((endedAt - startedAt) / 1000, 2),
    minuteTickInside: Math.floor(startedAt / 60_000) !== Math.floor(endedAt / 60_000),
    offeredRate: input.rate,
    dispatchedPerSecond: clicks.length > 1 ? Math.round((clicks.length - 1) / ((run.lastDispatch - run.start) / 1000)) : clicks.length,
    clicks: clicks.length,
    answered: answered.length,
    unanswered,
    late,
    callbacks: kinds,
    deferredThen,
    handledPerSecond: answered.length ? Math.round(answered.length / ((run.lastCallback - run.start) / 1000)) : 0,
    latencyMs: roundedDistribution(answered.map((o) => o.latency)),
    latencyFromScheduleMs: fromSchedule,
    maxDispatchLagMs: round(run.maxDispatchLag),
    answersRecorded: target.recorded?.(input.message) ?? null,
    drainMs,
    load,
    clientLoop: probe && {
      delayP99Ms: round(probe.loopDelayP99Ms), delayMaxMs: round(probe.loopDelayMaxMs), gcMaxMs: round(probe.gc.maxMs), gcTotalMs: round(probe.gc.totalMs),
    },
    sustained: unanswered === 0 && fromSchedule.p99 < SUSTAINED_P99_MS,
    ...(input.keepRun ? { run } : {}),
  };
  if (!input.keepRun) discord.forgetHistory();
  console.error(`  ${target.name} ${input.label}: ${step.clicks} at ${input.rate}/s (sent ${step.dispatchedPerSecond}/s) -> p50 ${step.latencyMs.p50} p99 ${step.latencyMs.p99} ` +
    `(from schedule ${fromSchedule.p99}) max ${step.latencyMs.max} ms, unanswered ${unanswered} (late ${late}), deferred ${kinds.deferred}, errors ${kinds.error}` +
    `${step.answersRecorded === null ? '' : `, recorded ${step.answersRecorded}`}; CPU % ${target.name} ${load.botCpuPercent} bench ${load.benchCpuPercent} ` +
    `other ${load.otherCpuPercent}; drained in ${drainMs ?? 'more than the bound'} ms${step.sustained ? '' : ' [not sustained]'}`);
  return step;
}

/**
 * After the last click: waits until every deferred acknowledgement has its answer, and the client has sent nothing for
 * 300 ms and used under 10% of a core over the last 300 ms (so a backlog does not spill into the next step) or
 * `doneWhen` holds. Returns how long that took, or null if it did not happen within `timeoutMs`.
 */
async function drain(target: Target, run: ClickRun, timeoutMs: number, doneWhen?: (run: ClickRun) => boolean): Promise<number | null> {
  const from = performance.now();
  const deferred = run.handles.filter((_, i) => {
    const o = run.outcomes[i];
    return o && callbackKind(o.reply) === 'deferred';
  });
  const window = 300;
  let requests = target.discord.requests.length;
  const cpuMs = () => {
    try {
      return processCpuMs(target.process.pid);
    } catch {
      return null; // the process is gone: orExit reports that at the next wait
    }
  };
  let cpu = cpuMs();
  while (cpu !== null && performance.now() - from < timeoutMs) {
    await sleep(window);
    const nowRequests = target.discord.requests.length;
    const nowCpu = cpuMs();
    if (nowCpu === null) return null;
    const quiet = nowRequests === requests && nowCpu - cpu < window * 0.1;
    requests = nowRequests;
    cpu = nowCpu;
    const answersDone = target.name === 'noop' || deferred.every((h) => finalAnswer(h));
    if (answersDone && (quiet || doneWhen?.(run))) return Math.round(performance.now() - from - (quiet ? window : 0));
  }
  return null;
}

export const roundedDistribution = (samples: number[]) => {
  const d = distribution(samples);
  return { count: d.count, p50: round(d.p50), p95: round(d.p95), p99: round(d.p99), max: round(d.max), mean: round(d.mean) };
};
