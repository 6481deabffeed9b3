import { DateTime, IANAZone } from 'luxon';
import { UserError } from '../errors.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "7:05" or "07:05" -> "07:05"; anything else is explained. */
export function parseLocalTime(text: string): string {
  const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!match || hour > 23 || minute > 59) {
    throw new UserError(`"${text}" is not a time of day. Use 24-hour HH:MM, from 00:00 to 23:59: for example 07:30 or 18:00.`);
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

let zoneNames: string[] | undefined;
const allZones = () => (zoneNames ??= Intl.supportedValuesOf('timeZone'));

/** An IANA zone name, canonicalised ("europe/london" -> "Europe/London"); a wrong one gets suggestions. */
export function parseTimezone(text: string): string {
  const name = text.trim();
  const exact = allZones().find((zone) => zone.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  if (IANAZone.isValidZone(name) && name.includes('/')) return name;
  const suggestions = suggestTimezones(name, 3);
  throw new UserError(
    `"${text}" is not an IANA timezone name. ${suggestions.length ? `Did you mean ${suggestions.join(', ')}? ` : ''}` +
      'Names look like Europe/London, America/New_York or Asia/Kolkata; start typing a city to see suggestions.',
  );
}

/** Zones whose name contains what was typed (city names work: "york" finds America/New_York). */
export function suggestTimezones(query: string, limit = 25): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  if (q === '') return ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'].slice(0, limit);
  const city = (zone: string) => zone.toLowerCase().split('/').at(-1) ?? '';
  return allZones()
    .filter((zone) => zone.toLowerCase().includes(q))
    .sort((a, b) => Number(city(b).startsWith(q)) - Number(city(a).startsWith(q)) || a.localeCompare(b))
    .slice(0, limit);
}

export function parseWeekday(text: string): number {
  const index = WEEKDAYS.findIndex((day) => day.startsWith(text.trim().toLowerCase().slice(0, 3)));
  if (index < 0 || text.trim().length < 3) throw new UserError(`"${text}" is not a day of the week. Use Monday to Sunday.`);
  return index + 1;
}

/** The next moment at or after `after` when the wall clock in `timezone` shows `localTime` (on `weekday`, if given). */
export function nextOccurrence(after: number, localTime: string, timezone: string, weekday?: number | null): DateTime {
  const [hour, minute] = localTime.split(':').map(Number) as [number, number];
  const now = DateTime.fromMillis(after, { zone: timezone });
  for (let days = 0; days <= 8; days++) {
    const day = now.plus({ days }).startOf('day');
    if (weekday && day.weekday !== weekday) continue;
    const candidate = day.set({ hour, minute });
    if (candidate.toMillis() >= after) return candidate;
  }
  throw new Error('unreachable: a matching day exists within eight days');
}
