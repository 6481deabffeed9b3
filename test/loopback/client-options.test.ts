import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { createDiscordClient, createRestPool, type RestPool } from '../../src/discord/client.js';

describe('the discord.js client the bot builds', () => {
  const made: { client: Client; pool: RestPool }[] = [];
  afterEach(async () => {
    for (const { client, pool } of made.splice(0)) {
      await client.destroy();
      await pool.close();
    }
  });
  const build = (settings: { shardCount?: number; globalRequestsPerSecond?: number }) => {
    const pool = createRestPool();
    const client = createDiscordClient({ dispatcher: pool.dispatcher, ...settings });
    made.push({ client, pool });
    return client;
  };

  it('without SHARD_COUNT, asks Discord how many shards (auto); with it, opens every shard of that count', () => {
    expect(build({}).options.shards).toBe('auto');
    const fixed = build({ shardCount: 3 });
    expect(fixed.options.shards).toEqual([0, 1, 2]);
    expect(fixed.options.shardCount).toBe(3);
  });

  it('paces its REST requests to DISCORD_GLOBAL_RATE_LIMIT, 50 a second unless told otherwise', () => {
    expect(build({}).rest.options.globalRequestsPerSecond).toBe(50);
    expect(build({ globalRequestsPerSecond: 500 }).rest.options.globalRequestsPerSecond).toBe(500);
  });
});
