import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import { startLoopbackDiscord, type LoopbackDiscord, type LoopbackOptions } from '../../src/loopback/index.js';
import { RESTARTS_AT_ONCE } from './bot.js';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Node itself, with tsx's loader, running the bot's entry point: one process, so SIGKILL really ends the bot.
 * (The tsx command would start the bot as a child of its own, which a SIGKILL to tsx leaves running.)
 */
export const botCommand = [
  '--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href,
  join(root, 'src/main.ts'),
];

/** The bot as a real process (npm start's entry point), so a test can SIGKILL it mid-flight. */
export function spawnBot(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, botCommand, {
    cwd: env.HOME ?? root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export interface ProcessWorld {
  discord: LoopbackDiscord;
  dir: string;
  /** The environment a bot process needs to reach the loopback Discord with a database in `dir`. */
  env: Record<string, string>;
  spawn(): ReturnType<typeof spawnBot>;
}

/** A loopback Discord and a temporary folder for bot processes; everything is killed and removed after each test. */
export function useBotProcesses(): (options?: LoopbackOptions) => Promise<ProcessWorld> {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (options) => {
    const discord = await startLoopbackDiscord({ shards: RESTARTS_AT_ONCE, ...options });
    const dir = mkdtempSync(join(tmpdir(), 'cohort-process-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => discord.close());
    const env = { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl, DATABASE_PATH: join(dir, 'cohort.sqlite'), HOME: dir };
    return {
      discord, dir, env,
      spawn() {
        const bot = spawnBot(env);
        cleanups.push(() => void bot.child.kill('SIGKILL'));
        return bot;
      },
    };
  };
}
