import { DateTime } from 'luxon';
import type { AnswerSource } from '../store/answer-store.js';

/** Points for a correct answer: the daily quiz answered on its day and the weekly challenge earn more. */
export const XP = { practice: 10, review: 10, dailyOnItsDay: 20, dailyLate: 10, weekly: 30 } as const;

export function xpFor(source: AnswerSource, correct: boolean, onItsDay: boolean): number {
  if (!correct) return 0;
  if (source === 'daily') return onItsDay ? XP.dailyOnItsDay : XP.dailyLate;
  if (source === 'weekly') return XP.weekly;
  return XP[source];
}

/**
 * Every answer asks for the member's local day, two or three times. luxon would check the zone name and format the
 * zone's offset each time, which costs more than the answer's SQL; one Intl formatter per zone, made once, gives the
 * same calendar day ("en-CA" writes dates as YYYY-MM-DD).
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timezone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timezone, format);
  }
  return format;
}

/** The member's calendar day in the server's timezone. */
export function localDay(at: number, timezone: string): string {
  return dayFormat(timezone).format(at);
}

/**
 * A streak counts consecutive local days with a daily-quiz answer. Answering again the same day changes nothing;
 * the next day extends it; a gap of a day or more starts again at 1.
 */
export function nextStreak(current: { streak: number; lastDay: string | null }, today: string): number {
  if (current.lastDay === today) return current.streak;
  if (current.lastDay && DateTime.fromISO(current.lastDay).plus({ days: 1 }).toISODate() === today) return current.streak + 1;
  return 1;
}

/** A streak shown today: it is still alive if the last answer was today or yesterday. */
export function currentStreak(streak: number, lastDay: string | null, today: string): number {
  if (!lastDay) return 0;
  return lastDay === today || DateTime.fromISO(lastDay).plus({ days: 1 }).toISODate() === today ? streak : 0;
}

/** Leitner boxes 1-5 come back after 1, 2, 4, 8 and 16 days. */
export const LEITNER_DAYS = [1, 2, 4, 8, 16] as const;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Where a question goes after an answer (classic Leitner): a wrong answer sends it to box 1, back in a day; a right
 * one moves it up a box, so it comes back after 2, 4, 8, then every 16 days. A question answered right at first
 * sight starts as if it had been in box 1.
 */
export function nextCard(previousBox: number | null, correct: boolean, now: number): { box: number; dueAt: number } {
  const box = !correct ? 1 : Math.min((previousBox ?? 1) + 1, LEITNER_DAYS.length);
  return { box, dueAt: now + LEITNER_DAYS[box - 1]! * DAY };
}

/**
 * The stage roles a member should hold. In stack mode, every completed stage's role; in replace mode, only the role
 * of the highest completed stage that has one, and the other stage roles are taken back.
 */
export function plannedRoles(
  mode: 'stack' | 'replace',
  stageRoles: { stageId: string; roleId: string }[],
  completed: Set<string>,
): { add: string[]; remove: string[] } {
  const earned = stageRoles.filter((r) => completed.has(r.stageId));
  if (mode === 'stack') return { add: [...new Set(earned.map((r) => r.roleId))], remove: [] };
  const keep = earned.at(-1)?.roleId;
  return { add: keep ? [keep] : [], remove: [...new Set(stageRoles.map((r) => r.roleId))].filter((id) => id !== keep) };
}
