import { SnowflakeUtil } from 'discord.js';

/**
 * Discord shows "This interaction failed" when an interaction has no response within 3 seconds of being created.
 * An interaction that reaches its handler already this old has waited in a queue (the bot's event loop was busy,
 * or the gateway connection was backed up): the cheap part, an acknowledgement, then goes first and the work follows.
 * The age is read from the interaction's id, which Discord stamps with its creation time; a host clock running
 * ahead of Discord's only makes the bot acknowledge first more often, never fail.
 */
export const ACK_FIRST_AFTER_MS = 750;

export interface Backlog {
  /** True when an interaction should be acknowledged before its work is done. */
  behind(interactionId: string): boolean;
}

export function createBacklogMonitor(now: () => number = Date.now, ackFirstAfterMs: number = ACK_FIRST_AFTER_MS): Backlog {
  return {
    behind: (interactionId) => now() - SnowflakeUtil.timestampFrom(interactionId) > ackFirstAfterMs,
  };
}
