import { callbackKind } from './clicks.js';
import { measureStep, roundedDistribution, type Step } from './steps.js';
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
  // Up to a minute for the bot to work through its backlog: late answers still get recorded.
  const step = await measureStep(bot, { label: `overload ${options.rate}/s`, message, users, rate: options.rate, drainTimeoutMs: 60_000, keepRun: true });
  try {
    return { sustainedRate: options.sustainedRate, plannedSeconds: options.seconds, ...summarise(bot, step, new Set(users).size) };
  } finally {
    bot.discord.forgetHistory();
  }
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
