import type { Db } from './database.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database is at schema version ${databaseVersion}, but this version of Cohort only knows up to ` +
        `${codeVersion}. It was written by a newer Cohort: upgrade Cohort, or point DATABASE_PATH at another file.`,
    );
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the database, each in its own transaction with its version bump. */
export function migrate(db: Db, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: latest };
}
