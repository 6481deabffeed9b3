import { ActionRowBuilder, ButtonBuilder, ButtonStyle, Events, SlashCommandBuilder, type Interaction, type TextChannel } from 'discord.js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentBytes, attachmentsOf } from '../helpers/replies.js';
import { checkRequestContract } from '../../src/loopback/contract.js';
import { startHarness, type Harness } from './harness.js';

const png = (width: number, height: number) => PNG.sync.write(new PNG({ width, height }));
const picture = png(4, 3);
const file = (name: string, data = picture, description = `A ${name} for the test`) => ({ attachment: data, name, description });
const showing = (name: string) => [{ title: 'Progress', image: { url: `attachment://${name}` } }];

describe('file uploads through the loopback server', () => {
  let harness: Harness;
  let guild: ReturnType<Harness['discord']['addGuild']>;
  const actor = () => ({ channelId: guild.channels.general!, userId: guild.users.ada! });
  const onInteraction = (handler: (interaction: Interaction) => Promise<void>) => harness.client.on(Events.InteractionCreate, handler);
  // The server records a request once it has answered it, a moment after the bot's callback took effect.
  const callbackRecorded = () => harness.discord.waitForRequest((r) => r.route?.endsWith('/callback') ?? false);
  const card = () => new SlashCommandBuilder().setName('card').setDescription('Shows a picture').toJSON();

  beforeEach(async () => {
    harness = await startHarness((discord) => {
      guild = discord.addGuild({ name: 'Study Group', members: [{ username: 'ada' }] });
    });
    await harness.client.application!.commands.set([card()], guild.id);
  });
  afterEach(() => harness.stop());

  it('a reply with a file stores it as the message attachment, with alt text, size, type and PNG size, and the embed shows it', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply({ files: [file('x.png')], embeds: showing('x.png') });
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'card' });
    await run.response;
    const [attachment, ...others] = attachmentsOf(run.original());
    expect(others).toEqual([]);
    expect(attachment).toMatchObject({ filename: 'x.png', description: 'A x.png for the test', size: picture.length, content_type: 'image/png', width: 4, height: 3 });
    expect(attachmentBytes(harness.discord, attachment!).equals(picture)).toBe(true);
    // Discord swaps attachment://x.png for the file's address in the stored embed.
    expect(run.original()?.embeds[0]?.image).toMatchObject({ url: attachment!.url, width: 4, height: 3 });
    const served = await fetch(attachment!.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(picture)).toBe(true);
    expect((await callbackRecorded()).files).toEqual([{ index: 0, filename: 'x.png', size: picture.length }]);
    expect(harness.discord.contractViolations).toEqual([]);
  });

  it('a deferred reply edited with a file, and a follow-up with another, each carry their own', async () => {
    const second = png(8, 2);
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply({ files: [file('roadmap.png')], embeds: showing('roadmap.png') });
      await i.followUp({ files: [file('card.png', second, 'Your card')], embeds: showing('card.png') });
    });
    const run = harness.discord.slashCommand({ ...actor(), name: 'card' });
    const edited = await run.waitForEdit();
    expect(attachmentsOf(edited)).toEqual([expect.objectContaining({ filename: 'roadmap.png', width: 4, height: 3, size: picture.length })]);
    const [followUp] = await run.waitForFollowUps(1);
    const [attachment] = attachmentsOf(followUp);
    expect(attachment).toMatchObject({ filename: 'card.png', description: 'Your card', width: 8, height: 2 });
    expect(attachmentBytes(harness.discord, attachment!).equals(second)).toBe(true);
    expect(harness.discord.contractViolations).toEqual([]);
  });

  it('a channel message with a file, edited to another file, keeps only the new one', async () => {
    const channel = (await harness.client.channels.fetch(guild.channels.general!)) as TextChannel;
    const message = await channel.send({ files: [file('week.png')], embeds: showing('week.png') });
    const stored = () => harness.discord.state.messagesIn(channel.id).find((m) => m.id === message.id)!;
    expect(attachmentsOf(stored())).toEqual([expect.objectContaining({ filename: 'week.png', content_type: 'image/png', width: 4, height: 3 })]);
    const next = png(6, 5);
    await message.edit({ files: [file('week2.png', next, 'Next week')], embeds: showing('week2.png') });
    const [only, ...rest] = attachmentsOf(stored());
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ filename: 'week2.png', description: 'Next week', width: 6, height: 5 });
    expect(attachmentBytes(harness.discord, only!).equals(next)).toBe(true);
    expect(harness.discord.contractViolations).toEqual([]);
  });

  it('an edit that lists an old attachment keeps it; a button update with a file replaces the picture', async () => {
    const channel = (await harness.client.channels.fetch(guild.channels.general!)) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Primary));
    const message = await channel.send({ files: [file('a.png')], embeds: showing('a.png'), components: [row] });
    const kept = message.attachments.first()!;
    await message.edit({ attachments: [{ id: kept.id }], files: [file('b.png')] });
    const stored = () => harness.discord.state.messagesIn(channel.id).find((m) => m.id === message.id)!;
    expect(attachmentsOf(stored()).map((a) => a.filename)).toEqual(['a.png', 'b.png']);

    onInteraction(async (i) => {
      if (i.isButton()) await i.update({ files: [file('c.png', png(2, 2))], embeds: showing('c.png') });
    });
    const click = harness.discord.clickButton({ message: stored(), customId: 'next', userId: guild.users.ada! });
    expect((await click.response).type).toBe(7);
    expect(attachmentsOf(stored())).toEqual([expect.objectContaining({ filename: 'c.png', width: 2, height: 2 })]);
    expect(harness.discord.contractViolations).toEqual([]);
  });

  it('reports alt text over 1,024 characters and an embed pointing at a file the message does not have', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) await i.reply({ files: [file('x.png', picture, 'y'.repeat(1025))], embeds: showing('missing.png') });
    });
    await harness.discord.slashCommand({ ...actor(), name: 'card' }).response;
    await callbackRecorded();
    expect(harness.discord.contractViolations).toEqual([
      expect.objectContaining({ kind: 'schema', at: 'data.attachments[0].description' }),
      expect.objectContaining({ kind: 'attachment', at: 'data.embeds[0].image.url', message: expect.stringContaining('attachment://missing.png') }),
    ]);
  });
});

