import { once } from 'node:events';
import { ChannelType, Events, GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('loopback gateway', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('given a guild, when the client logs in, then it becomes ready with the guild, its channels and roles cached', async () => {
    let ids!: ReturnType<Harness['discord']['addGuild']>;
    harness = await startHarness((discord) => {
      ids = discord.addGuild({
        name: 'Study Group',
        channels: [{ name: 'lessons' }, { name: 'voice', type: ChannelType.GuildVoice }],
        roles: [{ name: 'Learner' }],
        members: [{ username: 'ada' }],
      });
    });
    const { client, discord } = harness;
    const guild = client.guilds.cache.get(ids.id);
    expect(guild?.name).toBe('Study Group');
    expect(guild?.channels.cache.get(ids.channels.lessons!)?.name).toBe('lessons');
    expect(guild?.roles.cache.get(ids.roles.Learner!)?.name).toBe('Learner');
    expect(client.user?.id).toBe(discord.botUser.id);
    expect(client.application?.id).toBe(discord.applicationId);
    expect(discord.requests.find((r) => r.route === 'GET /gateway/bot')?.status).toBe(200);
  });

  it('given no GUILD_PRESENCES intent, then GUILD_CREATE carries only the bot as a member, as on Discord', async () => {
    let guildId = '';
    harness = await startHarness((discord) => {
      guildId = discord.addGuild({ name: 'G', members: [{ username: 'ada' }, { username: 'bob' }] }).id;
    });
    const members = harness.client.guilds.cache.get(guildId)!.members.cache;
    expect([...members.keys()]).toEqual([harness.discord.botUser.id]);
    const fetched = await harness.client.guilds.cache.get(guildId)!.members.fetch(harness.discord.state.guild(guildId).ownerId);
    expect(fetched.user.username).toBe('ada');
  });

  it('given a dropped connection, then the client resumes and still receives an interaction dispatched meanwhile and after', async () => {
    let channelId = '';
    let userId = '';
    harness = await startHarness((discord) => {
      const ids = discord.addGuild({ name: 'G', members: [{ username: 'ada' }] });
      channelId = ids.channels.general!;
      userId = ids.users.ada!;
    });
    const { client, discord } = harness;
    await client.application!.commands.set([{ name: 'ping', description: 'Ping' }]);
    const seen: string[] = [];
    client.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push(interaction.id);
      await interaction.reply('pong');
    });

    discord.dropGateway();
    const during = discord.slashCommand({ channelId, userId, name: 'ping' });
    await once(client, Events.ShardResume);
    const after = discord.slashCommand({ channelId, userId, name: 'ping' });

    await expect(during.response).resolves.toMatchObject({ type: 4, data: { content: 'pong' } });
    await expect(after.response).resolves.toMatchObject({ type: 4 });
    expect(seen).toEqual([during.id, after.id]);
    expect(discord.gateway.frames.filter((f) => f.direction === 'in' && f.op === GatewayOpcodes.Identify)).toHaveLength(1);
    expect(discord.gateway.frames.some((f) => f.direction === 'in' && f.op === GatewayOpcodes.Resume)).toBe(true);
  });

  it('a guild added while connected arrives as GUILD_CREATE', async () => {
    harness = await startHarness();
    const joined = once(harness.client, Events.GuildCreate);
    const { id } = harness.discord.addGuild({ name: 'Later' });
    const [guild] = await joined;
    expect(guild.id).toBe(id);
  });

  it('answers heartbeats with HEARTBEAT_ACK so the client measures a ping', async () => {
    harness = await startHarness(() => undefined, { loopback: { heartbeatIntervalMs: 100 } });
    await harness.discord.gateway.waitForFrame((f) => f.direction === 'out' && f.op === GatewayOpcodes.HeartbeatAck);
    await expect.poll(() => harness!.client.ws.ping).toBeGreaterThanOrEqual(0);
  });
});
