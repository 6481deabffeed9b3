import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { DatabaseTooNewError, migrate, schemaVersion, type Migration } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('migration runner', () => {
  const tempDir = useTempDir();

  it('opens the file with WAL, synchronous=NORMAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'nested', 'cohort.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('brings a new database to the latest version, and a second run does nothing', () => {
    const path = join(tempDir(), 'cohort.sqlite');
    const db = openDatabase(path);
    expect(migrate(db, migrations)).toEqual({ from: 0, to: migrations.length });
    db.close();
    const reopened = openDatabase(path);
    expect(migrate(reopened, migrations)).toEqual({ from: migrations.length, to: migrations.length });
    expect(schemaVersion(reopened)).toBe(migrations.length);
    reopened.close();
  });

  it('refuses a database written by a newer version, saying what to do', () => {
    const db = openDatabase(join(tempDir(), 'cohort.sqlite'));
    db.pragma(`user_version = ${migrations.length + 3}`);
    expect(() => migrate(db, migrations)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db, migrations)).toThrow(/newer Cohort: upgrade Cohort, or point DATABASE_PATH/);
    db.close();
  });

  it('rolls back a failing migration entirely, leaving the version where it was', () => {
    const db = openDatabase(join(tempDir(), 'cohort.sqlite'));
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') },
      { version: 2, name: 'fails', up: (d) => d.exec('CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)') },
    ];
    expect(() => migrate(db, broken)).toThrow(/no such table: nowhere/);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(['a']);
    db.close();
  });

  it('rejects a migration list with a gap in its numbering', () => {
    const db = openDatabase(join(tempDir(), 'cohort.sqlite'));
    expect(() => migrate(db, [{ version: 2, name: 'skips-one', up: () => {} }])).toThrow(/expected 1/);
    db.close();
  });
});
