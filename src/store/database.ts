import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens the SQLite file with the settings the bot relies on. WAL lets readers run while an answer is written;
 * synchronous=NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits)
 * and must be set explicitly because the connection that enables WAL stays at FULL otherwise.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
