import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { createReviewService } from '../../src/progress/review.js';
import { progressWorld } from '../helpers/progress-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('recording answers', () => {
  const tempDir = useTempDir();
  let world: ReturnType<typeof progressWorld>;
  afterEach(() => world.db.close());

  it('adds XP and totals once per member, question and post, however often the answer arrives', () => {
    world = progressWorld(tempDir());
    expect(world.answer('u1', 'averages-1', true).xp).toBe(10);
    expect(world.answer('u1', 'averages-1', false)).toMatchObject({ isNew: false, xp: 0, stored: { correct: true } });
    expect(world.answer('u1', 'averages-2', false).xp).toBe(0);
    expect(world.answer('u1', 'spread-1', true, 'daily', 'post:1').xp).toBe(20);
    expect(world.answer('u1', 'spread-2', true, 'weekly', 'post:2').xp).toBe(30);
    expect(world.progress.stats('g', 'u1')).toMatchObject({ xp: 60, answered: 4, correct: 3 });
  });

  it('completes a stage when the threshold share of its questions is right, once, and queues its role', () => {
    world = progressWorld(tempDir());
    world.guild.settings('g');
    world.guilds.setStageRole('g', 'mini', 'advanced', 'role-adv', 0);
    expect(world.answer('u1', 'spread-1').completed).toBeNull();
    expect(world.answer('u1', 'spread-2').completed).toBeNull(); // 2 of 3 is 67%, under 80%
    expect(world.answer('u1', 'spread-3').completed).toEqual({ stageId: 'advanced', title: 'Advanced', roleIds: ['role-adv'] });
    expect(world.answer('u1', 'spread-3', true, 'practice', 'another-message').completed).toBeNull();
    expect(world.progress.pendingAwards('g').map((a) => [a.userId, a.roleId, a.action])).toEqual([['u1', 'role-adv', 'add']]);
    expect(world.queued).toEqual(['g']);
  });

  it('uses the server\'s threshold: at 50%, two of three questions complete the stage', () => {
    world = progressWorld(tempDir());
    world.guild.settings('g');
    world.guilds.setThreshold('g', 0.5, 0);
    world.answer('u1', 'spread-1');
    expect(world.answer('u1', 'spread-2').completed?.stageId).toBe('advanced');
  });

  it('a wrong answer does not count towards completion, and the same question right twice counts once', () => {
    world = progressWorld(tempDir());
    world.answer('u1', 'spread-1');
    world.answer('u1', 'spread-1', true, 'practice', 'other');
    world.answer('u1', 'spread-2', false);
    expect(world.progress.stageShare('g', 'u1', 'mini', 'advanced')).toEqual({ mastered: 1, total: 3 });
  });

  it('in replace mode a higher stage\'s role replaces the lower one it gave', () => {
    world = progressWorld(tempDir());
    world.guild.settings('g');
    world.guilds.setRoleMode('g', 'replace', 0);
    world.guilds.setStageRole('g', 'mini', 'basics', 'role-basics', 0);
    world.guilds.setStageRole('g', 'mini', 'advanced', 'role-adv', 0);
    world.answer('u1', 'averages-1');
    world.answer('u1', 'averages-2');
    const first = world.progress.pendingAwards('g');
    expect(first.map((a) => [a.roleId, a.action])).toEqual([['role-basics', 'add']]);
    world.progress.awardDone(first[0]!, 1);
    for (const id of ['spread-1', 'spread-2', 'spread-3']) world.answer('u1', id);
    expect(world.progress.pendingAwards('g').map((a) => [a.roleId, a.action]).sort()).toEqual([['role-adv', 'add'], ['role-basics', 'remove']]);
  });

  it('counts a streak of daily-quiz days in the server\'s timezone, across its midnight and a missed day', () => {
    world = progressWorld(tempDir());
    world.guilds.upsertSchedule({ guildId: 'g', kind: 'daily', channelId: 'c', localTime: '09:00', timezone: 'Asia/Kolkata', weekday: null }, 0);
    const at = (iso: string) => world.clock.set(DateTime.fromISO(iso, { zone: 'Asia/Kolkata' }).toMillis());
    at('2026-11-23T23:50');
    world.answer('u1', 'averages-1', true, 'daily', 'post:1');
    at('2026-11-24T00:10'); // 20 minutes later, the next local day (still 23 Nov in UTC)
    world.answer('u1', 'averages-2', false, 'daily', 'post:2');
    at('2026-11-24T20:00');
    world.answer('u1', 'spread-1', true, 'daily', 'post:2b');
    expect(world.progress.stats('g', 'u1')).toMatchObject({ streak: 2, bestStreak: 2, lastDailyDay: '2026-11-24' });
    at('2026-11-26T09:00'); // 25 November missed
    world.answer('u1', 'spread-2', true, 'daily', 'post:4');
    expect(world.progress.stats('g', 'u1')).toMatchObject({ streak: 1, bestStreak: 2, lastDailyDay: '2026-11-26' });
  });

  it('brings back a missed question in /review after a day, then after 2, 4 and 8 days as it is answered right', () => {
    world = progressWorld(tempDir());
    const DAY = 86_400_000;
    const review = createReviewService(world.progress, world.content, world.guild, world.clock);
    expect(review.next('g', 'u1')).toEqual({ kind: 'none', nextDueAt: null });
    world.answer('u1', 'spread-3', false);
    expect(review.next('g', 'u1')).toEqual({ kind: 'none', nextDueAt: world.clock.now() + DAY });
    world.clock.advance(DAY);
    expect(review.next('g', 'u1')).toMatchObject({ kind: 'question', question: { id: 'spread-3' }, due: 1 });
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = world.clock.now();
      world.answer('u1', 'spread-3', true, 'review', `r${i}`);
      const next = review.next('g', 'u1');
      expect(next.kind).toBe('none');
      const dueAt = next.kind === 'none' ? next.nextDueAt! : 0;
      gaps.push((dueAt - before) / DAY);
      world.clock.set(dueAt);
      expect(review.next('g', 'u1').kind).toBe('question');
    }
    expect(gaps).toEqual([2, 4, 8]);
  });
});
