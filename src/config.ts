import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { defaultDatabasePath } from './paths.js';

const snowflake = /^\d{17,20}$/;

const MAX_SHARDS = 4096;
const MAX_GLOBAL_RATE = 100_000;

/** A whole number from the environment, checked before it is converted (so "3.5", "1e3" and " 4 " are refused). */
const wholeNumber = (min: number, max: number, message: string) =>
  z.string().regex(/^\d{1,9}$/, message).transform(Number).pipe(z.number().min(min, message).max(max, message));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Each message says what is wrong and how to fix it: it is the only line a person sees at start-up. */
const envSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is missing: put your bot token in .env (copy .env.example) or set it in the environment' })
    .trim()
    .min(1, 'is empty: put your bot token in .env (copy .env.example) or set it in the environment'),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api (no version)' })
    .optional(),
  DEV_GUILD_ID: z
    .string()
    .regex(snowflake, 'must be a server id (17-20 digits): right-click the server with Developer Mode on, Copy Server ID')
    .optional(),
  DATABASE_PATH: z.string().trim().min(1, 'must be a file path, e.g. data/cohort.sqlite').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SHARD_COUNT: wholeNumber(
    1,
    MAX_SHARDS,
    `must be a whole number of gateway shards from 1 to ${MAX_SHARDS} (about one per 1,000 servers); leave it unset to use the count Discord recommends`,
  ).optional(),
  DISCORD_GLOBAL_RATE_LIMIT: wholeNumber(
    1,
    MAX_GLOBAL_RATE,
    `must be a whole number of requests a second from 1 to ${MAX_GLOBAL_RATE}: Discord's default of 50, or the higher limit Discord granted your bot`,
  ).default(50),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  discordToken: string;
  discordApiUrl: string | undefined;
  devGuildId: string | undefined;
  databasePath: string;
  logLevel: LogLevel;
  /** Gateway shards, all in this process; undefined: as many as Discord recommends (GET /gateway/bot). */
  shardCount: number | undefined;
  /** Discord's global REST limit for this bot, requests a second (50 unless Discord raised it). */
  globalRequestsPerSecond: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Empty strings mean "not set", as they do in most .env files. */
function dropEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(dropEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    return { ok: false, message: `Configuration error: ${problems.join('; ')}` };
  }
  const { DISCORD_TOKEN, DISCORD_API_URL, DEV_GUILD_ID, DATABASE_PATH, LOG_LEVEL, SHARD_COUNT, DISCORD_GLOBAL_RATE_LIMIT } = parsed.data;
  return {
    ok: true,
    config: {
      discordToken: DISCORD_TOKEN,
      discordApiUrl: DISCORD_API_URL?.replace(/\/+$/, ''),
      devGuildId: DEV_GUILD_ID,
      databasePath: DATABASE_PATH ? resolve(DATABASE_PATH) : defaultDatabasePath,
      logLevel: LOG_LEVEL,
      shardCount: SHARD_COUNT,
      globalRequestsPerSecond: DISCORD_GLOBAL_RATE_LIMIT,
    },
  };
}

/** Reads `.env` from the working directory (if any) under the real environment, which wins. */
export function loadConfig(cwd: string = process.cwd()): ConfigResult {
  const envFile = resolve(cwd, '.env');
  let fromFile: Record<string, string> = {};
  if (existsSync(envFile)) {
    try {
      fromFile = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
    } catch (error) {
      return { ok: false, message: `Configuration error: cannot read ${envFile}: ${(error as Error).message}` };
    }
  }
  return parseConfig({ ...fromFile, ...process.env });
}
