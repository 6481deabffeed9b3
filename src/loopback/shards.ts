import { GatewayDispatchEvents } from 'discord-api-types/v10';

/** How the loopback gateway spreads servers over shards, and how fast it lets sessions start. */
export interface ShardPolicy {
  /** What GET /gateway/bot recommends; default one shard per `guildsPerShard` servers (at least one). */
  recommended?: number;
  /** Discord recommends about 1,000 servers a shard. Default 1,000. */
  guildsPerShard?: number;
  /** A session with more servers than this is closed with 4011 "Sharding required". Default 2,500, as on Discord. */
  maxGuildsPerSession?: number;
  /** IDENTIFYs allowed at once: shard `id` is in bucket `id % maxConcurrency`. Default 1 (most bots). */
  maxConcurrency?: number;
  /** One IDENTIFY per bucket per this long; an earlier one gets opcode 9 (Invalid Session). Default 5,000 ms. */
  identifyIntervalMs?: number;
}

export type ResolvedShardPolicy = Required<Omit<ShardPolicy, 'recommended'>> & { recommended: number | undefined };

export function resolveShardPolicy(policy: ShardPolicy = {}): ResolvedShardPolicy {
  return {
    recommended: policy.recommended,
    guildsPerShard: policy.guildsPerShard ?? 1000,
    maxGuildsPerSession: policy.maxGuildsPerSession ?? 2500,
    maxConcurrency: policy.maxConcurrency ?? 1,
    identifyIntervalMs: policy.identifyIntervalMs ?? 5000,
  };
}

/** Discord's formula: `(guild_id >> 22) % num_shards`. Direct messages go to shard 0. */
export function shardOf(guildId: string | null | undefined, shardCount: number): number {
  if (!guildId || shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export function recommendedShards(policy: ResolvedShardPolicy, guilds: number): number {
  return policy.recommended ?? Math.max(1, Math.ceil(guilds / policy.guildsPerShard));
}

/** `shard: [id, count]` from an IDENTIFY, or why it is invalid (4010). Without the field, the session is [0, 1]. */
export function parseShard(value: unknown): [number, number] | null {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) return null;
  return [id as number, count as number];
}

/** When each identify bucket last let a session start. */
export class IdentifyBuckets {
  private readonly last = new Map<number, number>();

  constructor(private readonly policy: ResolvedShardPolicy) {}

  /** Takes the bucket of `shardId` at `now`, or returns false if it was taken less than the interval ago. */
  take(shardId: number, now: number): boolean {
    const bucket = shardId % this.policy.maxConcurrency;
    const previous = this.last.get(bucket);
    if (previous !== undefined && now - previous < this.policy.identifyIntervalMs) return false;
    this.last.set(bucket, now);
    return true;
  }
}

/** The server a dispatch concerns: the guild itself for guild events, else the `guild_id` it carries. */
export function guildOf(t: GatewayDispatchEvents, d: unknown): string | undefined {
  const data = (d ?? {}) as { id?: unknown; guild_id?: unknown };
  const id = t === GatewayDispatchEvents.GuildCreate || t === GatewayDispatchEvents.GuildUpdate || t === GatewayDispatchEvents.GuildDelete ? data.id : data.guild_id;
  return typeof id === 'string' ? id : undefined;
}
