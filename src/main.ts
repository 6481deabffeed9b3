import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { InvalidBundledPackError } from './content/bundled.js';
import { fetchTextOverHttp } from './content/content-admin.js';
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
const logger = createLogger(config.logLevel);

let app: App;
try {
  app = await startApp(config, { logger, clock: systemClock, packsDir: bundledPacksDir, fetchText: fetchTextOverHttp });
} catch (error) {
  if (error instanceof InvalidBundledPackError) {
    for (const p of error.problems) console.error(`${p.file}: ${p.path}: ${p.message}`);
  }
  const known = error instanceof DatabaseTooNewError || error instanceof InvalidBundledPackError ||
    (error instanceof Error && 'code' in error && error.code === 'TokenInvalid');
  if (known) console.error((error as Error).message);
  else logger.fatal({ err: error }, 'start-up failed');
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
