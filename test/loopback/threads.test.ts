import { ChannelType, PermissionFlagsBits, Routes, type TextChannel, type ThreadChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOT_PERMISSIONS } from '../../src/loopback/permissions.js';
import { startHarness, type Harness } from './harness.js';

const THREAD_ROUTE = 'POST /channels/:channel_id/messages/:message_id/threads';

describe('threads started from a message on the loopback server', () => {
  let harness: Harness;
  let ids: { guild: string; general: string; news: string; hidden: string };
  const start = async (botPermissions = DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads) => {
    harness = await startHarness((discord) => {
      const added = discord.addGuild({
        name: 'G',
        channels: [{ name: 'general' }, { name: 'news', type: ChannelType.GuildAnnouncement }, { name: 'hidden' }],
        bot: { permissions: botPermissions },
      });
      ids = { guild: added.id, general: added.channels.general!, news: added.channels.news!, hidden: added.channels.hidden! };
    });
  };
  const channel = (id: string) => harness.client.channels.cache.get(id) as TextChannel;
  const startThread = (channelId: string, messageId: string, body: Record<string, unknown>) =>
    harness.client.rest.post(Routes.threads(channelId, messageId), { body });
  let bodiesSentOnPurpose = false;
  afterEach(async () => {
    const violations = harness.discord.contractViolations;
    await harness.stop();
    if (!bodiesSentOnPurpose) expect(violations).toEqual([]);
    bodiesSentOnPurpose = false;
  });

  it('opens a public thread with the message\'s id, tells the bot over the gateway, and takes messages', async () => {
    await start();
    const message = await channel(ids.general).send('Day 1');
    const thread = (await startThread(ids.general, message.id, { name: 'Gradient descent', auto_archive_duration: 1440 })) as Record<string, unknown>;
    expect(thread).toMatchObject({
      id: message.id, type: ChannelType.PublicThread, parent_id: ids.general, guild_id: ids.guild, name: 'Gradient descent',
      thread_metadata: { archived: false, locked: false, auto_archive_duration: 1440 },
    });
    expect(harness.discord.requests.find((r) => r.route === THREAD_ROUTE)?.status).toBe(201);
    expect(harness.discord.state.messagesIn(ids.general)[0]!.thread?.id).toBe(message.id);
    await harness.discord.gateway.waitForFrame((f) => f.t === 'THREAD_CREATE');
    await expect.poll(() => harness.client.channels.cache.get(message.id)?.type).toBe(ChannelType.PublicThread);
    const cached = harness.client.channels.cache.get(message.id) as ThreadChannel;
    await cached.send('First question about it');
    expect(harness.discord.state.messagesIn(message.id).map((m) => m.content)).toEqual(['First question about it']);
  });

  it('answers a second attempt on the same message with 160004 and keeps one thread', async () => {
    await start();
    const message = await channel(ids.general).send('Day 1');
    await startThread(ids.general, message.id, { name: 'Once' });
    await expect(startThread(ids.general, message.id, { name: 'Twice' })).rejects.toMatchObject({ status: 400, code: 160004 });
    expect([...harness.discord.state.channels.values()].filter((c) => c.type === ChannelType.PublicThread).map((c) => c.name)).toEqual(['Once']);
  });

  it('refuses with 50013 a bot without Create Public Threads, and with 50001 one that cannot see the channel', async () => {
    await start(DEFAULT_BOT_PERMISSIONS);
    const message = await channel(ids.general).send('Day 1');
    await expect(startThread(ids.general, message.id, { name: 'No' })).rejects.toMatchObject({ status: 403, code: 50013 });
    expect(harness.discord.state.channels.has(message.id)).toBe(false);
    // A channel the bot cannot see: the message is there, but Discord answers Missing Access before anything else.
    harness.discord.state.channel(ids.hidden).permission_overwrites = [{ id: ids.guild, type: 0, allow: '0', deny: String(PermissionFlagsBits.ViewChannel) }];
    harness.discord.state.messagesIn(ids.hidden).push({ ...harness.discord.state.messagesIn(ids.general)[0]!, channel_id: ids.hidden });
    await expect(startThread(ids.hidden, message.id, { name: 'No' })).rejects.toMatchObject({ status: 403, code: 50001 });
  });

  it('checks the body as Discord does: a name of 1 to 100 characters and a known archive duration', async () => {
    await start();
    const message = await channel(ids.general).send('Day 1');
    await expect(startThread(ids.general, message.id, { name: '' })).rejects.toMatchObject({ code: 50035 });
    await expect(startThread(ids.general, message.id, { name: 'x'.repeat(101) })).rejects.toMatchObject({ code: 50035 });
    await expect(startThread(ids.general, message.id, { name: 'ok', auto_archive_duration: 30 })).rejects.toMatchObject({ code: 50035 });
    // The contract check reports them too (afterEach would fail the test on them: it expects none).
    expect(harness.discord.contractViolations.map((v) => v.at)).toEqual(['name', 'name', 'auto_archive_duration']);
    bodiesSentOnPurpose = true;
  });

  it('makes an announcement thread in an announcement channel', async () => {
    await start();
    const message = await channel(ids.news).send('This week');
    expect(await startThread(ids.news, message.id, { name: 'Challenge' })).toMatchObject({ type: ChannelType.AnnouncementThread, parent_id: ids.news });
  });
});

describe('mentions on the loopback server', () => {
  let harness: Harness;
  afterEach(() => harness.stop());

  it('a message mentions only the roles allowed_mentions lets through, and only mentionable ones', async () => {
    let ids!: { general: string; pings: string; quiet: string };
    harness = await startHarness((discord) => {
      const added = discord.addGuild({ name: 'G', roles: [{ name: 'Pings', mentionable: true }, { name: 'Quiet' }, { name: 'Other', mentionable: true }] });
      ids = { general: added.channels.general!, pings: added.roles.Pings!, quiet: added.roles.Quiet! };
    });
    const other = [...harness.discord.state.guilds.values()][0]!.roles;
    const otherId = [...other.values()].find((r) => r.name === 'Other')!.id;
    const channel = harness.client.channels.cache.get(ids.general) as TextChannel;
    const content = `<@&${ids.pings}> <@&${otherId}> <@&${ids.quiet}> @everyone`;
    const only = await channel.send({ content, allowedMentions: { parse: [], roles: [ids.pings] } });
    const stored = () => harness.discord.state.messagesIn(ids.general);
    expect(stored()[0]).toMatchObject({ mention_roles: [ids.pings], mention_everyone: false });
    const all = await channel.send({ content });
    expect(stored()[1]).toMatchObject({ mention_roles: [ids.pings, otherId], mention_everyone: false });
    await only.edit({ content: 'no pings now', allowedMentions: { parse: [] } });
    expect(stored()[0]!.mention_roles).toEqual([]);
    expect(all.id).not.toBe(only.id);
  });
});
