import type { APIInteractionResponse, APIMessage } from 'discord.js';
import type { LoopbackDiscord } from '../test/discord/index.js';

export interface Click {
  message: APIMessage;
  customId: string;
  userId: string;
}

export interface ClickOutcome {
  /** Dispatch of INTERACTION_CREATE to the callback arriving at the loopback server. */
  latency: number;
  /** The same from when the click was due on the schedule (includes any lag of the generator). */
  fromSchedule: number;
  reply: APIInteractionResponse;
}

export interface ClickRun {
  /** One per click: null when no callback came within Discord's 3 s. */
  outcomes: (ClickOutcome | null)[];
  start: number;
  lastCallback: number;
  maxDispatchLag: number;
}

/**
 * Open loop: click i goes out at start + i / rate seconds whatever the replies are doing (several in one go if the
 * generator is late). Resolves once every click has its callback or has timed out (Discord's 3 s + 50 ms).
 */
export async function clickOpenLoop(discord: LoopbackDiscord, clicks: readonly Click[], rate: number): Promise<ClickRun> {
  const pending: Promise<ClickOutcome | null>[] = [];
  let maxDispatchLag = 0;
  let lastCallback = 0;
  const start = performance.now();
  await openLoop(clicks.length, rate, start, (i, dueAt) => {
    const click = clicks[i]!;
    const handle = discord.clickButton(click);
    const sentAt = performance.now();
    maxDispatchLag = Math.max(maxDispatchLag, sentAt - dueAt);
    pending.push(handle.response.then(
      (reply) => {
        const at = performance.now();
        lastCallback = Math.max(lastCallback, at);
        return { latency: at - sentAt, fromSchedule: at - dueAt, reply };
      },
      () => null,
    ));
  });
  const outcomes = await Promise.all(pending);
  return { outcomes, start, lastCallback, maxDispatchLag };
}

/**
 * Closed loop: at most `concurrency` clicks waiting for their callback at any time, so the rate follows what the bot
 * can take and a slow moment cannot pile up clicks past Discord's 3 s. For work that must get done, not for latency.
 */
export async function clickClosedLoop(discord: LoopbackDiscord, clicks: readonly Click[], concurrency: number): Promise<ClickRun> {
  const outcomes: (ClickOutcome | null)[] = new Array(clicks.length).fill(null);
  let next = 0;
  let lastCallback = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < clicks.length) {
      const i = next++;
      const sentAt = performance.now();
      const reply = await discord.clickButton(clicks[i]!).response.catch(() => null);
      const at = performance.now();
      if (reply) {
        lastCallback = Math.max(lastCallback, at);
        outcomes[i] = { latency: at - sentAt, fromSchedule: at - sentAt, reply };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clicks.length) }, worker));
  return { outcomes, start, lastCallback, maxDispatchLag: 0 };
}

/** Calls `dispatch(i, dueAt)` for i = 0..count-1 at `rate` per second from `start`. */
function openLoop(count: number, rate: number, start: number, dispatch: (i: number, dueAt: number) => void): Promise<void> {
  return new Promise((resolve) => {
    let sent = 0;
    const tick = () => {
      const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; sent < due; sent++) dispatch(sent, start + (sent * 1000) / rate);
      if (sent >= count) return resolve();
      setTimeout(tick, Math.max(0, start + (sent * 1000) / rate - performance.now()));
    };
    tick();
  });
}

/** Callbacks that are not the answer feedback (an error message instead of embeds). */
export const isErrorReply = (reply: APIInteractionResponse) =>
  !('data' in reply) || !((reply.data as { embeds?: unknown[] } | undefined)?.embeds?.length);

/** The daily answer buttons of a post (custom ids v1:dq:<post>:<option>). */
export function dailyButtons(message: APIMessage): string[] {
  const row = message.components?.[0] as { components?: { custom_id?: string }[] } | undefined;
  const ids = (row?.components ?? []).map((c) => c.custom_id).filter((id): id is string => id?.startsWith('v1:dq:') ?? false);
  if (ids.length === 0) throw new Error(`Message ${message.id} has no daily answer buttons`);
  return ids;
}

export const postIdOf = (message: APIMessage) => Number(dailyButtons(message)[0]!.split(':')[2]);
