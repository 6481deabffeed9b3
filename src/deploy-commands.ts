/**
 * npm run deploy-commands: registers the slash commands now, by bulk overwrite (to DEV_GUILD_ID if set,
 * otherwise globally), and records the set so the next start-up does not register it again.
 */
import { REST, Routes, type RESTGetCurrentApplicationResult } from 'discord.js';
import { commands } from '../commands/index.js';
import { loadConfig } from './config.js';
import { registerCommands } from './discord/register.js';
import { openDatabase } from './store/database.js';
import { createMetaStore } from './store/meta-store.js';
import { migrate } from './store/migrate.js';
import { migrations } from './store/migrations/index.js';

const result = loadConfig();
if (!result.ok) {
  console.error(result.message);
  process.exit(1);
}
const { config } = result;
const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken);
const db = openDatabase(config.databasePath);
try {
  migrate(db, migrations);
  const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const bodies = commands.map((c) => c.data);
  await registerCommands({ rest, applicationId: application.id, guildId: config.devGuildId, bodies }, createMetaStore(db));
  console.log(`Registered ${bodies.length} commands ${config.devGuildId ? `to server ${config.devGuildId}` : 'globally'} for ${application.name}.`);
} catch (error) {
  console.error(`Could not register the commands: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  db.close();
}
