import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../paths.js';
import { PortInUseError, startPlayground } from './main.js';

/** npm run playground [-- --port 3000 --fresh] */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, fresh: { type: 'boolean', default: false } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number from 0 to 65535, not "${values.port}".`);
    process.exit(1);
  }
  try {
    const playground = await startPlayground({ port, databasePath: join(projectRoot, 'data', 'playground.sqlite'), fresh: values.fresh });
    console.log(`Cohort playground: open ${playground.url} (Ctrl+C stops it; --fresh starts over with an empty database)`);
    const stop = () => void playground.close().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error instanceof PortInUseError ? error.message : `The playground could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

await main();
