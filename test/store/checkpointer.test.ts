import { renameSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/store/checkpointer.js';
import { migratedDb } from '../helpers/db.js';
import { useTempDir } from '../helpers/temp-dir.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('checkpoints off the main connection', () => {
  const tempDir = useTempDir();

  it('copies committed pages into the database file from its own thread; the bot connection no longer does', async () => {
    const db = migratedDb(tempDir());
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(db, (error) => errors.push(error), 50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const fileSize = () => statSync(db.name).size;
    // Setup: the migrations' own pages are copied back first, so the worker has nothing left to copy until the
    // transaction below commits (it could otherwise still be copying them while the size is read).
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fileSize();

    db.exec('CREATE TABLE filler (text TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(2000)); // about 1,000 pages
    })();
    // Nothing on this connection copied the log back: the file has not grown yet.
    expect(fileSize()).toBe(before);
    for (let i = 0; i < 250 && fileSize() <= before + 2_000_000; i++) await sleep(20);
    expect(fileSize()).toBeGreaterThan(before + 2_000_000);
    expect(db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(2000);

    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(errors).toEqual([]);
    db.close();
  });

  it('hands checkpoints back to the main connection when the worker cannot do them', async () => {
    const db = migratedDb(tempDir());
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(db, (error) => errors.push(error), 50);
    // The worker opens the file by name once its thread is up; by then the name leads nowhere.
    renameSync(db.name, `${db.name}.moved`);
    for (let i = 0; i < 100 && errors.length === 0; i++) await sleep(20);
    expect(String(errors[0])).toMatch(/unable to open|does not exist|SQLITE_CANTOPEN/i);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    db.close();
  });
});
