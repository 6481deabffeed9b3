import { createHash } from 'node:crypto';

export interface RateLimitWindow {
  /** Requests per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitPolicy extends RateLimitWindow {
  /**
   * Buckets for particular routes, by route key (`POST /channels/:channel_id/messages`), in place of the default
   * above; still one bucket per major parameter (channel, guild, webhook). Discord's message bucket is about 5 per 5 s.
   */
  routes?: Record<string, RateLimitWindow>;
  /**
   * The bot-wide global bucket across every route that takes the bot token (Discord: 50 requests per second).
   * Interaction callbacks and webhook routes (no bot token) are exempt, as on Discord. Off unless given.
   */
  global?: RateLimitWindow;
}

export interface BucketState {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

interface Window {
  used: number;
  resetAt: number;
}

/**
 * Fixed windows keyed like Discord's buckets (route + major parameter), each opened by the first request after the
 * previous one ended, which is also how discord.js models them. Headers let discord.js throttle itself; a bot that
 * ignores them gets a real 429.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Window>();
  private globalWindow: Window = { used: 0, resetAt: 0 };

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number,
  ) {}

  take(route: string, majorParameter: string): BucketState {
    const limits = this.policy.routes?.[route] ?? this.policy;
    const key = `${route}:${majorParameter}`;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { used: 0, resetAt: now + limits.windowMs };
      this.buckets.set(key, bucket);
    }
    const allowed = bucket.used < limits.limit;
    if (allowed) bucket.used += 1;
    const resetAfter = Math.max(0, bucket.resetAt - now) / 1000;
    return {
      allowed,
      retryAfterSeconds: resetAfter,
      headers: {
        'x-ratelimit-limit': String(limits.limit),
        'x-ratelimit-remaining': String(Math.max(0, limits.limit - bucket.used)),
        'x-ratelimit-reset': ((bucket.resetAt) / 1000).toFixed(3),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': createHash('sha1').update(route).digest('hex').slice(0, 16),
      },
    };
  }

  /** Counts a request against the global bucket; null when no global limit is set. */
  takeGlobal(): BucketState | null {
    const limits = this.policy.global;
    if (!limits) return null;
    const now = this.now();
    if (this.globalWindow.resetAt <= now) this.globalWindow = { used: 0, resetAt: now + limits.windowMs };
    const window = this.globalWindow;
    const allowed = window.used < limits.limit;
    if (allowed) window.used += 1;
    const retryAfter = Math.max(0, window.resetAt - now) / 1000;
    return {
      allowed,
      retryAfterSeconds: retryAfter,
      headers: { 'retry-after': retryAfter.toFixed(3), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    };
  }
}

/** The parameter Discord buckets by: channel, guild, or webhook id + token. */
export function majorParameter(params: Record<string, string>): string {
  if (params.webhook_id) return `${params.webhook_id}/${params.webhook_token ?? ''}`;
  return params.channel_id ?? params.guild_id ?? 'global';
}
