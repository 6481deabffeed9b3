import { ActionRowBuilder, ButtonStyle, ComponentType, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ButtonReply, ModalHandler, SlashCommand } from '../../src/discord/command.js';
import { customIds, parseVersionedId } from '../../src/discord/custom-id.js';
import { EPHEMERAL } from '../helpers/replies.js';
import type { Harness } from './harness.js';
import { startRouterWorld, type RouterWorld } from './router-world.js';

// Stand-ins for the forms to come: a command and a button that open one, and a handler for its submit. The router,
// its webhooks and discord.js are real.
type Form = { kind: 'note'; slot: number };
const formIds = { note: z.tuple([z.coerce.number().int().min(0).max(9)]).transform(([slot]): Form => ({ kind: 'note', slot })) };
const parse = (customId: string) => parseVersionedId<Form>(formIds, customId);
const form = (customId: string) =>
  new ModalBuilder()
    .setCustomId(customId)
    .setTitle('Leave a note')
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId('text').setLabel('Your note').setStyle(TextInputStyle.Short).setMaxLength(50)))
    .toJSON();

const commands: SlashCommand[] = [
  { data: { name: 'note', description: 'Opens a form' }, opensModal: true, execute: () => ({ modal: form('v1:note:3') }) },
  { data: { name: 'stale', description: 'Opens a form with an id no handler knows' }, opensModal: true, execute: () => ({ modal: form('v1:note:x') }) },
  {
    data: { name: 'card', description: 'A message with a button that opens the form' },
    publicReply: true,
    execute: () => ({
      content: 'A card',
      components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Note', custom_id: customIds.reviewNext() }] }],
    }),
  },
];
const onButton = (): ButtonReply => ({ mode: 'modal', modal: form('v1:note:4') });
const onModal: ModalHandler<Form> = (action, interaction) => {
  const text = `Note ${action.slot}: ${interaction.fields.getTextInputValue('text')}`;
  return interaction.isFromMessage() ? { mode: 'update', content: text, components: [] } : { mode: 'reply', ephemeral: true, content: text };
};

describe('the router opens forms and routes their submits by custom id', () => {
  let harness: Harness;
  let guild: ReturnType<Harness['discord']['addGuild']>;
  const ada = () => guild.users.ada!;
  const run = (name: string) => harness.discord.slashCommand({ channelId: guild.channels.general!, userId: ada(), name });

  /** `behind`: the router acknowledges everything it can first (an age over -1 ms: even one handled in the millisecond it was made). */
  let world: RouterWorld;
  async function start(behind: boolean) {
    world = await startRouterWorld<Form>({ commands, onButton, modals: { parse, handle: onModal }, behind });
    harness = world.harness;
    guild = world.guild;
  }
  afterEach(async () => {
    expect(await world.close()).toEqual([]);
  });

  it('a command opens the form; its submit reaches the handler with the parsed id, which replies privately', async () => {
    await start(false);
    const opened = run('note');
    expect((await opened.response).type).toBe(9);
    const submit = harness.discord.submitModal({ handle: opened, userId: ada(), values: { text: 'revise tensors' } });
    expect(await submit.response).toEqual({ type: 4, data: expect.objectContaining({ content: 'Note 3: revise tensors', flags: EPHEMERAL }) });
  });

  it('a button opens the form; its submit updates the message the button is on', async () => {
    await start(false);
    const card = run('card');
    await card.response;
    const click = harness.discord.clickButton({ message: card.original()!, customId: customIds.reviewNext(), userId: ada() });
    expect((await click.response).type).toBe(9);
    const submit = harness.discord.submitModal({ handle: click, userId: ada(), values: { text: 'from the card' } });
    expect((await submit.response).type).toBe(7);
    expect(harness.discord.state.messagesIn(guild.channels.general!).map((m) => m.content)).toEqual(['Note 4: from the card']);
  });

  it('when behind, the form still opens as the first answer, and its submit is acknowledged first, then answered', async () => {
    await start(true);
    const opened = run('note');
    expect((await opened.response).type).toBe(9);
    const submit = harness.discord.submitModal({ handle: opened, userId: ada(), values: { text: 'later' } });
    expect(await submit.response).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect((await submit.waitForEdit()).content).toBe('Note 3: later');
  });

  it('a form whose custom id does not parse gets the friendly refusal', async () => {
    await start(false);
    const opened = run('stale');
    await opened.response;
    const submit = harness.discord.submitModal({ handle: opened, userId: ada(), values: { text: 'anything' } });
    expect(await submit.response).toEqual({ type: 4, data: expect.objectContaining({ flags: EPHEMERAL, content: expect.stringContaining('That form is no longer valid') }) });
  });
});
