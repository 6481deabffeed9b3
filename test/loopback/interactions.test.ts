import { ActionRowBuilder, ButtonBuilder, ButtonStyle, Events, MessageFlags, SlashCommandBuilder, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const commands = [
  new SlashCommandBuilder().setName('ping').setDescription('Replies pong'),
  new SlashCommandBuilder().setName('slow').setDescription('Defers, then edits'),
  new SlashCommandBuilder().setName('quiz').setDescription('Posts a question with buttons'),
  new SlashCommandBuilder()
    .setName('join')
    .setDescription('Join a track')
    .addStringOption((o) => o.setName('track').setDescription('Track').setRequired(true).setAutocomplete(true)),
].map((c) => c.toJSON());

describe('interactions through the loopback server', () => {
  let harness: Harness;
  let guild: ReturnType<Harness['discord']['addGuild']>;
  const actor = () => ({ channelId: guild.channels.general!, userId: guild.users.ada! });
  const onInteraction = (handler: (interaction: Interaction) => Promise<void>) => harness.client.on(Events.InteractionCreate, handler);

  beforeEach(async () => {
    harness = await startHarness((discord) => {
      guild = discord.addGuild({ name: 'Study Group', members: [{ username: 'ada' }] });
    });
    await harness.client.application!.commands.set(commands, guild.id);
  });
  afterEach(async () => {
    const violations = harness.discord.contractViolations;
    await harness.stop();
    expect(violations).toEqual([]);
  });

  it('when a user runs /ping, the bot replies and the fake records the callback and the message', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply('pong');
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'ping' });
    await expect(run.response).resolves.toEqual({ type: 4, data: expect.objectContaining({ content: 'pong' }) });
    const callback = harness.discord.requests.find((r) => r.route?.endsWith('/callback'));
    expect(callback?.headers.authorization).toBeUndefined();
    expect(callback?.status).toBe(204);
    expect(harness.discord.state.messagesIn(guild.channels.general!).map((m) => m.content)).toEqual(['pong']);
    expect(run.original()?.interaction_metadata?.id).toBe(run.id);
  });

  it('a deferred reply shows a loading message that editReply replaces, then a follow-up', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply('done thinking');
      await i.followUp({ content: 'one more thing', flags: MessageFlags.Ephemeral });
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'slow' });
    expect(await run.response).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const edited = await run.waitForEdit();
    expect(edited.content).toBe('done thinking');
    expect(edited.flags! & MessageFlags.Loading).toBe(0);
    expect(edited.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect((await run.waitForFollowUps(1)).map((m) => m.content)).toEqual(['one more thing']);
    expect(harness.discord.state.messagesIn(guild.channels.general!)).toEqual([]);
  });

  it('reply with withResponse gets the created message back (callback ?with_response=true)', async () => {
    const replied = new Promise<string | undefined>((resolve) =>
      onInteraction(async (i) => {
        if (!i.isChatInputCommand()) return;
        const response = await i.reply({ content: 'pong', withResponse: true });
        resolve(response.resource?.message?.content);
      }),
    );
    harness.discord.slashCommand({ ...actor(), name: 'ping' });
    expect(await replied).toBe('pong');
    expect(harness.discord.requests.find((r) => r.route?.endsWith('/callback'))?.query).toEqual({ with_response: 'true' });
  });

  it('a button click carries the full message and the bot can update it', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('answer:1:a').setLabel('A').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'Question 1', components: [row] });
      } else if (i.isButton()) {
        expect(i.message.content).toBe('Question 1');
        await i.update({ content: `Answered by ${i.user.username}`, components: [] });
      }
    });
    const question = harness.discord.slashCommand({ ...actor(), name: 'quiz' });
    await question.response;
    const click = harness.discord.clickButton({ message: question.original()!, customId: 'answer:1:a', userId: guild.users.ada! });
    expect(click.payload.message?.id).toBe(question.original()!.id);
    expect(await click.response).toMatchObject({ type: 7 });
    expect(harness.discord.state.messagesIn(guild.channels.general!)[0]).toMatchObject({ content: 'Answered by ada', components: [] });
  });

  it('a member added to the guild later can click a button; an unknown role is refused', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('hello').setLabel('Hello').setStyle(ButtonStyle.Primary));
        await i.reply({ content: 'Say hello', components: [row] });
      } else if (i.isButton()) {
        await i.reply({ content: `Hello ${i.user.username}`, flags: MessageFlags.Ephemeral });
      }
    });
    const post = harness.discord.slashCommand({ ...actor(), name: 'quiz' });
    await post.response;
    const [grace] = harness.discord.state.addMembers(guild.id, [{ username: 'grace' }]);
    const click = harness.discord.clickButton({ message: post.original()!, customId: 'hello', userId: grace! });
    expect(click.payload.member?.user.username).toBe('grace');
    expect(await click.response).toMatchObject({ type: 4, data: { content: 'Hello grace' } });
    expect(() => harness.discord.state.addMembers(guild.id, [{ username: 'linus', roles: ['No such role'] }])).toThrow(/Unknown role/);
  });

  it('deferUpdate then editReply edits the clicked message itself', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Secondary));
        await i.reply({ content: 'Page 1', components: [row] });
      } else if (i.isButton()) {
        await i.deferUpdate();
        await i.editReply({ content: 'Page 2' });
      }
    });
    const page = harness.discord.slashCommand({ ...actor(), name: 'quiz' });
    await page.response;
    const click = harness.discord.clickButton({ message: page.original()!, customId: 'next', userId: guild.users.ada! });
    expect(await click.response).toEqual({ type: 6 });
    expect((await click.waitForEdit()).id).toBe(page.original()!.id);
    expect(harness.discord.state.messagesIn(guild.channels.general!).map((m) => m.content)).toEqual(['Page 2']);
  });

  it('autocomplete sends the focused option and records the choices', async () => {
    onInteraction(async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond(['typescript', 'rust'].filter((t) => t.startsWith(typed)).map((t) => ({ name: t, value: t })));
    });
    const run = harness.discord.autocomplete({ ...actor(), name: 'join', options: { track: 'ty' }, focused: 'track' });
    expect(await run.response).toEqual({ type: 8, data: { choices: [{ name: 'typescript', value: 'typescript' }] } });
  });

  it('answering twice fails with 40060, the way two racing handlers do on Discord', async () => {
    const settled = new Promise<PromiseSettledResult<unknown>[]>((resolve) =>
      onInteraction(async (i) => {
        if (i.isChatInputCommand()) resolve(await Promise.allSettled([i.reply('one'), i.reply('two')]));
      }),
    );
    harness.discord.slashCommand({ ...actor(), name: 'ping' });
    const rejected = (await settled).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => r.reason)).toEqual([expect.objectContaining({ code: 40060, status: 400 })]);
  });

  it('a callback after the 3 s window gets 10062 Unknown interaction', async () => {
    await harness.stop();
    let clock = Date.now();
    harness = await startHarness(
      (discord) => {
        guild = discord.addGuild({ name: 'G', members: [{ username: 'ada' }] });
      },
      { loopback: { now: () => clock } },
    );
    await harness.client.application!.commands.set(commands, guild.id);
    const failure = new Promise<unknown>((resolve) =>
      onInteraction(async (i) => {
        if (!i.isChatInputCommand()) return;
        clock += 3001;
        await i.reply('too late').catch(resolve);
      }),
    );
    harness.discord.slashCommand({ ...actor(), name: 'ping' });
    expect(await failure).toMatchObject({ code: 10062, status: 404 });
  });

  it('refuses to dispatch a command that was never registered', () => {
    expect(() => harness.discord.slashCommand({ ...actor(), name: 'nope' })).toThrow(/not registered/);
  });
});
