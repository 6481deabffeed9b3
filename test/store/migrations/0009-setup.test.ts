import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { migrations } from '../../../src/store/migrations/index.js';
import { createSetupStore } from '../../../src/store/setup-store.js';
import { migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const version = migrations.find((m) => m.name === 'setup')!.version;

describe('migration "setup": what /setup made in each server', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  it('adds the two tables to a database of the version before, which keeps its rows', () => {
    const dir = tempDir();
    db = migratedDb(dir, version - 1);
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    const tables = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables()).not.toContain('setup_state');
    db.close();
    db = migratedDb(dir, version);
    expect(tables()).toEqual(expect.arrayContaining(['setup_state', 'setup_roles']));
    expect(db.prepare("SELECT value FROM meta WHERE key = 'k'").pluck().get()).toBe('v');
  });

  it('remembers each role by stage, replaces one made again, and forgets a server entirely', () => {
    db = migratedDb(tempDir(), version);
    const store = createSetupStore(db);
    expect(store.state('g')).toMatchObject({ channelId: null, startPinned: false, pingRoleId: null });
    store.set('g', 'createdChannelId', 'c1', 1);
    store.set('g', 'startPinned', true, 2);
    store.addRole('g', { packId: 'p', stageId: 's1', roleId: 'r1' }, 1);
    store.addRole('g', { packId: 'p', stageId: 's1', roleId: 'r2' }, 2);
    store.addRole('g', { packId: 'p', stageId: 's2', roleId: 'r3' }, 3);
    expect(store.state('g')).toMatchObject({ createdChannelId: 'c1', startPinned: true });
    expect(store.roles('g').map((r) => [r.stageId, r.roleId])).toEqual([['s1', 'r2'], ['s2', 'r3']]);
    store.dropRole('g', 'r2');
    expect(store.roles('g').map((r) => r.roleId)).toEqual(['r3']);
    store.forget('g');
    expect(store.state('g').createdChannelId).toBeNull();
    expect(store.roles('g')).toHaveLength(1); // roles are dropped one by one as Discord deletes them
  });
});
