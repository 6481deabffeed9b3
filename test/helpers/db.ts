import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';

/** A real SQLite file in `dir`, migrated up to `version` (default: the latest). */
export function migratedDb(dir: string, version = migrations.length): Db {
  const db = openDatabase(join(dir, 'cohort.sqlite'));
  migrate(db, migrations.slice(0, version));
  return db;
}

export function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}
