import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { InvalidBundledPackError } from './content/bundled.js';
import { fetchTextOverHttp } from './content/content-admin.js';
import { GatewayRefusedError } from './discord/shards.js';
import { createLogger } from './logger.js';
import { bundledPacksDir } from './paths.js';
import { DatabaseTooNewError } from './store/migrate.js';
import { startApp, type App } from './app.js';

const configResult = loadConfig();
if (!configResult.ok) {
  console.error(configResult.message);
  process.exit(1);
}
const config = configResult.config;
// discord.js reads SHARDS and SHARD_COUNT from the environment itself, and an empty one (`export SHARD_COUNT=`) would
// stop it with "shardCount must be at least 1"; the configuration reads empty as unset, and so must discord.js.
for (const name of ['SHARDS', 'SHARD_COUNT']) if (process.env[name] === '') delete process.env[name];
const logger = createLogger(config.logLevel);

// Handlers go in before start-up, so a signal during start-up also ends in a clean shutdown.
let app: App | undefined;
let signalled: NodeJS.Signals | undefined;
const shutDown = (signal: NodeJS.Signals) => {
  if (signalled) return;
  signalled = signal;
  logger.info({ signal }, 'shutting down');
  if (!app) return; // start-up sees the signal and stops as soon as it has something to stop
  app.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);

try {
  app = await startApp(config, { logger, clock: systemClock, packsDir: bundledPacksDir, fetchText: fetchTextOverHttp });
} catch (error) {
  if (error instanceof InvalidBundledPackError) {
    for (const p of error.problems) console.error(`${p.file}: ${p.path}: ${p.message}`);
  }
  const known = error instanceof DatabaseTooNewError || error instanceof InvalidBundledPackError || error instanceof GatewayRefusedError ||
    (error instanceof Error && 'code' in error && error.code === 'TokenInvalid');
  if (known) console.error((error as Error).message);
  else logger.fatal({ err: error }, 'start-up failed');
  process.exit(1);
}
if (signalled) {
  const signal = signalled;
  signalled = undefined;
  shutDown(signal);
}
