import { Events, type Client } from 'discord.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { loadBundledPacks } from './content/bundled.js';
import { createDiscordClient } from './discord/client.js';
import type { Logger } from './logger.js';
import { openDatabase, type Db } from './store/database.js';
import { migrate } from './store/migrate.js';
import { migrations } from './store/migrations/index.js';

export interface AppDeps {
  logger: Logger;
  clock: Clock;
  packsDir: string;
}

export interface App {
  db: Db;
  client: Client;
  stop(): Promise<void>;
}

/** Builds everything in order: database, migrations, content, then the Discord client, and logs in. */
export async function startApp(config: Config, deps: AppDeps): Promise<App> {
  const { logger, clock } = deps;
  const db = openDatabase(config.databasePath);
  let client: Client | undefined;
  try {
    const { from, to } = migrate(db, migrations);
    logger.info({ from, to, path: config.databasePath }, 'database ready');
    for (const report of loadBundledPacks(db, deps.packsDir, clock.now())) {
      logger.info({ pack: report.packId, changed: report.changed, questions: report.questions }, 'content pack loaded');
    }
    client = createDiscordClient({ apiUrl: config.discordApiUrl });
    const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
    client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
    await client.login(config.discordToken);
    await ready;
    logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  } catch (error) {
    await client?.destroy();
    db.close();
    throw error;
  }
  const connected = client;
  let stopped = false;
  return {
    db,
    client: connected,
    async stop() {
      if (stopped) return;
      stopped = true;
      await connected.destroy();
      db.close();
      logger.info('stopped');
    },
  };
}
