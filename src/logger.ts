import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/** Structured JSON logs on stdout; fields such as { command, guildId, userId } go in the first argument. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'cohort' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
