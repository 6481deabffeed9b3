import { ButtonStyle, ComponentType, type APIMessage } from 'discord.js';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComponentReply, Reply, SlashCommand } from '../../src/discord/command.js';
import { customIds } from '../../src/discord/custom-id.js';
import { checkedFiles } from '../../src/discord/files.js';
import { attachmentBytes, attachmentsOf } from '../helpers/replies.js';
import type { Harness } from './harness.js';
import { startRouterWorld, type RouterWorld } from './router-world.js';

const png = (width: number, height: number) => PNG.sync.write(new PNG({ width, height }));
const card = png(4, 3);
const next = png(5, 2);
const withPicture = (name: string, data: Buffer, extra: Partial<Reply> = {}): Reply => ({
  embeds: [{ title: 'Your progress', image: { url: `attachment://${name}` } }],
  files: [{ name, data, description: `Progress card ${name}` }],
  ...extra,
});
const nextButton: NonNullable<Reply['components']> = [
  { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Next', custom_id: customIds.reviewNext() }] },
];

// Stand-ins for the commands that will return pictures: the router is real, and so are its webhooks and discord.js.
const commands: SlashCommand[] = [
  { data: { name: 'card', description: 'A public card' }, publicReply: true, execute: () => withPicture('card.png', card, { components: nextButton }) },
  { data: { name: 'mine', description: 'A private card' }, execute: () => withPicture('mine.png', card, { ephemeral: true }) },
  { data: { name: 'aside', description: 'Public command, private card' }, publicReply: true, execute: () => withPicture('aside.png', card, { ephemeral: true }) },
];
const onButton = (): ComponentReply => ({ mode: 'update', ...withPicture('next.png', next, { components: nextButton }) });

describe('the router sends a reply\'s files on every path', () => {
  let harness: Harness;
  let guild: ReturnType<Harness['discord']['addGuild']>;
  const run = (name: string) => harness.discord.slashCommand({ channelId: guild.channels.general!, userId: guild.users.ada!, name });
  const stored = (message: APIMessage) => harness.discord.state.messagesIn(message.channel_id).find((m) => m.id === message.id)!;

  /**
   * `behind`: the router acknowledges everything first, so answers go out as webhook edits and follow-ups. The age
   * limit is -1 ms, not 0: an interaction handled within the millisecond it was made is 0 ms old, and would be answered
   * directly.
   */
  let world: RouterWorld;
  async function start(behind: boolean) {
    world = await startRouterWorld({ commands, onButton, behind });
    harness = world.harness;
    guild = world.guild;
  }
  afterEach(async () => {
    expect(await world.close()).toEqual([]);
  });

  it('a first reply carries the picture, and a button update replaces it', async () => {
    await start(false);
    const handle = run('card');
    expect((await handle.response).type).toBe(4);
    const message = handle.original()!;
    const [attachment] = attachmentsOf(message);
    expect(attachment).toMatchObject({ filename: 'card.png', description: 'Progress card card.png', width: 4, height: 3 });
    expect(message.embeds[0]?.image?.url).toBe(attachment!.url);
    const click = harness.discord.clickButton({ message, customId: customIds.reviewNext(), userId: guild.users.ada! });
    expect((await click.response).type).toBe(7);
    const after = attachmentsOf(stored(message));
    expect(after.map((a) => a.filename)).toEqual(['next.png']);
    expect(attachmentBytes(harness.discord, after[0]!).equals(next)).toBe(true);
  });

  it('when acknowledged first: the edit of the placeholder, the follow-up and the edit after a click each carry the picture', async () => {
    await start(true);
    const mine = run('mine');
    expect((await mine.response).type).toBe(5);
    expect(attachmentsOf(await mine.waitForEdit())).toEqual([expect.objectContaining({ filename: 'mine.png', width: 4, height: 3 })]);

    // A public placeholder cannot become a private answer: it is deleted and the answer follows up, files and all.
    const aside = run('aside');
    const [followUp] = await aside.waitForFollowUps(1);
    expect(attachmentsOf(followUp)).toEqual([expect.objectContaining({ filename: 'aside.png', description: 'Progress card aside.png' })]);

    const publicCard = run('card');
    const message = await publicCard.waitForEdit();
    expect(attachmentsOf(message).map((a) => a.filename)).toEqual(['card.png']);
    const click = harness.discord.clickButton({ message, customId: customIds.reviewNext(), userId: guild.users.ada! });
    expect((await click.response).type).toBe(6);
    await harness.discord.waitForRequest((r) => r.method === 'PATCH' && r.files.some((f) => f.filename === 'next.png'));
    expect(attachmentsOf(stored(message)).map((a) => [a.filename, a.width, a.height])).toEqual([['next.png', 5, 2]]);
  });
});

describe('files are kept within Discord\'s limits', () => {
  const file = (size: number, description = 'alt') => ({ name: 'x.png', data: Buffer.alloc(size), description });

  it('cuts alt text to 1,024 characters and refuses eleven files or more than 10 MiB', () => {
    expect(checkedFiles([file(1, 'd'.repeat(2000))])[0]?.description).toHaveLength(1024);
    expect(() => checkedFiles(Array.from({ length: 11 }, () => file(1)))).toThrow(/11 files/);
    expect(() => checkedFiles([file(6 * 1024 * 1024), file(5 * 1024 * 1024)])).toThrow(/bytes/);
    expect(checkedFiles(undefined)).toEqual([]);
  });
});
