import { SnowflakeUtil } from 'discord.js';

/**
 * Discord shows "This interaction failed" when an interaction has no response within 3 seconds of being created.
 * When the bot is behind, the cheap part (an acknowledgement) goes first and the work follows. Two signs say it is
 * behind: an interaction reaches its handler already old (it waited in a queue before the bot read it), or many
 * interactions are in the bot at once (a new one would wait behind their work before its answer went out). The age
 * is read from the interaction's id, which Discord stamps with its creation time; a host clock running ahead of
 * Discord's only makes the bot acknowledge first more often, never fail.
 */
export const ACK_FIRST = {
  /** Acknowledge first an interaction at least this old. */
  ageMs: 750,
  /** Acknowledge first while more interactions than this are being handled (about 0.2 s of work at full speed). */
  inFlight: 200,
} as const;

export interface Backlog {
  /** True when an interaction should be acknowledged before its work is done. */
  behind(interactionId: string): boolean;
  /** Counts an interaction in while it is handled; call the returned function when it is done. */
  enter(): () => void;
  /**
   * Resolves in a later turn of the event loop, a few waiters per turn: work that follows an acknowledgement waits
   * here, so the gateway's next events (and their acknowledgements) are read between slices of it.
   */
  later(): Promise<void>;
}

/** Acknowledged interactions whose work may go ahead per turn of the event loop. */
export const WORK_PER_TURN = 32;

export function createBacklogMonitor(now: () => number = Date.now, limits: { ageMs: number; inFlight: number } = ACK_FIRST): Backlog {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    for (const resume of waiting.splice(0, WORK_PER_TURN)) resume();
    if (waiting.length > 0) setImmediate(release);
  };
  return {
    later: () =>
      new Promise<void>((resolve) => {
        if (waiting.push(resolve) === 1) setImmediate(release);
      }),
    behind: (interactionId) => inFlight > limits.inFlight || now() - SnowflakeUtil.timestampFrom(interactionId) > limits.ageMs,
    enter() {
      inFlight += 1;
      let left = false;
      return () => {
        if (!left) inFlight -= 1;
        left = true;
      };
    },
  };
}
