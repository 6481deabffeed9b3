import { Events, SlashCommandBuilder } from 'discord.js';
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(() => harness?.stop());

it('forgetHistory drops recorded requests, frames and answered interactions, and keeps pending ones answerable', async () => {
  let guild!: ReturnType<Harness['discord']['addGuild']>;
  harness = await startHarness((discord) => {
    guild = discord.addGuild({ name: 'Study Group', members: [{ username: 'ada' }] });
  });
  const { discord, client } = harness;
  await client.application!.commands.set([new SlashCommandBuilder().setName('ping').setDescription('Replies pong').toJSON()], guild.id);
  let hold: (() => void) | undefined;
  client.on(Events.InteractionCreate, async (i) => {
    if (!i.isChatInputCommand()) return;
    if (hold === undefined) await new Promise<void>((resolve) => (hold = resolve));
    await i.reply('pong');
  });
  const actor = { channelId: guild.channels.general!, userId: guild.users.ada!, name: 'ping' };
  const pending = discord.slashCommand(actor);
  await expect.poll(() => hold).toBeDefined();
  const answered = discord.slashCommand(actor);
  await answered.response;
  await discord.waitForRequest((r) => r.route?.endsWith('/callback') ?? false);

  discord.forgetHistory();
  expect(discord.requests).toEqual([]);
  expect(discord.gateway.frames).toEqual([]);
  hold!();
  await expect(pending.response).resolves.toMatchObject({ type: 4 });
  expect(discord.requests.map((r) => r.route)).toEqual(['POST /interactions/:interaction_id/:interaction_token/callback']);
});
