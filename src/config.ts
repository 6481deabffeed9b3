import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { defaultDatabasePath } from './paths.js';

const snowflake = /^\d{17,20}$/;

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
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  discordToken: string;
  discordApiUrl: string | undefined;
  devGuildId: string | undefined;
  databasePath: string;
  logLevel: LogLevel;
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
  const { DISCORD_TOKEN, DISCORD_API_URL, DEV_GUILD_ID, DATABASE_PATH, LOG_LEVEL } = parsed.data;
  return {
    ok: true,
    config: {
      discordToken: DISCORD_TOKEN,
      discordApiUrl: DISCORD_API_URL?.replace(/\/+$/, ''),
      devGuildId: DEV_GUILD_ID,
      databasePath: DATABASE_PATH ? resolve(DATABASE_PATH) : defaultDatabasePath,
      logLevel: LOG_LEVEL,
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
