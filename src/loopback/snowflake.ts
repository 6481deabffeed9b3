const DISCORD_EPOCH = 1420070400000n;

/**
 * Discord-shaped ids. discord.js buckets REST routes by ids of 17-19 digits, so fake ids must look real
 * or rate-limit buckets and major parameters stop matching what production does.
 */
export class SnowflakeFactory {
  private increment = 0n;

  constructor(private readonly now: () => number) {}

  private spreadCount = 0n;
  private spreadBase: bigint | null = null;

  /**
   * An id made a millisecond after the previous one of its kind, as servers made over time are: consecutive ones fall
   * on consecutive shards (`(id >> 22) % count`), where ids made in one millisecond would all share a shard.
   */
  spread(): string {
    // From a fixed start a day back, so a clock that moves between calls cannot skip shards.
    this.spreadBase ??= BigInt(Math.max(this.now(), 1420070400000 + 86_400_001)) - DISCORD_EPOCH - 86_400_000n;
    const ms = this.spreadBase + this.spreadCount++;
    this.increment = (this.increment + 1n) & 0xfffn;
    return ((ms << 22n) | (1n << 17n) | this.increment).toString();
  }

  next(): string {
    const ms = BigInt(Math.max(this.now(), 1420070400000 + 1)) - DISCORD_EPOCH;
    this.increment = (this.increment + 1n) & 0xfffn;
    return ((ms << 22n) | (1n << 17n) | this.increment).toString();
  }
}

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
