import { SlashCommandBuilder } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const quiz = new SlashCommandBuilder()
  .setName('quiz')
  .setDescription('Answer today’s question')
  .addIntegerOption((o) => o.setName('day').setDescription('Day').setMinValue(1));

describe('command registration by bulk overwrite', () => {
  let harness: Harness;
  let guildId = '';
  afterEach(async () => {
    const violations = harness.discord.contractViolations;
    await harness.stop();
    expect(violations).toEqual([]);
  });
  const start = async () => {
    harness = await startHarness((discord) => {
      guildId = discord.addGuild({ name: 'G' }).id;
    });
  };

  it('stores guild commands with ids and returns them on GET', async () => {
    await start();
    const set = await harness.client.application!.commands.set([quiz.toJSON()], guildId);
    const stored = harness.discord.state.commandsFor(guildId);
    expect(stored.map((c) => [c.name, c.application_id, c.guild_id])).toEqual([['quiz', harness.discord.applicationId, guildId]]);
    expect(set.first()?.id).toBe(stored[0]!.id);
    const fetched = await harness.client.application!.commands.fetch({ guildId });
    expect([...fetched.keys()]).toEqual([stored[0]!.id]);
  });

  it('overwriting with the same names keeps command ids and drops missing commands', async () => {
    await start();
    const help = new SlashCommandBuilder().setName('help').setDescription('Help').toJSON();
    await harness.client.application!.commands.set([quiz.toJSON(), help]);
    const before = harness.discord.state.commandsFor().find((c) => c.name === 'quiz')!.id;
    await harness.client.application!.commands.set([quiz.toJSON()]);
    expect(harness.discord.state.commandsFor().map((c) => [c.name, c.id])).toEqual([['quiz', before]]);
    expect(harness.discord.requests.filter((r) => r.route === 'PUT /applications/:application_id/commands')).toHaveLength(2);
  });

  it('refuses a name Discord refuses (upper case) with 50035', async () => {
    await start();
    const bad = { ...quiz.toJSON(), name: 'Quiz' };
    await expect(harness.client.application!.commands.set([bad], guildId)).rejects.toMatchObject({ code: 50035 });
    expect(harness.discord.contractViolations).toMatchObject([{ kind: 'limit', at: '[0].name' }]);
    harness.discord.requests.at(-1)!.violations.length = 0;
  });
});
