import { createHash } from 'node:crypto';

export interface RateLimitPolicy {
  /** Requests per window and bucket. */
  limit: number;
  windowMs: number;
}

export interface BucketState {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

/**
 * Per-route buckets keyed like Discord's (route + major parameter). Headers let discord.js throttle
 * itself; a bot that ignores them gets a real 429.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { used: number; resetAt: number }>();

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number,
  ) {}

  take(route: string, majorParameter: string): BucketState {
    const key = `${route}:${majorParameter}`;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { used: 0, resetAt: now + this.policy.windowMs };
      this.buckets.set(key, bucket);
    }
    const allowed = bucket.used < this.policy.limit;
    if (allowed) bucket.used += 1;
    const resetAfter = Math.max(0, bucket.resetAt - now) / 1000;
    return {
      allowed,
      retryAfterSeconds: resetAfter,
      headers: {
        'x-ratelimit-limit': String(this.policy.limit),
        'x-ratelimit-remaining': String(Math.max(0, this.policy.limit - bucket.used)),
        'x-ratelimit-reset': ((bucket.resetAt) / 1000).toFixed(3),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': createHash('sha1').update(route).digest('hex').slice(0, 16),
      },
    };
  }
}

/** The parameter Discord buckets by: channel, guild, or webhook id + token. */
export function majorParameter(params: Record<string, string>): string {
  if (params.webhook_id) return `${params.webhook_id}/${params.webhook_token ?? ''}`;
  return params.channel_id ?? params.guild_id ?? 'global';
}
