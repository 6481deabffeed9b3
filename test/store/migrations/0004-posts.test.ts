import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { migrate } from '../../../src/store/migrate.js';
import { migrations } from '../../../src/store/migrations/index.js';
import { columns, migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

describe('migration 4: scheduled posts', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  const claim = (slot: string) =>
    db.prepare(`INSERT INTO posts (guild_id, kind, slot, due_at, status, channel_id, nonce, pack_id, claimed_at)
                VALUES ('g', 'daily', ?, 0, 'claimed', 'c', 'n', 'p', 0)`).run(slot);

  it('keeps one post per server, kind and slot', () => {
    db = migratedDb(tempDir(), 4);
    claim('2026-11-23');
    expect(() => claim('2026-11-23')).toThrow(/UNIQUE constraint failed: posts.guild_id, posts.kind, posts.slot/);
    claim('2026-11-24');
    expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(2);
  });

  it('adds active_since to existing schedules, taken from when they were last changed', () => {
    db = migratedDb(tempDir(), 3);
    db.prepare(`INSERT INTO schedules (guild_id, kind, channel_id, local_time, weekday, timezone, updated_at)
                VALUES ('g', 'daily', 'c', '09:00', NULL, 'UTC', 1234)`).run();
    migrate(db, migrations.slice(0, 4));
    expect(columns(db, 'schedules')).toContain('active_since');
    expect(db.prepare('SELECT active_since FROM schedules').pluck().get()).toBe(1234);
  });
});