describe('contract check of multipart bodies', () => {
  const upload = (index: number, filename = `f${index}.png`) => ({ index, filename, size: 10 });

  it('accepts an upload without an attachments entry, and one described by its index', () => {
    expect(checkRequestContract({ method: 'POST', path: '/channels/1/messages', files: [upload(0)] })).toEqual([]);
    const described = { attachments: [{ id: '0', filename: 'f0.png', description: 'alt' }], embeds: showing('f0.png') };
    expect(checkRequestContract({ method: 'POST', path: '/channels/1/messages', body: described, files: [upload(0)] })).toEqual([]);
  });

  it('flags eleven files, a name Discord would rewrite, an entry for no file, and uploads over 10 MiB', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => upload(i));
    expect(checkRequestContract({ method: 'POST', path: '/channels/1/messages', files: eleven })).toContainEqual(expect.objectContaining({ kind: 'limit', at: 'files' }));
    expect(checkRequestContract({ method: 'POST', path: '/channels/1/messages', files: [upload(0, 'my card.png')] })).toEqual([
      expect.objectContaining({ kind: 'attachment', at: 'files[0]' }),
    ]);
    const stray = { content: 'hi', attachments: [{ id: '1', description: 'alt' }] };
    expect(checkRequestContract({ method: 'POST', path: '/channels/1/messages', body: stray, files: [upload(0)] })).toEqual([
      expect.objectContaining({ kind: 'attachment', at: 'attachments[0].id' }),
    ]);
    const huge = [{ index: 0, filename: 'big.png', size: 10 * 1024 * 1024 + 1 }];
    expect(checkRequestContract({ method: 'POST', path: '/channels/1/messages', files: huge })).toEqual([expect.objectContaining({ kind: 'limit', at: 'files' })]);
  });

  it('on an edit, an entry may keep an existing attachment, and attachment:// may name it', () => {
    const before = [{ id: '123456789012345678', filename: 'old.png' }];
    const body = { attachments: [{ id: '123456789012345678' }], embeds: showing('old.png') };
    expect(checkRequestContract({ method: 'PATCH', path: '/channels/1/messages/2', body, attachmentsBefore: before })).toEqual([]);
    const dropped = { attachments: [], embeds: showing('old.png') };
    expect(checkRequestContract({ method: 'PATCH', path: '/channels/1/messages/2', body: dropped, attachmentsBefore: before })).toEqual([
      expect.objectContaining({ kind: 'attachment', at: 'embeds[0].image.url' }),
    ]);
  });
});
