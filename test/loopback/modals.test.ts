import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Events,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const commands = [
  new SlashCommandBuilder().setName('suggest').setDescription('Opens a form'),
  new SlashCommandBuilder().setName('card').setDescription('Posts a message with a button'),
  new SlashCommandBuilder()
    .setName('join')
    .setDescription('Join a track')
    .addStringOption((o) => o.setName('track').setDescription('Track').setRequired(true).setAutocomplete(true)),
].map((c) => c.toJSON());

const questionInput = () =>
  new TextInputBuilder().setCustomId('question').setLabel('Your question').setStyle(TextInputStyle.Paragraph).setMinLength(5).setMaxLength(40);
const suggestModal = () =>
  new ModalBuilder()
    .setCustomId('v1:suggest')
    .setTitle('Suggest a question')
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(questionInput()),
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder().setCustomId('topic').setLabel('Topic').setStyle(TextInputStyle.Short).setRequired(false).setValue('general'),
      ),
    );

describe('modals through the loopback server', () => {
  let harness: Harness;
  let guild: ReturnType<Harness['discord']['addGuild']>;
  /** Set by a test that breaks the contract on purpose and checks the violations itself. */
  let violationsChecked = false;
  const actor = () => ({ channelId: guild.channels.general!, userId: guild.users.ada! });
  const onInteraction = (handler: (interaction: Interaction) => Promise<void>) => harness.client.on(Events.InteractionCreate, handler);

  beforeEach(async () => {
    violationsChecked = false;
    harness = await startHarness((discord) => {
      guild = discord.addGuild({ name: 'Study Group', members: [{ username: 'ada' }, { username: 'bo' }] });
    });
    await harness.client.application!.commands.set(commands, guild.id);
  });
  afterEach(async () => {
    const violations = harness.discord.contractViolations;
    await harness.stop();
    if (!violationsChecked) expect(violations).toEqual([]);
  });

  it('a command shows a modal; the member submits it and the bot reads the fields by custom id and replies', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.showModal(suggestModal());
      if (i.isModalSubmit()) {
        await i.reply({ content: `${i.customId}: ${i.fields.getTextInputValue('question')} [${i.fields.getTextInputValue('topic')}]`, flags: MessageFlags.Ephemeral });
      }
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'suggest' });
    expect((await run.response).type).toBe(9);
    expect(run.modal()).toMatchObject({ custom_id: 'v1:suggest', title: 'Suggest a question' });
    expect(run.original()).toBeUndefined();

    const submit = harness.discord.submitModal({ handle: run, userId: guild.users.ada!, values: { question: 'What is a tensor?' } });
    expect(submit.payload).toMatchObject({
      type: 5,
      channel_id: guild.channels.general,
      member: { user: { id: guild.users.ada } },
      app_permissions: expect.any(String),
      data: { custom_id: 'v1:suggest', components: [{ type: 1, components: [{ type: 4, custom_id: 'question', value: 'What is a tensor?' }] }, { type: 1, components: [{ custom_id: 'topic', value: 'general' }] }] },
    });
    expect('message' in submit.payload).toBe(false);
    expect(await submit.response).toMatchObject({ type: 4, data: { content: 'v1:suggest: What is a tensor? [general]' } });
  });

  it('a modal with label components (the newer layout) is submitted in the same layout', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        await i.showModal(new ModalBuilder().setCustomId('v1:label').setTitle('Suggest').addLabelComponents(new LabelBuilder().setLabel('Your question').setTextInputComponent(questionInput())));
      }
      if (i.isModalSubmit()) await i.reply({ content: i.fields.getTextInputValue('question'), flags: MessageFlags.Ephemeral });
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'suggest' });
    await run.response;
    const submit = harness.discord.submitModal({ handle: run, userId: guild.users.ada!, values: { question: 'Why normalise inputs?' } });
    expect(submit.payload).toMatchObject({ data: { components: [{ type: 18, component: { type: 4, custom_id: 'question', value: 'Why normalise inputs?' } }] } });
    expect(await submit.response).toMatchObject({ type: 4, data: { content: 'Why normalise inputs?' } });
  });

  it('a modal shown from a button carries the message; its submit may update that message, one from a command may not', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand() && i.commandName === 'card') {
        await i.reply({ content: 'card', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('open').setLabel('Open').setStyle(ButtonStyle.Primary))] });
      } else if (i.isChatInputCommand() || i.isButton()) await i.showModal(suggestModal());
      else if (i.isModalSubmit() && i.isFromMessage()) await i.update({ content: `edited: ${i.fields.getTextInputValue('question')}`, components: [] });
      else if (i.isModalSubmit()) await i.deferUpdate().catch(() => i.reply({ content: 'refused', flags: MessageFlags.Ephemeral }));
    });
    const card = harness.discord.slashCommand({ ...actor(), name: 'card' });
    await card.response;
    const click = harness.discord.clickButton({ message: card.original()!, customId: 'open', userId: guild.users.ada! });
    expect((await click.response).type).toBe(9);
    const submit = harness.discord.submitModal({ handle: click, userId: guild.users.ada!, values: { question: 'From the button' } });
    expect(submit.payload).toMatchObject({ type: 5, message: { id: card.original()!.id } });
    expect((await submit.response).type).toBe(7);
    expect(harness.discord.state.messagesIn(guild.channels.general!).map((m) => m.content)).toEqual(['edited: From the button']);

    const run = harness.discord.slashCommand({ ...actor(), name: 'suggest' });
    await run.response;
    const fromCommand = harness.discord.submitModal({ handle: run, userId: guild.users.ada!, values: { question: 'From the command' } });
    expect(await fromCommand.response).toMatchObject({ type: 4, data: { content: 'refused' } });
    const refused = harness.discord.requests.find((r) => r.route?.endsWith('/callback') && r.status === 400);
    expect(refused?.body).toMatchObject({ type: 6 });
  });

  it('a modal of six rows, or a text input with a 46-character label, breaks the contract and is refused', async () => {
    const row = { type: 1, components: [{ type: 4, custom_id: 'q', label: 'Question', style: 1 }] };
    const failures: unknown[] = [];
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      const tooMany = { custom_id: 'v1:big', title: 'Too big', components: Array.from({ length: 6 }, (_, n) => ({ ...row, components: [{ ...row.components[0], custom_id: `q${n}` }] })) };
      const longLabel = { custom_id: 'v1:long', title: 'Long label', components: [{ ...row, components: [{ ...row.components[0], label: 'x'.repeat(46) }] }] };
      for (const body of [tooMany, longLabel]) {
        await harness.client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 9, data: body }, auth: false }).catch((error: unknown) => failures.push(error));
      }
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'suggest' });
    await harness.discord.waitForRequest((r) => r.route?.endsWith('/callback') === true && (r.body as { data?: { custom_id?: string } }).data?.custom_id === 'v1:long');
    expect(harness.discord.contractViolations.map((v) => [v.kind, v.at])).toEqual([
      ['limit', 'data.components'],
      ['schema', 'data.components[0].components[0].label'],
    ]);
    violationsChecked = true;
    // Six rows are refused by the server itself (Discord answers 50035); the long label only by the contract check.
    expect(failures).toHaveLength(1);
    expect(run.modal()?.custom_id).toBe('v1:long');
  });

  it('an autocomplete may not be answered with a modal: 400', async () => {
    const statuses: number[] = [];
    onInteraction(async (i) => {
      if (!i.isAutocomplete()) return;
      await harness.client.rest
        .post(Routes.interactionCallback(i.id, i.token), { body: { type: 9, data: suggestModal().toJSON() }, auth: false })
        .then(() => statuses.push(204), (error: { status?: number }) => statuses.push(error.status ?? 0));
      await i.respond([]);
    });
    const run = harness.discord.autocomplete({ ...actor(), name: 'join', options: { track: 'm' }, focused: 'track' });
    expect((await run.response).type).toBe(8);
    expect(statuses).toEqual([400]);
    expect(run.modal()).toBeUndefined();
  });

  it('the test helper refuses what the Discord client would not submit', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await (i.commandName === 'suggest' ? i.showModal(suggestModal()) : i.reply('no form here'));
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'suggest' });
    await run.response;
    const submit = (values: Record<string, string>, userId = guild.users.ada!) => () => harness.discord.submitModal({ handle: run, userId, values });
    expect(submit({ question: 'x'.repeat(41) })).toThrow(/takes at most 40 characters/);
    expect(submit({ question: 'abc' })).toThrow(/needs at least 5 characters/);
    expect(submit({})).toThrow(/"Your question" is required/);
    expect(submit({ question: 'A fine question', topic: 'two\nlines' })).toThrow(/short input/);
    expect(submit({ question: 'A fine question', extra: 'x' })).toThrow(/no text input "extra"/);
    expect(submit({ question: 'A fine question' }, guild.users.bo!)).toThrow(/Only the member who opened/);
    const ping = harness.discord.slashCommand({ ...actor(), name: 'card' });
    await ping.response;
    expect(() => harness.discord.submitModal({ handle: ping, userId: guild.users.ada!, values: {} })).toThrow(/not answered with a modal/);
  });
});
