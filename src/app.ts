import { Events, type Client } from 'discord.js';
import cron, { type ScheduledTask } from 'node-cron';
import { commands } from '../commands/index.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { loadBundledPacks } from './content/bundled.js';
import type { FetchText } from './content/content-admin.js';
import { handleButton } from './discord/buttons.js';
import { handleForm } from './discord/forms.js';
import { createDiscordClient, createRestPool, type RestPool } from './discord/client.js';
import { createChannelPoster } from './discord/poster.js';
import { createRoleGranter } from './discord/role-granter.js';
import { createServerAdmin } from './discord/server-admin.js';
import { createThreadOpener } from './discord/thread-opener.js';
import { registerIfChanged } from './discord/register.js';
import { explainGatewayRefusal, logShards } from './discord/shards.js';
import { ACK_FIRST, createBacklogMonitor } from './discord/backlog.js';
import { createInteractionWebhooks } from './discord/interaction-webhooks.js';
import { createInteractionRouter } from './discord/router.js';
import type { Logger } from './logger.js';
import { createPicturePool, type PicturePool } from './pictures/index.js';
import { createServices, type Services } from './services.js';
import { startCheckpointer, type Checkpointer } from './store/checkpointer.js';
import { openDatabase, type Db } from './store/database.js';
import { migrate } from './store/migrate.js';
import { migrations } from './store/migrations/index.js';

export interface AppDeps {
  logger: Logger;
  clock: Clock;
  packsDir: string;
  fetchText: FetchText;
  random?: () => number;
  /** Cron expression for the scheduler's tick; null leaves ticking to the caller (tests drive it by hand). */
  tickSchedule?: string | null;
  restTimeoutMs?: number;
  /** An interaction older than this when it reaches its handler is acknowledged first (default ACK_FIRST.ageMs). */
  ackFirstAfterMs?: number;
  /** A command still working after this long is acknowledged first (default SLOW_WORK_MS). */
  slowWorkMs?: number;
  /** The clock Discord stamps interactions with (the real one, but for a playground that moves time). */
  discordNow?: () => number;
}

export interface App {
  db: Db;
  client: Client;
  services: Services;
  stop(): Promise<void>;
}

/** Builds everything in order: database, migrations, content, services, then the Discord client, and logs in. */
export async function startApp(config: Config, deps: AppDeps): Promise<App> {
  const { logger, clock } = deps;
  const db = openDatabase(config.databasePath);
  let client: Client | undefined;
  let checkpointer: Checkpointer | undefined;
  const pool = createRestPool();
  const pictures = createPicturePool();
  try {
    const { from, to } = migrate(db, migrations);
    checkpointer = startCheckpointer(db, (error) => logger.error({ err: error }, 'database checkpoints fell back to the main connection'));
    logger.info({ from, to, path: config.databasePath }, 'database ready');
    const packs = loadBundledPacks(db, deps.packsDir, clock.now());
    for (const report of packs) logger.info({ pack: report.packId, changed: report.changed, questions: report.questions }, 'content pack loaded');
    const defaultPackId = packs[0]?.packId;
    if (!defaultPackId) throw new Error(`No content pack found in ${deps.packsDir}`);

    // The client exists before the services so the scheduler can post through its REST client (one rate-limit state).
    client = createDiscordClient({
      apiUrl: config.discordApiUrl, restTimeoutMs: deps.restTimeoutMs, dispatcher: pool.dispatcher,
      shardCount: config.shardCount, globalRequestsPerSecond: config.globalRequestsPerSecond,
    });
    const poster = createChannelPoster(client);
    const services = createServices({
      db, clock, logger, defaultPackId, fetchText: deps.fetchText, poster, granter: createRoleGranter(client),
      admin: createServerAdmin(client), threadOpener: createThreadOpener(client), pictures, random: deps.random,
    });
    // Discord's clock, not the app's: the age compares with Discord's own stamp on the interaction.
    const backlog = createBacklogMonitor(deps.discordNow ?? Date.now, { ...ACK_FIRST, ageMs: deps.ackFirstAfterMs ?? ACK_FIRST.ageMs });
    const webhooks = createInteractionWebhooks({ apiUrl: config.discordApiUrl, dispatcher: pool.dispatcher, timeoutMs: deps.restTimeoutMs });
    const route = createInteractionRouter({ commands, onButton: handleButton, modals: { handle: handleForm }, services, logger, backlog, webhooks, slowWorkMs: deps.slowWorkMs });

    const ready = new Promise<Client<true>>((resolve) => client!.once(Events.ClientReady, resolve));
    client.on(Events.InteractionCreate, (interaction) => void route(interaction));
    client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
    logShards(client, logger);
    await client.login(config.discordToken).catch((error: unknown) => {
      throw explainGatewayRefusal(error, config.shardCount);
    });
    const readyClient = await ready;
    logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, shards: readyClient.ws.shards.size }, 'connected to Discord');
    await registerIfChanged(
      { rest: readyClient.rest, applicationId: readyClient.application.id, guildId: config.devGuildId, bodies: commands.map((c) => c.data) },
      services.meta,
      logger,
    );
    const ticks = startTicking(services, logger, deps.tickSchedule);
    return running({ db, client: readyClient, services, logger, ticks, pool, checkpointer, pictures });
  } catch (error) {
    await client?.destroy();
    await pool.close();
    await pictures.close();
    await checkpointer?.stop();
    db.close();
    throw error;
  }
}

/**
 * node-cron only drives a frequent tick; what is due is decided from the database, so a tick that is skipped
 * or runs twice changes nothing. The first tick runs at once, catching up on slots missed while the bot was down.
 */
function startTicking(services: Services, logger: Logger, expression: string | null = '* * * * *'): ScheduledTask | null {
  const tick = () => services.scheduler.tick().catch((error: unknown) => logger.error({ err: error }, 'scheduler tick failed'));
  void tick();
  return expression ? cron.schedule(expression, tick, { noOverlap: true }) : null;
}

interface Running {
  db: Db;
  client: Client;
  services: Services;
  logger: Logger;
  ticks: ScheduledTask | null;
  pool: RestPool;
  checkpointer: Checkpointer;
  pictures: PicturePool;
}

function running({ db, client, services, logger, ticks, pool, checkpointer, pictures }: Running): App {
  let stopped = false;
  return {
    db,
    client,
    services,
    async stop() {
      if (stopped) return;
      stopped = true;
      await ticks?.destroy();
      await services.scheduler.idle();
      await services.awarder.idle();
      await client.destroy();
      await pool.close();
      await pictures.close();
      await checkpointer.stop();
      db.close();
      logger.info('stopped');
    },
  };
}
