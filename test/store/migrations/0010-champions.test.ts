import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { createChampionStore } from '../../../src/store/champion-store.js';
import { migrations } from '../../../src/store/migrations/index.js';
import { columns, migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

// Found by name: its version number may change when branches are merged.
const version = migrations.find((m) => m.name === 'champions')!.version;
const claim = { guildId: 'g', period: 'week' as const, periodKey: '2026-W48', periodLabel: 'the week of 23 November 2026', roleId: 'r',
  winnerId: 'a', winnerXp: 20, previousId: null, previousRoleId: null, channelId: 'c', nonce: 'n', now: 5 };

describe('the champions migration', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  it('adds the champion settings and the period ledger, and the tables before it are untouched', () => {
    const dir = tempDir();
    db = migratedDb(dir, version - 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'champion%'").all()).toEqual([]);
    const before = columns(db, 'answers');
    db.close();
    db = migratedDb(dir, version);
    expect(columns(db, 'answers')).toEqual(before);
    expect(columns(db, 'champion_settings')).toEqual(['guild_id', 'role_id', 'period', 'since', 'updated_at']);
    expect(columns(db, 'champion_periods')).toEqual(expect.arrayContaining(['period_key', 'winner_id', 'previous_id', 'given_at', 'taken_at', 'announced_at', 'done', 'retry_at']));
    expect(() => db.prepare("INSERT INTO champion_settings VALUES ('g', 'r', 'year', 0, 0)").run()).toThrow(/CHECK constraint failed/);
  });

  it('a period is claimed once; steps with nothing to do start done, and the row is done when all three are', () => {
    db = migratedDb(tempDir(), version);
    const store = createChampionStore(db);
    const first = store.claim(claim);
    expect(first.claimed).toBe(true);
    expect(first.settlement).toMatchObject({ givenAt: null, takenAt: 5, announcedAt: null, done: false });
    expect(store.claim({ ...claim, winnerId: 'b' })).toMatchObject({ claimed: false, settlement: { winnerId: 'a' } });
    expect(store.owedIds(5)).toEqual([first.settlement.id]);

    store.markRefused(first.settlement.id, 'Missing Permissions', 100);
    expect(store.owedIds(99)).toEqual([]);
    expect(store.owedIds(100)).toEqual([first.settlement.id]);
    store.markStep(first.settlement.id, 'given', 101);
    expect(store.byId(first.settlement.id)).toMatchObject({ lastError: null, attempts: 1, done: false });
    store.markStep(first.settlement.id, 'announced', 102);
    expect(store.byId(first.settlement.id)!.done).toBe(true);
    expect(store.owedIds(1000)).toEqual([]);

    const empty = store.claim({ ...claim, periodKey: '2026-W49', winnerId: null, winnerXp: null });
    expect(empty.settlement.done).toBe(true);
  });
});
