import { Events } from 'discord.js';
import { createBacklogMonitor } from '../../src/discord/backlog.js';
import { createRestPool } from '../../src/discord/client.js';
import type { ComponentHandler, SlashCommand } from '../../src/discord/command.js';
import { createInteractionWebhooks } from '../../src/discord/interaction-webhooks.js';
import { createInteractionRouter, type RouterDeps } from '../../src/discord/router.js';
import { silentLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import type { AddedGuild } from '../../src/loopback/index.js';
import { startHarness, type Harness } from './harness.js';

export interface RouterWorld {
  harness: Harness;
  guild: AddedGuild;
  /** Stops everything; resolves with the contract violations seen. */
  close(): Promise<unknown[]>;
}

/**
 * The real router, with stand-in commands and no services, behind a real discord.js client on the loopback Discord.
 * `behind`: the router acknowledges everything it can first (an age over -1 ms: even one handled in the millisecond
 * it was made, which is 0 ms old).
 */
export async function startRouterWorld<A>(options: { commands: SlashCommand[]; onButton: ComponentHandler; modals?: RouterDeps<A>['modals']; behind: boolean }): Promise<RouterWorld> {
  let guild: AddedGuild | undefined;
  const harness = await startHarness((discord) => {
    guild = discord.addGuild({ name: 'Study Group', members: [{ username: 'ada' }] });
  });
  const pool = createRestPool();
  const route = createInteractionRouter<A>({
    commands: options.commands, onButton: options.onButton, ...(options.modals ? { modals: options.modals } : {}), services: {} as Services, logger: silentLogger,
    backlog: createBacklogMonitor(Date.now, { ageMs: options.behind ? -1 : 60_000, inFlight: 200 }),
    webhooks: createInteractionWebhooks({ apiUrl: harness.discord.restUrl, dispatcher: pool.dispatcher }),
  });
  harness.client.on(Events.InteractionCreate, (i) => void route(i));
  await harness.client.application!.commands.set(options.commands.map((c) => c.data), guild!.id);
  return {
    harness,
    guild: guild!,
    async close() {
      const violations = [...harness.discord.contractViolations];
      await harness.stop();
      await pool.close();
      return violations;
    },
  };
}
