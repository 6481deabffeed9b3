import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { currentStreak, LEITNER_DAYS, localDay, nextCard, nextStreak, plannedRoles, xpFor } from '../../src/progress/rules.js';

const DAY = 86_400_000;

describe('scoring', () => {
  it('gives points only for right answers, more for the daily quiz on its day and most for the weekly challenge', () => {
    expect(xpFor('practice', true, false)).toBe(10);
    expect(xpFor('review', true, false)).toBe(10);
    expect(xpFor('daily', true, true)).toBe(20);
    expect(xpFor('daily', true, false)).toBe(10);
    expect(xpFor('weekly', true, false)).toBe(30);
    for (const source of ['practice', 'review', 'daily', 'weekly'] as const) expect(xpFor(source, false, true)).toBe(0);
  });
});

describe('streaks', () => {
  it('grows on consecutive days, holds on the same day, and restarts after a missed day', () => {
    expect(nextStreak({ streak: 0, lastDay: null }, '2026-11-23')).toBe(1);
    expect(nextStreak({ streak: 3, lastDay: '2026-11-23' }, '2026-11-23')).toBe(3);
    expect(nextStreak({ streak: 3, lastDay: '2026-11-22' }, '2026-11-23')).toBe(4);
    expect(nextStreak({ streak: 3, lastDay: '2026-11-21' }, '2026-11-23')).toBe(1);
    expect(nextStreak({ streak: 9, lastDay: '2026-12-31' }, '2027-01-01')).toBe(10);
  });

  it('counts days in the server\'s timezone: 23:30 and 00:30 local are two days even within one UTC day', () => {
    const late = DateTime.fromISO('2026-11-23T23:30', { zone: 'Asia/Kolkata' }).toMillis();
    const early = DateTime.fromISO('2026-11-24T00:30', { zone: 'Asia/Kolkata' }).toMillis();
    expect(new Date(late).toISOString().slice(0, 10)).toBe(new Date(early).toISOString().slice(0, 10));
    const first = localDay(late, 'Asia/Kolkata');
    const second = localDay(early, 'Asia/Kolkata');
    expect([first, second]).toEqual(['2026-11-23', '2026-11-24']);
    expect(nextStreak({ streak: 1, lastDay: first }, second)).toBe(2);
    expect(localDay(early, 'America/New_York')).toBe('2026-11-23');
  });

  it('shows a streak as broken once a whole day passes without an answer', () => {
    expect(currentStreak(5, '2026-11-23', '2026-11-23')).toBe(5);
    expect(currentStreak(5, '2026-11-22', '2026-11-23')).toBe(5);
    expect(currentStreak(5, '2026-11-21', '2026-11-23')).toBe(0);
    expect(currentStreak(0, null, '2026-11-23')).toBe(0);
  });
});

describe('Leitner review', () => {
  it('after a miss, brings a question back after 1 day, then 2, 4, 8 and 16 days as it is answered right', () => {
    const now = 1_000_000;
    let card = nextCard(3, false, now);
    const intervals = [(card.dueAt - now) / DAY];
    for (let i = 0; i < 5; i++) {
      card = nextCard(card.box, true, now);
      intervals.push((card.dueAt - now) / DAY);
    }
    expect(intervals).toEqual([1, 2, 4, 8, 16, 16]);
    expect([...LEITNER_DAYS]).toEqual([1, 2, 4, 8, 16]);
  });

  it('sends a wrong answer to box 1 from any box, and starts a question answered right at first sight in box 2', () => {
    expect(nextCard(5, false, 500)).toEqual({ box: 1, dueAt: 500 + DAY });
    expect(nextCard(null, false, 500)).toEqual({ box: 1, dueAt: 500 + DAY });
    expect(nextCard(null, true, 500)).toEqual({ box: 2, dueAt: 500 + 2 * DAY });
  });
});

describe('stage roles', () => {
  const roles = [
    { stageId: 'one', roleId: 'r1' },
    { stageId: 'two', roleId: 'r2' },
    { stageId: 'three', roleId: 'r3' },
  ];

  it('in stack mode keeps every earned stage role', () => {
    expect(plannedRoles('stack', roles, new Set(['one', 'two']))).toEqual({ add: ['r1', 'r2'], remove: [] });
  });

  it('in replace mode keeps only the highest earned stage role and takes the others back', () => {
    expect(plannedRoles('replace', roles, new Set(['one', 'two']))).toEqual({ add: ['r2'], remove: ['r1', 'r3'] });
    expect(plannedRoles('replace', roles, new Set())).toEqual({ add: [], remove: ['r1', 'r2', 'r3'] });
  });
});

describe('localDay', () => {
  it('gives the calendar day luxon gives, in every zone Node knows, across two years of daylight-saving changes', () => {
    const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/GMT+5', 'US/Eastern'];
    let compared = 0;
    const differing: string[] = [];
    for (const zone of zones) {
      // Every 23 h 7 min, so each zone is seen at every local hour, just before and after midnight among them.
      for (let at = Date.UTC(2024, 0, 1); at < Date.UTC(2026, 0, 1); at += (23 * 60 + 7) * 60_000) {
        compared += 1;
        const expected = DateTime.fromMillis(at, { zone }).toISODate();
        if (localDay(at, zone) !== expected) differing.push(`${zone} ${new Date(at).toISOString()}: ${localDay(at, zone)} != ${expected}`);
      }
    }
    expect(compared).toBeGreaterThan(400 * 700);
    expect(differing.slice(0, 5)).toEqual([]);
  });
});
