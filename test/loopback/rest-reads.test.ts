import { ActionRowBuilder, Events, SlashCommandBuilder, StringSelectMenuBuilder } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('shapes discord.js parses from the loopback server', () => {
  let harness: Harness;
  let ids: ReturnType<Harness['discord']['addGuild']>;
  beforeEach(async () => {
    harness = await startHarness((discord) => {
      ids = discord.addGuild({ name: 'G', roles: [{ name: 'Learner' }], members: [{ username: 'ada', roles: ['Learner'] }, { username: 'bob' }] });
    });
  });
  afterEach(async () => {
    const violations = harness.discord.contractViolations;
    await harness.stop();
    expect(violations).toEqual([]);
  });

  it('fetches the application, guild, roles, channel and a member over REST', async () => {
    const { client } = harness;
    expect((await client.application!.fetch()).id).toBe(harness.discord.applicationId);
    const guild = await client.guilds.fetch({ guild: ids.id, force: true });
    expect(guild.name).toBe('G');
    expect((await guild.roles.fetch()).map((r) => r.name).sort()).toEqual(['@everyone', 'Learner', 'cohort']);
    expect((await client.channels.fetch(ids.channels.general!, { force: true }))?.id).toBe(ids.channels.general);
    const ada = await guild.members.fetch({ user: ids.users.ada!, force: true });
    expect(ada.roles.cache.has(ids.roles.Learner!)).toBe(true);
  });

  it('resolves user options to members and delivers string-select values', async () => {
    const command = new SlashCommandBuilder()
      .setName('nudge')
      .setDescription('Nudge someone')
      .addUserOption((o) => o.setName('who').setDescription('Who').setRequired(true));
    await harness.client.application!.commands.set([command.toJSON()], ids.id);
    harness.client.on(Events.InteractionCreate, async (i) => {
      if (i.isChatInputCommand()) {
        const member = i.options.getMember('who');
        const menu = new StringSelectMenuBuilder().setCustomId('pick').addOptions({ label: 'One', value: '1' }, { label: 'Two', value: '2' });
        await i.reply({ content: `Nudged ${member && 'user' in member ? member.user.username : '?'}`, components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
      } else if (i.isStringSelectMenu()) {
        await i.reply({ content: `Picked ${i.values.join(',')}` });
      }
    });
    const run = harness.discord.slashCommand({ channelId: ids.channels.general!, userId: ids.users.ada!, name: 'nudge', options: { who: ids.users.bob! } });
    expect(await run.response).toMatchObject({ data: { content: 'Nudged bob' } });
    const pick = harness.discord.selectMenu({ message: run.original()!, customId: 'pick', values: ['2'], userId: ids.users.bob! });
    expect(await pick.response).toMatchObject({ type: 4, data: { content: 'Picked 2' } });
  });
});
