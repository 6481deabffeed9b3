import { describe, expect, it } from 'vitest';
import { createProgressService } from '../../src/progress/progress-service.js';
import { createAnswerStore } from '../../src/store/answer-store.js';
import { progressWorld } from '../helpers/progress-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('the month leaderboard', () => {
  const tempDir = useTempDir();

  function world() {
    const w = progressWorld(tempDir(), Date.parse('2026-11-30T14:00:00Z'));
    const service = createProgressService({ content: w.content, answers: createAnswerStore(w.db), progress: w.progress, guilds: w.guilds, guild: w.guild, clock: w.clock });
    const board = (period: 'week' | 'month' | 'all') => service.leaderboard('g', 'bob', period);
    return { ...w, board };
  }

  it('given a server in Tokyo, then the month is Tokyo\'s calendar month: an answer late on 30 November UTC counts for December', () => {
    const w = world();
    w.guilds.upsertSchedule({ guildId: 'g', kind: 'daily', channelId: 'c', localTime: '09:00', timezone: 'Asia/Tokyo', weekday: null }, 0);
    w.answer('bob', 'averages-1'); // 23:00 on 30 November in Tokyo
    w.clock.set(Date.parse('2026-11-30T14:59:59Z')); // the last second of November in Tokyo
    expect(w.board('month').me).toMatchObject({ userId: 'bob', xp: 10, rank: 1 });

    w.clock.set(Date.parse('2026-11-30T15:30:00Z')); // 00:30 on 1 December in Tokyo
    w.answer('alice', 'averages-1');
    w.clock.set(Date.parse('2026-11-30T23:30:00Z')); // 08:30 on 1 December in Tokyo, still 30 November in UTC
    w.answer('alice', 'averages-2');

    const december = w.board('month');
    expect(december.period).toBe('month');
    expect(december.top).toEqual([{ userId: 'alice', xp: 20, correct: 2, answered: 2 }]);
    expect(december.me).toBeNull();
    // All time still counts November.
    expect(w.board('all').top.map((r) => [r.userId, r.xp])).toEqual([['alice', 20], ['bob', 10]]);
    // The week is Tokyo's too: Monday 30 November from 00:00 there, so all three answers are in it.
    expect(w.board('week').top.map((r) => r.userId)).toEqual(['alice', 'bob']);
  });

  it('given a server without a schedule, then the month is UTC\'s: the same answers all belong to November', () => {
    const w = world();
    w.answer('bob', 'averages-1');
    w.clock.set(Date.parse('2026-11-30T23:30:00Z'));
    w.answer('alice', 'averages-1');
    expect(w.board('month').top.map((r) => r.userId)).toEqual(['bob', 'alice']);
    w.clock.set(Date.parse('2026-12-01T00:00:00Z'));
    expect(w.board('month').top).toEqual([]);
  });
});
