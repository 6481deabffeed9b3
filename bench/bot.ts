import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadBundledPacks } from '../src/content/bundled.js';
import { bundledPacksDir } from '../src/paths.js';
import { openDatabase, type Db } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { migrations } from '../src/store/migrations/index.js';
import type { LoopbackDiscord } from '../src/loopback/index.js';
import { sleep } from './stats.js';

const root = new URL('..', import.meta.url).pathname;

export interface BotProbe {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** GC pauses since the last probe; `major` counts mark-compact collections. */
  gc: { count: number; major: number; totalMs: number; maxMs: number };
  /** Event-loop stalls of 20 ms or more, with the Date.now() they ended at (the last 1,000). */
  stalls: { endedAt: number; ms: number }[];
  memoryMiB: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  /** Sizes of discord.js's caches in the bot. */
  cache?: { guilds: number; channels: number; users: number; members: number; messages: number };
}

/** The longest stall that ended inside [from, to] (Date.now() times), 0 if none. */
export const longestStall = (probe: BotProbe | null, from: number, to: number) =>
  Math.max(0, ...(probe?.stalls ?? []).filter((s) => s.endedAt >= from && s.endedAt <= to).map((s) => s.ms));

export interface BotProcess {
  pid: number;
  /** performance.now() at spawn. */
  spawnedAt: number;
  /** The last 2,000 output lines with the performance.now() they arrived at and their log message. */
  lines: { at: number; msg: string; raw: string }[];
  /** Output lines at level error or fatal, all of them. */
  errorLines(): number;
  exited: Promise<number | null>;
  /** The bot's event-loop delay and GC pauses since the last call (null without the probe). */
  probe(): Promise<BotProbe | null>;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  /** The entry file, relative to the repository root; the bot's own (npm start's) unless given. */
  entry?: string;
  /** Preload bench/bot-probe.ts and open an IPC channel to it. */
  probe?: boolean;
  nodeArgs?: string[];
}

/** Every process spawned here that has not exited yet, and every workspace not yet removed: cleaned up if the benchmark itself dies. */
const live = new Set<ChildProcess>();
const folders = new Set<string>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/**
 * A process of its own (the bot, npm start's entry point, unless `entry` names another), so it does not share an
 * event loop with the load generator.
 */
export function spawnBot(env: Record<string, string>, options: SpawnOptions = {}): BotProcess {
  const spawnedAt = performance.now();
  // tsx's loader in the bot's own node process (not the tsx CLI, which would put a wrapper process in between and
  // leave us measuring the wrapper's memory and CPU).
  const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const probe = options.probe ? ['--import', pathToFileURL(join(root, 'bench/bot-probe.ts')).href] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', loader, ...probe, join(root, options.entry ?? 'src/main.ts')], {
    cwd: env.HOME ?? root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(options.probe ? (['ipc'] as const) : [])],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const lines: BotProcess['lines'] = [];
  let errors = 0;
  let partial = '';
  // Cheap on purpose: a bot that logs a storm of errors must not find its stdout pipe full because we are slow.
  const collect = (chunk: Buffer) => {
    const at = performance.now();
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const raw of parts) {
      if (!raw) continue;
      if (/"level":(50|60)[,}]/.test(raw)) errors += 1;
      lines.push({ at, msg: /"msg":"((?:[^"\\]|\\.)*)"/.exec(raw)?.[1] ?? raw, raw: raw.length > 2000 ? `${raw.slice(0, 2000)}...` : raw });
    }
    if (lines.length > 2000) lines.splice(0, lines.length - 2000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid!,
    spawnedAt,
    lines,
    errorLines: () => errors,
    exited,
    probe() {
      if (!options.probe || !child.connected) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => done(null), 2000);
        const onMessage = (message: unknown) => {
          const reply = (message as { benchProbe?: BotProbe }).benchProbe;
          if (reply) done(reply);
        };
        const done = (reply: BotProbe | null) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(reply);
        };
        child.on('message', onMessage);
        child.send('bench-probe');
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export function botEnv(discord: LoopbackDiscord, dir: string, databasePath: string, logLevel: 'warn' | 'info'): Record<string, string> {
  return { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl, DATABASE_PATH: databasePath, HOME: dir, LOG_LEVEL: logLevel };
}

/** The bot registers its commands right after READY; the scheduler's first tick follows. */
export function commandsRegistered(discord: LoopbackDiscord, timeoutMs = 60_000) {
  return discord.waitForRequest((r) => r.method === 'PUT' && (r.route ?? '').includes('/commands') && r.status === 200, timeoutMs);
}

/** Fails fast with the bot's output if it exits while we wait for something. */
export async function orExit<T>(bot: BotProcess, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    bot.exited.then((code) => {
      throw new Error(`The bot exited (code ${code}) early:\n${bot.lines.slice(-20).map((l) => l.raw).join('\n')}`);
    }),
  ]);
}

export interface Workspace {
  dir: string;
  databasePath: string;
  remove(): void;
}

export function workspace(name: string): Workspace {
  const dir = mkdtempSync(join(tmpdir(), `cohort-bench-${name}-`));
  folders.add(dir);
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    folders.delete(dir);
  };
  return { dir, databasePath: join(dir, 'cohort.sqlite'), remove };
}

/** A migrated database file with the bundled packs loaded, as the bot would leave it after its first start. */
export function preparedDatabase(path: string, withPacks = true): Db {
  const db = openDatabase(path);
  migrate(db, migrations);
  if (withPacks) loadBundledPacks(db, bundledPacksDir, Date.now());
  return db;
}

/** A second connection for reading what the running bot wrote (WAL lets it read while the bot writes). */
export function reader(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Distinct snowflake-like ids (17+ digits), so a guild spec can give ids and skip the loopback's lookup by name. */
export function idFactory(prefix = 7) {
  let next = BigInt(prefix) * 10n ** 17n;
  return () => String((next += 1n));
}

export async function stopQuietly(bot: BotProcess | undefined, discord: LoopbackDiscord | undefined, space: Workspace | undefined) {
  const code = await bot?.stop();
  await discord?.close();
  await sleep(50);
  space?.remove();
  return code;
}
