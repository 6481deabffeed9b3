import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/database.js';
import { migrate } from '../../../src/store/migrate.js';
import { migrations } from '../../../src/store/migrations/index.js';
import { createGuildStore } from '../../../src/store/guild-store.js';
import { createPostStore } from '../../../src/store/post-store.js';
import { columns, migratedDb } from '../../helpers/db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

// Found by name, so the test holds if the migration is renumbered when branches merge.
const version = migrations.findIndex((m) => m.name === 'threads-and-pings') + 1;
if (version === 0) throw new Error('migration threads-and-pings is not listed');

describe('migration threads-and-pings: a thread per daily post, a ping role per server', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());


  it('keeps existing servers and posts: threads on, no ping role, and no thread owed by posts already sent', () => {
    db = migratedDb(tempDir(), version - 1);
    db.prepare("INSERT INTO packs (id, title, description, version, content_hash, origin, loaded_at) VALUES ('p', 'P', '', '1', 'h', 'bundled', 0)").run();
    db.prepare("INSERT INTO guild_settings (guild_id, pack_id, updated_at) VALUES ('g', 'p', 0)").run();
    db.prepare(`INSERT INTO posts (guild_id, kind, slot, due_at, status, channel_id, nonce, pack_id, message_id, claimed_at)
                VALUES ('g', 'daily', '2026-11-23', 0, 'sent', 'c', 'n', 'p', 'm', 0)`).run();
    migrate(db, migrations.slice(0, version));
    expect(columns(db, 'guild_settings')).toEqual(expect.arrayContaining(['ping_role_id', 'daily_threads']));
    expect(columns(db, 'posts')).toEqual(expect.arrayContaining(['thread_status', 'thread_attempts', 'thread_error']));
    const settings = createGuildStore(db).settings('g', 'p', 0);
    expect(settings).toMatchObject({ pingRoleId: null, dailyThreads: true });
    expect(createPostStore(db).threadOwedIds()).toEqual([]);
  });

  it('records a thread as owed with the post, until it is opened or refused', () => {
    db = migratedDb(tempDir(), version);
    db.prepare("INSERT INTO packs (id, title, description, version, content_hash, origin, loaded_at) VALUES ('p', 'P', '', '1', 'h', 'bundled', 0)").run();
    const posts = createPostStore(db);
    const claim = (slot: string) => posts.claim({ guildId: 'g', kind: 'daily', slot, dueAt: 0, channelId: 'c', nonce: slot, packId: 'p', now: 0 }).post;
    const [a, b, c] = [claim('a'), claim('b'), claim('c')];
    posts.markSent(a.id, 'ma', 1, true);
    posts.markSent(b.id, 'mb', 1, true);
    posts.markSent(c.id, 'mc', 1, false);
    expect(posts.threadOwedIds()).toEqual([a.id, b.id]);
    posts.countThreadAttempt(a.id);
    posts.markThreadOpened(a.id);
    posts.markThreadFailed(b.id, 'refused');
    posts.markThreadOpened(b.id); // settled rows stay as they are
    expect(posts.threadOwedIds()).toEqual([]);
    expect([posts.byId(a.id), posts.byId(b.id), posts.byId(c.id)].map((p) => [p!.threadStatus, p!.threadAttempts, p!.threadError])).toEqual([
      ['opened', 1, null], ['failed', 0, 'refused'], [null, 0, null],
    ]);
    expect(() => db.prepare("UPDATE posts SET thread_status = 'maybe'").run()).toThrow(/CHECK constraint failed/);
  });
});
