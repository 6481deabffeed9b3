import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('role changes on the loopback server', () => {
  let harness: Harness;
  let ids: ReturnType<Harness['discord']['addGuild']>;
  afterEach(() => harness.stop());

  const start = async (bot?: { permissions?: bigint; position?: number }) => {
    harness = await startHarness(
      (discord) => {
        ids = discord.addGuild({
          name: 'G',
          roles: [{ name: 'Learner' }, { name: 'Graduate' }, { name: 'Moderator', position: 10 }],
          members: [{ username: 'owner' }, { username: 'ada' }],
          ...(bot ? { bot } : {}),
        });
      },
      { client: { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers] } },
    );
  };
  const ada = () => harness.client.guilds.cache.get(ids.id)!.members.fetch(ids.users.ada!);

  it('adds a role below the bot and tells the bot with GUILD_MEMBER_UPDATE', async () => {
    await start();
    const member = await ada();
    await member.roles.add(ids.roles.Graduate!, 'finished the track');
    expect(harness.discord.state.member(ids.id, ids.users.ada!).roles).toEqual([ids.roles.Graduate]);
    const request = harness.discord.requests.find((r) => r.route === 'PUT /guilds/:guild_id/members/:user_id/roles/:role_id');
    expect(request?.headers['x-audit-log-reason']).toBe('finished%20the%20track');
    await harness.discord.gateway.waitForFrame((f) => f.t === 'GUILD_MEMBER_UPDATE');
    await expect.poll(() => member.roles.cache.has(ids.roles.Graduate!)).toBe(true);
  });

  it('refuses with 50013 a role above the bot’s highest role', async () => {
    await start();
    const member = await ada();
    await expect(member.roles.add(ids.roles.Moderator!)).rejects.toMatchObject({ code: 50013, status: 403 });
    expect(harness.discord.state.member(ids.id, ids.users.ada!).roles).toEqual([]);
  });

  it('refuses with 50013 when the bot lacks Manage Roles', async () => {
    await start({ permissions: PermissionFlagsBits.SendMessages });
    await expect((await ada()).roles.add(ids.roles.Learner!)).rejects.toMatchObject({ code: 50013 });
  });

  it('refuses with 50013 the bot’s own managed role and @everyone', async () => {
    await start();
    const member = await ada();
    await expect(member.roles.add(ids.botRoleId)).rejects.toMatchObject({ code: 50013 });
    await expect(member.roles.add(ids.everyoneRoleId)).rejects.toMatchObject({ code: 50013 });
  });

  it('removes a role', async () => {
    await start();
    const member = await ada();
    await member.roles.add(ids.roles.Learner!);
    await member.roles.remove(ids.roles.Learner!);
    expect(harness.discord.state.member(ids.id, ids.users.ada!).roles).toEqual([]);
  });
});
