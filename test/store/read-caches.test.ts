import { afterEach, describe, expect, it } from 'vitest';
import { loadPackFromText } from '../../src/content/load-pack.js';
import { syncPack } from '../../src/store/content-sync.js';
import { createPostStore } from '../../src/store/post-store.js';
import { progressWorld } from '../helpers/progress-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Stores keep what clicks read over and over; every write through them must show in the next read.
describe('read-mostly state kept in memory', () => {
  const tempDir = useTempDir();
  let world: ReturnType<typeof progressWorld>;
  afterEach(() => world.db.close());

  it('server settings and schedules: each write is seen by the next read', () => {
    world = progressWorld(tempDir());
    expect(world.guild.settings('g')).toMatchObject({ roleMode: 'stack', completionThreshold: 0.8, announceCompletions: false });
    world.guilds.setRoleMode('g', 'replace', 1);
    world.guilds.setThreshold('g', 0.5, 1);
    world.guilds.setAnnounce('g', true, 1);
    expect(world.guild.settings('g')).toMatchObject({ roleMode: 'replace', completionThreshold: 0.5, announceCompletions: true });

    expect(world.guilds.schedules('g')).toEqual([]);
    world.guilds.upsertSchedule({ guildId: 'g', kind: 'daily', channelId: 'c1', localTime: '09:00', weekday: null, timezone: 'Europe/London' }, 1);
    expect(world.guilds.schedules('g').map((s) => [s.channelId, s.timezone, s.paused])).toEqual([['c1', 'Europe/London', false]]);
    world.guilds.setPaused('g', true, 2);
    world.guilds.setScheduleError('g', 'daily', 'Missing access');
    expect(world.guilds.schedules('g')[0]).toMatchObject({ paused: true, lastError: 'Missing access' });
    world.guilds.setScheduleError('g', 'daily', null);
    expect(world.guilds.schedules('g')[0]!.lastError).toBeNull();
    // What a caller does with the copy it got changes nothing for the next caller.
    world.guilds.schedules('g')[0]!.timezone = 'Asia/Tokyo';
    expect(world.guilds.schedules('g')[0]!.timezone).toBe('Europe/London');
  });

  it('post rows: sent and closed show at once', () => {
    world = progressWorld(tempDir());
    const posts = createPostStore(world.db);
    const { post } = posts.claim({ guildId: 'g', kind: 'daily', slot: '2026-11-23', dueAt: 0, channelId: 'c', nonce: 'n', packId: 'mini', now: 0 });
    expect(posts.byId(post.id)).toMatchObject({ status: 'claimed', messageId: null });
    posts.markSent(post.id, 'm1', 5);
    expect(posts.byId(post.id)).toMatchObject({ status: 'sent', messageId: 'm1', closedAt: null });
    posts.markClosed(post.id, 9);
    expect(posts.byId(post.id)!.closedAt).toBe(9);
  });

  it('content: a pack sync replaces the questions and stage sizes that were kept', () => {
    world = progressWorld(tempDir());
    const before = world.question('averages-1');
    expect(world.content.question(before.key)!.prompt).toBe(before.prompt);
    const total = world.progress.stageShare('g', 'u1', 'mini', 'basics').total;

    const edited = loadPackFromText(JSON.stringify({
      id: 'mini', title: 'Mini', description: 'Edited.', version: '2',
      stages: [{ id: 'basics', title: 'Basics', summary: 'S', topics: [{ id: 'averages', title: 'Averages', summary: 'T', keyPoints: ['The mean moves with outliers.'], sources: [], questions: [
        { id: 'averages-1', prompt: 'An edited prompt?', options: ['a', 'b'], answer: 1, explanation: 'Because.', difficulty: 1 },
      ] }] }],
    }), 'pack.json');
    if (!edited.ok) throw new Error(JSON.stringify(edited.problems));
    syncPack(world.db, edited, { origin: 'bundled', now: 1 });
    expect(world.content.question(before.key)).toMatchObject({ prompt: 'An edited prompt?', answer: 1 });
    expect(world.progress.stageShare('g', 'u1', 'mini', 'basics').total).toBe(1);
    expect(total).toBeGreaterThan(1);
  });
});
