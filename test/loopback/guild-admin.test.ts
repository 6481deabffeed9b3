import { ChannelType, GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const ADMIN = PermissionFlagsBits.ManageRoles | PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages | PermissionFlagsBits.PinMessages;

describe('roles, channels and pins on the loopback server, driven by discord.js', () => {
  let harness: Harness;
  let ids: ReturnType<Harness['discord']['addGuild']>;
  afterEach(async () => {
    expect(harness.discord.contractViolations).toEqual([]);
    await harness.stop();
  });

  const start = async (permissions = ADMIN, extraRoles = 0) => {
    harness = await startHarness(
      (discord) => {
        ids = discord.addGuild({
          name: 'G',
          roles: [{ name: 'Low' }, { name: 'Mid' }, ...Array.from({ length: extraRoles }, (_, i) => ({ name: `r${i}` })), { name: 'Top', position: 300 }],
          members: [{ username: 'owner' }],
          bot: { permissions, position: 299 },
        });
      },
      { client: { intents: [GatewayIntentBits.Guilds] } },
    );
  };
  const guild = () => harness.client.guilds.cache.get(ids.id)!;
  const order = () => [...harness.discord.state.guild(ids.id).roles.values()].filter((r) => r.id !== ids.id).sort((a, b) => a.position - b.position).map((r) => r.name);

  it('creates a role at the bottom, announces it, and moves roles to the positions asked while the others keep their order', async () => {
    await start();
    const made = await guild().roles.create({ name: 'Stage A', color: 0x123456, mentionable: false, permissions: [] });
    expect(order()).toEqual(['Stage A', 'Low', 'Mid', 'cohort', 'Top']);
    await expect.poll(() => guild().roles.cache.has(made.id)).toBe(true);
    const top = harness.discord.state.guild(ids.id).roles.get(ids.botRoleId)!.position;
    await guild().roles.setPositions([{ role: made.id, position: top - 1 }]);
    expect(order()).toEqual(['Low', 'Mid', 'Stage A', 'cohort', 'Top']);
  });

  it('refuses to move a role to or above the bot\'s highest role, to grant a permission the bot lacks, and past 250 roles', async () => {
    await start(ADMIN, 244);
    const low = ids.roles.Low!;
    await expect(guild().roles.setPositions([{ role: low, position: 400 }])).rejects.toMatchObject({ code: 50013 });
    await expect(guild().roles.create({ name: 'x', permissions: [PermissionFlagsBits.Administrator] })).rejects.toMatchObject({ code: 50013 });
    expect(harness.discord.state.guild(ids.id).roles.size).toBe(249);
    await guild().roles.create({ name: 'the 250th' });
    await expect(guild().roles.create({ name: 'one too many' })).rejects.toMatchObject({ code: 30005 });
  });

  it('deletes a role below the bot, and takes it from its members; refuses the bot\'s own', async () => {
    await start();
    await guild().roles.delete(ids.roles.Low!);
    expect(order()).toEqual(['Mid', 'cohort', 'Top']);
    await expect(guild().roles.delete(ids.botRoleId)).rejects.toMatchObject({ code: 50013 });
    await expect(guild().roles.delete(ids.roles.Low!)).rejects.toMatchObject({ code: 10011 });
  });

  it('creates and deletes a channel with Manage Channels, and refuses without it', async () => {
    await start();
    const channel = await guild().channels.create({ name: 'Study Group', type: ChannelType.GuildText });
    expect(channel.name).toBe('study-group');
    expect(harness.discord.state.channel(channel.id).guild_id).toBe(ids.id);
    await channel.delete();
    expect(harness.discord.state.channels.has(channel.id)).toBe(false);
    await harness.stop();
    await start(ADMIN & ~PermissionFlagsBits.ManageChannels);
    await expect(guild().channels.create({ name: 'nope' })).rejects.toMatchObject({ code: 50013 });
  });

  it('pins a message with Pin Messages, and refuses without it', async () => {
    await start();
    const channel = await harness.client.channels.fetch(ids.channels.general!);
    if (!channel?.isSendable()) throw new Error('general is not a text channel');
    const message = await channel.send('hello');
    await message.pin();
    expect(harness.discord.state.messagesIn(ids.channels.general!)[0]!.pinned).toBe(true);
    await message.unpin();
    expect(harness.discord.state.messagesIn(ids.channels.general!)[0]!.pinned).toBe(false);
    await harness.stop();
    await start(ADMIN & ~PermissionFlagsBits.PinMessages);
    const again = await harness.client.channels.fetch(ids.channels.general!);
    if (!again?.isSendable()) throw new Error('general is not a text channel');
    await expect((await again.send('hi')).pin()).rejects.toMatchObject({ code: 50013 });
  });
});
