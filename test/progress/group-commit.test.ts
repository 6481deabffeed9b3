import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../src/progress/tracker.js';
import { progressWorld } from '../helpers/progress-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('answers submitted together share one transaction', () => {
  const tempDir = useTempDir();
  let world: ReturnType<typeof progressWorld>;
  afterEach(() => world.db.close());

  const event = (userId: string, id: string, ref = `m-${id}`): AnswerEvent => {
    const question = world.question(id);
    return { guildId: 'g', userId, question, choice: question.answer, source: 'practice', sourceRef: ref };
  };
  const commits = () => (world.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;

  it('commits a turn of the event loop in one go; a repeat inside it counts once, and each caller hears back after the commit', async () => {
    const dir = tempDir();
    world = progressWorld(dir);
    const outside = new Database(join(dir, 'cohort.sqlite'), { readonly: true });
    const seen: number[] = [];
    const submitted = ['u1', 'u2', 'u3', 'u1'].map((userId) =>
      world.tracker.submit(event(userId, 'averages-1')).then((recorded) => {
        // Another connection already sees it: the transaction has committed.
        seen.push(outside.prepare('SELECT count(*) FROM answers').pluck().get() as number);
        return recorded;
      }),
    );
    const results = await Promise.all(submitted);
    expect(results.map((r) => r.isNew)).toEqual([true, true, true, false]);
    expect(seen).toEqual([3, 3, 3, 3]);
    expect(world.progress.stats('g', 'u1')).toMatchObject({ answered: 1, xp: 10 });
    outside.close();
  });

  it('writes fewer WAL frames for a batch than for the same answers one by one', async () => {
    world = progressWorld(tempDir());
    world.db.pragma('wal_autocheckpoint = 0');
    const before = commits();
    for (let i = 0; i < 20; i++) world.tracker.record(event(`solo${i}`, 'averages-1'));
    const solo = commits() - before;
    await Promise.all(Array.from({ length: 20 }, (_, i) => world.tracker.submit(event(`batch${i}`, 'averages-1'))));
    const batched = commits() - before - solo;
    expect(batched).toBeLessThan(solo / 4);
  });

  it('an answer that fails rolls back alone: the others in its batch are kept', async () => {
    world = progressWorld(tempDir());
    const broken = { ...event('u2', 'averages-2'), question: { ...world.question('averages-2'), key: 999_999 } };
    const [first, second, third] = await Promise.allSettled([
      world.tracker.submit(event('u1', 'averages-1')),
      world.tracker.submit(broken),
      world.tracker.submit(event('u3', 'averages-1')),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect(third.status).toBe('fulfilled');
    expect(world.db.prepare('SELECT user_id FROM answers ORDER BY user_id').pluck().all()).toEqual(['u1', 'u3']);
    expect(world.progress.stats('g', 'u2')).toBeUndefined();
  });

  it('commits a long backlog in slices of at most 100, yielding to the event loop between them', async () => {
    world = progressWorld(tempDir());
    let turnsBetween = 0;
    const ticker = setInterval(() => (turnsBetween += 1), 0);
    const all = Array.from({ length: 350 }, (_, i) => world.tracker.submit(event(`m${i}`, 'averages-1')));
    const firstSlice = await all[0]!;
    const rowsWhenFirstResolved = world.db.prepare('SELECT count(*) FROM answers').pluck().get();
    await Promise.all(all);
    clearInterval(ticker);
    expect(firstSlice.isNew).toBe(true);
    expect(rowsWhenFirstResolved).toBe(100);
    expect(world.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(350);
    expect(turnsBetween).toBeGreaterThan(0);
  });
});
