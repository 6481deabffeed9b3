import { InteractionResponseType, type APIInteractionResponse, type APIMessage } from 'discord.js';
import type { InteractionHandle, LoopbackDiscord } from '../src/loopback/index.js';

export interface Click {
  message: APIMessage;
  customId: string;
  userId: string;
}

export interface ClickOutcome {
  /** Dispatch of INTERACTION_CREATE to the first callback arriving at the loopback server. */
  latency: number;
  /** The same from when the click was due on the schedule (includes any lag of the generator). */
  fromSchedule: number;
  /** The first callback: a full answer, a deferred acknowledgement or an error message. */
  reply: APIInteractionResponse;
}

export interface ClickRun {
  /** One per click: null when no callback came within Discord's 3 s. */
  outcomes: (ClickOutcome | null)[];
  /** One per click, in the same order: for looking up what came after the first callback (edits, follow-ups). */
  handles: InteractionHandle[];
  /** performance.now() at which each click went out. */
  sentAt: number[];
  start: number;
  /** performance.now() when the last click went out. */
  lastDispatch: number;
  lastCallback: number;
  maxDispatchLag: number;
}

/**
 * Open loop: click i goes out at start + i / rate seconds whatever the replies are doing (several in one go if the
 * generator is late). Resolves once every click has its callback or has timed out (Discord's 3 s + 50 ms, enforced by
 * the loopback server). A click the loopback refuses to dispatch (its button is disabled, say) stops the run with an
 * error naming it.
 */
export async function clickOpenLoop(discord: LoopbackDiscord, clicks: readonly Click[], rate: number): Promise<ClickRun> {
  const pending: Promise<ClickOutcome | null>[] = [];
  const handles: InteractionHandle[] = [];
  const sentAts: number[] = [];
  let maxDispatchLag = 0;
  let lastCallback = 0;
  let lastDispatch = 0;
  let failure: Error | null = null;
  const start = performance.now();
  await openLoop(clicks.length, rate, start, (i, dueAt) => {
    const click = clicks[i]!;
    let handle: InteractionHandle;
    try {
      handle = discord.clickButton(click);
    } catch (error) {
      failure = new Error(`Click ${i + 1} of ${clicks.length} (${click.customId} on message ${click.message.id}) could not be made: ${(error as Error).message}`);
      return false;
    }
    const sentAt = performance.now();
    lastDispatch = sentAt;
    handles.push(handle);
    sentAts.push(sentAt);
    maxDispatchLag = Math.max(maxDispatchLag, sentAt - dueAt);
    pending.push(handle.response.then(
      (reply) => {
        const at = performance.now();
        lastCallback = Math.max(lastCallback, at);
        return { latency: at - sentAt, fromSchedule: at - dueAt, reply };
      },
      () => null,
    ));
    return true;
  });
  const outcomes = await Promise.all(pending);
  if (failure) throw failure;
  return { outcomes, handles, sentAt: sentAts, start, lastDispatch, lastCallback, maxDispatchLag };
}

/**
 * Closed loop: at most `concurrency` clicks waiting for their callback at any time, so the rate follows what the bot
 * can take and a slow moment cannot pile up clicks past Discord's 3 s. For work that must get done, not for latency.
 */
export async function clickClosedLoop(discord: LoopbackDiscord, clicks: readonly Click[], concurrency: number): Promise<ClickRun> {
  const outcomes: (ClickOutcome | null)[] = new Array(clicks.length).fill(null);
  const handles: InteractionHandle[] = new Array(clicks.length);
  const sentAts: number[] = new Array(clicks.length).fill(0);
  let next = 0;
  let lastCallback = 0;
  let lastDispatch = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < clicks.length) {
      const i = next++;
      const sentAt = (sentAts[i] = performance.now());
      lastDispatch = sentAt;
      const handle = (handles[i] = discord.clickButton(clicks[i]!));
      const reply = await handle.response.catch(() => null);
      const at = performance.now();
      if (reply) {
        lastCallback = Math.max(lastCallback, at);
        outcomes[i] = { latency: at - sentAt, fromSchedule: at - sentAt, reply };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clicks.length) }, worker));
  return { outcomes, handles, sentAt: sentAts, start, lastDispatch, lastCallback, maxDispatchLag: 0 };
}

/** Calls `dispatch(i, dueAt)` for i = 0..count-1 at `rate` per second from `start`, until it returns false. */
function openLoop(count: number, rate: number, start: number, dispatch: (i: number, dueAt: number) => boolean): Promise<void> {
  return new Promise((resolve) => {
    let sent = 0;
    const tick = () => {
      const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; sent < due; sent++) if (!dispatch(sent, start + (sent * 1000) / rate)) return resolve();
      if (sent >= count) return resolve();
      setTimeout(tick, Math.max(0, start + (sent * 1000) / rate - performance.now()));
    };
    tick();
  });
}

export type CallbackKind = 'full' | 'deferred' | 'error';

/**
 * What a first callback was: a deferred acknowledgement (type 5, or 6 DEFERRED_UPDATE_MESSAGE) to be followed by an
 * edit or a follow-up; the answer feedback itself (embeds); or an error message (content only).
 */
export function callbackKind(reply: APIInteractionResponse): CallbackKind {
  if (reply.type === InteractionResponseType.DeferredChannelMessageWithSource || reply.type === InteractionResponseType.DeferredMessageUpdate) return 'deferred';
  const embeds = 'data' in reply ? (reply.data as { embeds?: unknown[] } | undefined)?.embeds : undefined;
  return embeds?.length ? 'full' : 'error';
}

/** Callbacks that are not the answer feedback (an error message instead of embeds); a deferred one is not an error. */
export const isErrorReply = (reply: APIInteractionResponse) => callbackKind(reply) === 'error';

/** After a deferred callback: the answer that replaced it (the edited @original or a follow-up), if one came. */
export function finalAnswer(handle: InteractionHandle): APIMessage | undefined {
  if (handle.edits.length > 0) return handle.original();
  return handle.followUps[0];
}

const dailyButtonIds = (message: APIMessage): string[] => {
  const row = message.components?.[0] as { components?: { custom_id?: string }[] } | undefined;
  return (row?.components ?? []).map((c) => c.custom_id).filter((id): id is string => id?.startsWith('v1:dq:') ?? false);
};

/** The daily answer buttons of a post (custom ids v1:dq:<post>:<option>). */
export function dailyButtons(message: APIMessage): string[] {
  const ids = dailyButtonIds(message);
  if (ids.length === 0) throw new Error(`Message ${message.id} has no daily answer buttons`);
  return ids;
}

export const isDailyPost = (message: APIMessage) => dailyButtonIds(message).length > 0;

/** Whether any of a message's buttons is disabled (a daily post once its answer is revealed). */
export function hasDisabledButton(message: APIMessage): boolean {
  const row = message.components?.[0] as { components?: { disabled?: boolean }[] } | undefined;
  return (row?.components ?? []).some((c) => c.disabled === true);
}

export const postIdOf = (message: APIMessage) => Number(dailyButtons(message)[0]!.split(':')[2]);
