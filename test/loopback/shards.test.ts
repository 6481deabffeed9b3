import { once } from 'node:events';
import { Client, Events, GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLoopbackDiscord, type LoopbackDiscord } from '../../src/loopback/index.js';
import { shardOf } from '../../src/loopback/shards.js';
import { startHarness, type Harness } from './harness.js';

/** A raw socket that identifies as `shard`: the close code the gateway answers with, an Invalid Session, or null for READY. */
async function identifyRaw(discord: LoopbackDiscord, shard: unknown): Promise<number | 'invalid session' | null> {
  const ws = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
  await once(ws, 'message');
  ws.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: discord.token, intents: GatewayIntentBits.Guilds, properties: {}, shard } }));
  const outcome = await Promise.race([
    once(ws, 'close').then(([code]) => code as number),
    new Promise<'invalid session' | null>((resolve) => ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; t: string | null };
      if (packet.t === 'READY') resolve(null);
      if (packet.op === GatewayOpcodes.InvalidSession) resolve('invalid session');
    })),
  ]);
  ws.terminate();
  return outcome;
}

describe('loopback gateway shards', () => {
  let harness: Harness | undefined;
  let discord: LoopbackDiscord | undefined;
  afterEach(async () => {
    await harness?.stop();
    await discord?.close();
    harness = discord = undefined;
  });

  it('servers made one after another fall on every shard, by (guild_id >> 22) % count', async () => {
    discord = await startLoopbackDiscord();
    const ids = Array.from({ length: 6 }, (_, i) => discord!.addGuild({ name: `G${i}` }).id);
    expect(ids.map((id) => shardOf(id, 3))).toEqual([0, 1, 2, 0, 1, 2].map((k) => (k + shardOf(ids[0], 3)) % 3));
  });

  it('GET /gateway/bot recommends one shard per 1,000 servers, and the client opens that many, each with its own servers', async () => {
    let ids: string[] = [];
    harness = await startHarness(
      (d) => {
        ids = Array.from({ length: 9 }, (_, i) => d.addGuild({ name: `G${i}` }).id);
      },
      { loopback: { shards: { guildsPerShard: 3, maxConcurrency: 3 } }, client: { shards: 'auto' } },
    );
    const { client, discord: d } = harness;
    expect(d.requests.find((r) => r.route === 'GET /gateway/bot')?.response).toMatchObject({ shards: 3, session_start_limit: { max_concurrency: 3 } });
    const identified = d.gateway.frames.filter((f) => f.direction === 'in' && f.op === GatewayOpcodes.Identify).map((f) => (f.d as { shard: number[] }).shard);
    expect(identified.sort()).toEqual([[0, 3], [1, 3], [2, 3]]);
    for (const frame of d.gateway.frames.filter((f) => f.t === 'READY')) {
      const ready = frame.d as { shard: [number, number]; guilds: { id: string }[] };
      expect(ready.shard[0]).toBe(frame.shard);
      expect(ready.guilds.map((g) => g.id).sort()).toEqual(ids.filter((id) => shardOf(id, 3) === frame.shard).sort());
    }
    for (const frame of d.gateway.frames.filter((f) => f.t === 'GUILD_CREATE')) expect(shardOf((frame.d as { id: string }).id, 3)).toBe(frame.shard);
    expect(client.ws.shards.size).toBe(3);
    expect(ids.map((id) => client.guilds.cache.get(id)?.shardId)).toEqual(ids.map((id) => shardOf(id, 3)));
  });

  it('an interaction reaches the bot over the socket of its server\'s shard', async () => {
    let guilds: { id: string; channel: string; user: string }[] = [];
    harness = await startHarness(
      (d) => {
        guilds = Array.from({ length: 3 }, (_, i) => {
          const g = d.addGuild({ name: `G${i}`, members: [{ username: `m${i}` }] });
          return { id: g.id, channel: g.channels.general!, user: g.users[`m${i}`]! };
        });
      },
      { loopback: { shards: { recommended: 3, maxConcurrency: 3 } }, client: { shards: 'auto' } },
    );
    const { client, discord: d } = harness;
    await client.application!.commands.set([{ name: 'ping', description: 'Ping' }]);
    const arrivedOn: number[] = [];
    client.on(Events.Raw, (packet: { t?: string }, shardId: number) => void (packet.t === 'INTERACTION_CREATE' && arrivedOn.push(shardId)));
    client.on(Events.InteractionCreate, (i) => void (i.isChatInputCommand() && i.reply(`pong from shard ${i.guild!.shardId}`)));
    for (const g of guilds) {
      const run = d.slashCommand({ guildId: g.id, channelId: g.channel, userId: g.user, name: 'ping' });
      await expect(run.response).resolves.toMatchObject({ data: { content: `pong from shard ${shardOf(g.id, 3)}` } });
    }
    expect(arrivedOn).toEqual(guilds.map((g) => shardOf(g.id, 3)));
  });

  it('a session without sharding past 2,500 servers is closed with 4011, and a shard id out of range with 4010', async () => {
    discord = await startLoopbackDiscord({ shards: { maxConcurrency: 16 } });
    for (let i = 0; i < 2501; i++) discord.addGuild({ name: `G${i}` });
    expect(await identifyRaw(discord, undefined)).toBe(GatewayCloseCodes.ShardingRequired);
    expect(await identifyRaw(discord, [0, 1])).toBe(GatewayCloseCodes.ShardingRequired);
    expect(await identifyRaw(discord, [2, 2])).toBe(GatewayCloseCodes.InvalidShard);
    expect(await identifyRaw(discord, [0, 0])).toBe(GatewayCloseCodes.InvalidShard);
    expect(await identifyRaw(discord, [1, 2])).toBeNull();
  });

  it('lets one IDENTIFY a bucket through per 5 seconds, and answers an early one with opcode 9 (Invalid Session)', async () => {
    discord = await startLoopbackDiscord({ shards: { maxConcurrency: 2 } });
    expect(await identifyRaw(discord, [0, 4])).toBeNull();
    expect(await identifyRaw(discord, [1, 4])).toBeNull(); // bucket 1
    expect(await identifyRaw(discord, [2, 4])).toBe('invalid session'); // bucket 0 again, too soon
    expect(discord.gateway.identifies.map((i) => i.shard)).toEqual([[0, 4], [1, 4]]);
  });

  it('a discord.js client without sharding is refused with 4011 past 2,500 servers', async () => {
    discord = await startLoopbackDiscord();
    for (let i = 0; i < 2501; i++) discord.addGuild({ name: `G${i}` });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
    const disconnected = once(client, Events.ShardDisconnect);
    const login = client.login(discord.token).catch((error: unknown) => error);
    const [event, shardId] = await disconnected;
    expect({ code: (event as { code: number }).code, shardId }).toEqual({ code: GatewayCloseCodes.ShardingRequired, shardId: 0 });
    void login;
    await client.destroy();
  });
});
