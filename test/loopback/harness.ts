import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { startLoopbackDiscord, type LoopbackDiscord, type LoopbackOptions } from '../../src/loopback/index.js';

/** A loopback Discord plus a plain discord.js client logged in to it; `stop` tears both down. */
export interface Harness {
  discord: LoopbackDiscord;
  client: Client;
  stop(): Promise<void>;
}

export async function startHarness(
  setup: (discord: LoopbackDiscord) => void = () => undefined,
  options: { loopback?: LoopbackOptions; client?: Partial<ClientOptions> } = {},
): Promise<Harness> {
  const discord = await startLoopbackDiscord(options.loopback);
  setup(discord);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options.client,
    rest: { api: discord.restUrl, ...options.client?.rest },
  });
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(discord.token);
    await ready;
  } catch (error) {
    await client.destroy();
    await discord.close();
    throw error;
  }
  return {
    discord,
    client,
    async stop() {
      await client.destroy();
      await discord.close();
    },
  };
}
