import { callbackKind, type ClickRun } from './clicks.js';
import type { APIMessage } from 'discord.js';
import { CALLBACK_ROUTE, measureStep, roundedDistribution, type Step } from './steps.js';
import type { BotTarget } from './targets.js';
import { assertClickable } from './targets.js';

export interface OverloadOptions {
  /** Offered rate, clicks per second (1.5 x the bot's highest sustained rate). */
  rate: number;
  seconds: number;
  /** The rate it was derived from, for the record. */
  sustainedRate: number;
}

const WEBHOOK_ANSWER = /^(PATCH|POST) \/webhooks\//;

/**
 * The bot driven past what it sustains, open loop, on a fresh post: which clicks got a first callback within
 * Discord's 3 s, which got one later (refused with 10062) or never, which first callbacks were deferred
 * acknowledgements, and whether every click was still recorded exactly once in `answers`.
 */
export async function runOverload(bot: BotTarget, options: OverloadOptions) {
  const message = await bot.freshPost();
  assertClickable(bot.discord, message);
  const clicks = Math.round(options.rate * options.seconds);
  const users = bot.group.members(clicks);
  // Up to a minute for the bot to work through its backlog: late answers still get recorded. The wait ends once
  // every click is accounted for (answered on time or a late callback seen, and its answer recorded), even if the bot
  // is still busy telling members about the refused callbacks.
  const accounted = accountedFor(bot, message, clicks);
  const step = await measureStep(bot, { label: `overload ${options.rate}/s`, message, users, rate: options.rate, drainTimeoutMs: 60_000, keepRun: true, doneWhen: accounted });
  try {
    return { sustainedRate: options.sustainedRate, plannedSeconds: options.seconds, ...summarise(bot, step, new Set(users).size) };
  } finally {
    bot.discord.forgetHistory();
  }
}

/** Every click has a first callback (on time, or a late one refused) and the post has an answer per click. */
function accountedFor(bot: BotTarget, message: APIMessage, clicks: number) {
  const called = new Set<string>();
  let seen = 0;
  return (run: ClickRun) => {
    const requests = bot.discord.requests;
    for (; seen < requests.length; seen++) {
      const r = requests[seen]!;
      if (r.route === CALLBACK_ROUTE) called.add(r.params.interaction_id ?? '');
    }
    const allCalled = run.handles.every((h, i) => run.outcomes[i] !== null || called.has(h.id));
    return allCalled && bot.recorded!(message) >= clicks;
  };
}

function summarise(bot: BotTarget, step: Step, distinctMembers: number) {
  const { run, ...rest } = step;
  // When each deferred acknowledgement's answer (edit of @original, or a follow-up) was accepted.
  const answeredAt = new Map<string, number>();
  for (const r of bot.discord.requests) {
    if (!r.route || !WEBHOOK_ANSWER.test(r.route) || r.status >= 300) continue;
    const token = r.params.webhook_token ?? '';
    if (!answeredAt.has(token)) answeredAt.set(token, r.at);
  }
  const finalAnswerMs: number[] = [];
  run?.outcomes.forEach((o, i) => {
    if (!o || callbackKind(o.reply) !== 'deferred') return;
    const at = answeredAt.get(run.handles[i]!.token);
    if (at !== undefined) finalAnswerMs.push(at - (performance.timeOrigin + run.sentAt[i]!));
  });
  return {
    ...rest,
    onTime: step.answered,
    never: step.unanswered - step.late,
    distinctMembers,
    everyAnswerRecordedOnce: step.answersRecorded === distinctMembers,
    /** Dispatch to the accepted edit or follow-up that replaced a deferred acknowledgement. */
    deferredAnswerMs: roundedDistribution(finalAnswerMs),
  };
}
