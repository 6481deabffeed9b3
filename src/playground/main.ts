import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { startApp, type App } from '../app.js';
import { fetchTextOverHttp } from '../content/content-admin.js';
import { createLogger, silentLogger } from '../logger.js';
import { startLoopbackDiscord, type LoopbackDiscord } from '../loopback/index.js';
import { bundledPacksDir } from '../paths.js';
import { movableClock } from './clock.js';
import { createPlaygroundServer } from './server.js';
import { createPlaygroundWorld } from './world-state.js';
import { serverSpec, SERVER } from './world.js';

/** Real time moves on too: posts that fall due while someone watches go out as they would in Discord. */
const TICK_MS = 30_000;

export interface PlaygroundOptions {
  /** 0 picks a free port. */
  port: number;
  databasePath: string;
  /** Start from an empty database. */
  fresh: boolean;
  /** No bot log on stdout (tests). */
  quiet?: boolean;
}

export interface Playground {
  url: string;
  app: App;
  discord: LoopbackDiscord;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/**
 * The loopback Discord, the real bot (built by the same startApp as `npm start`) on its own database, and the page,
 * in one process, on 127.0.0.1 only. Discord and the bot share a clock the page can move forward.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  if (options.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.databasePath}${suffix}`, { force: true });
  const clock = movableClock();
  let world: ReturnType<typeof createPlaygroundWorld> | undefined;
  const discord = await startLoopbackDiscord({
    now: clock.now,
    onMessage: (kind, message) => world?.hooks.onMessage(kind, message),
    onRequest: (request) => world?.hooks.onRequest(request),
  });
  world = createPlaygroundWorld(discord, clock);
  const http = createPlaygroundServer(world);
  let app: App | undefined;
  try {
    await listen(http, options.port);
    discord.addGuild(serverSpec());
    app = await startApp(
      { discordToken: discord.token, discordApiUrl: discord.restUrl, devGuildId: SERVER.id, databasePath: options.databasePath, logLevel: 'warn', shardCount: undefined, globalRequestsPerSecond: 50 },
      {
        logger: options.quiet ? silentLogger : createLogger('warn'), clock, discordNow: clock.now, packsDir: bundledPacksDir,
        fetchText: fetchTextOverHttp, tickSchedule: null,
      },
    );
    world.attach(app);
  } catch (error) {
    await app?.stop();
    http.close();
    await discord.close();
    throw error;
  }
  const running = app;
  const ticker = setInterval(() => void running.services.scheduler.tick().catch(() => undefined), TICK_MS);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    app: running,
    discord,
    async close() {
      clearInterval(ticker);
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await running.stop();
      await discord.close();
    },
  };
}

function listen(http: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new PortInUseError(`Port ${port} on 127.0.0.1 is already in use: is a playground already running? Stop it, or start this one on another port: npm run playground -- --port ${port + 1}`));
      } else reject(error);
    });
    http.listen(port, '127.0.0.1', () => resolve());
  });
}
