import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, expect } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import { fetchTextOverHttp } from '../../src/content/content-admin.js';
import { bundledPacksDir } from '../../src/paths.js';
import { startLoopbackDiscord, type AddedGuild, type GuildSpec, type LoopbackDiscord, type ShardPolicy } from '../../src/loopback/index.js';

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2026-11-23T08:00:00Z')): Clock & { set(ms: number): void; advance(ms: number): void } {
  let now = start;
  return { now: () => now, set: (ms) => void (now = ms), advance: (ms) => void (now += ms) };
}

/** Collects the bot's JSON log lines so tests can look for what was logged. */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

export interface Bot {
  discord: LoopbackDiscord;
  guild: AddedGuild;
  guilds: AddedGuild[];
  app: App;
  dir: string;
  logs: Record<string, unknown>[];
  config: Config;
  /** Starts the bot again on the same database (a restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const MEMBER_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

/**
 * The real bot (src/app.ts: config -> database -> content -> services -> discord.js client) against a loopback
 * Discord with one server: a study channel, members alice and bob, a moderator, and a few roles.
 */
export interface BotOptions {
  clock?: Clock;
  random?: () => number;
  tickSchedule?: string | null;
  restTimeoutMs?: number;
  /** Extra members named member0, member1, ... */
  members?: number;
  /** Acknowledge interactions first once they are this old (0: always, as a bot far behind would). */
  ackFirstAfterMs?: number;
  /** Acknowledge a command first once it has worked this long (default: the bot's own bound). */
  slowWorkMs?: number;
  /** The bot's own role's permissions, if not the loopback's defaults (a few, with Manage Roles but not Create Public Threads). */
  botPermissions?: bigint;
  /** Extra roles in the server, below the bot's role. */
  extraRoles?: number;
  /** The loopback Discord's own clock (its interaction ids and its 3-second window), if not the real one. */
  discordNow?: () => number;
  /** Servers of the same layout (default 1); `guilds` holds them all, `guild` the first. */
  servers?: number;
  /** The shards the loopback Discord recommends and how fast it lets them identify. */
  loopbackShards?: ShardPolicy;
  /** The bot's SHARD_COUNT (default: unset, as many shards as recommended). */
  shardCount?: number;
}

/**
 * Discord lets a bot IDENTIFY once per 5 s, so a bot restarted at once waits that long to connect again. Tests of
 * what a restart keeps need not wait: they lift that pace. The shard tests and the benchmark keep it.
 */
export const RESTARTS_AT_ONCE: ShardPolicy = { identifyIntervalMs: 0 };

export async function startBot(options: BotOptions = {}): Promise<Bot> {
  const discord = await startLoopbackDiscord({ now: options.discordNow, shards: options.loopbackShards ?? RESTARTS_AT_ONCE });
  const spec = (name: string): GuildSpec => ({
    name,
    channels: [{ name: 'study' }, { name: 'announcements' }],
    roles: [
      { name: 'Moderator', position: 1, permissions: PermissionFlagsBits.ManageGuild | MEMBER_PERMISSIONS },
      { name: 'Stage 1', position: 2 },
      { name: 'Stage 2', position: 3 },
      { name: 'Admins', position: 5 },
      ...Array.from({ length: options.extraRoles ?? 0 }, (_, i) => ({ name: `Extra ${i}`, position: 1 })),
    ],
    bot: { position: 4, ...(options.botPermissions === undefined ? {} : { permissions: options.botPermissions }) },
    members: [
      { username: 'mod', roles: ['Moderator'] }, { username: 'alice' }, { username: 'bob' },
      ...Array.from({ length: options.members ?? 0 }, (_, i) => ({ username: `member${i}` })),
    ],
    owner: 'mod',
    everyonePermissions: MEMBER_PERMISSIONS,
  });
  const guild = discord.addGuild(spec('Study group'));
  // More servers of the same layout (the same members), made one after another: on consecutive shards.
  const guilds = [guild, ...Array.from({ length: (options.servers ?? 1) - 1 }, (_, i) => discord.addGuild(spec(`Study group ${i + 2}`)))];
  const dir = mkdtempSync(join(tmpdir(), 'cohort-e2e-'));
  const config: Config = {
    // Commands go to the one server, or globally when there are several.
    discordToken: discord.token, discordApiUrl: discord.restUrl, devGuildId: guilds.length > 1 ? undefined : guild.id,
    databasePath: join(dir, 'cohort.sqlite'), logLevel: 'info', shardCount: options.shardCount, globalRequestsPerSecond: 50,
  };
  const { lines, logger } = captureLogs();
  const launch = () =>
    startApp(config, {
      logger, clock: options.clock ?? { now: Date.now }, packsDir: bundledPacksDir, fetchText: fetchTextOverHttp,
      random: options.random ?? (() => 0), tickSchedule: options.tickSchedule ?? null, restTimeoutMs: options.restTimeoutMs,
      ackFirstAfterMs: options.ackFirstAfterMs, slowWorkMs: options.slowWorkMs,
    });
  let app: App;
  try {
    app = await launch();
  } catch (error) {
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const bot: Bot = {
    discord, guild, guilds, dir, logs: lines, config, app,
    async restart() {
      await bot.app.stop();
      bot.app = await launch();
    },
    async stop() {
      await bot.app.stop();
      await discord.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bot;
}

/**
 * Starts a fresh bot before each test and stops it after, checking first that every request the bot made
 * matched Discord's published contract.
 */
export function useBot(options: BotOptions | (() => BotOptions) = {}): () => Bot {
  let bot: Bot | undefined;
  beforeEach(async () => {
    bot = await startBot(typeof options === 'function' ? options() : options);
  });
  afterEach(async () => {
    const running = bot!;
    bot = undefined;
    try {
      expect(running.discord.contractViolations).toEqual([]);
    } finally {
      await running.stop();
    }
  });
  return () => bot!;
}
