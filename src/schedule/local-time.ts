import { IANAZone } from 'luxon';
import { UserError, quote } from '../errors.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "7:05" or "07:05" -> "07:05"; anything else is explained. */
export function parseLocalTime(text: string): string {
  const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!match || hour > 23 || minute > 59) {
    throw new UserError(`${quote(text)} is not a time of day. Use 24-hour HH:MM, from 00:00 to 23:59: for example 07:30 or 18:00.`);
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Node's ICU lists some zones under their old CLDR names; members know (and IANA now uses) the current ones.
 * Both spellings stay valid: we offer and store the current name.
 */
const CURRENT_NAMES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

let zoneNames: string[] | undefined;
const allZones = () =>
  (zoneNames ??= [...new Set(Intl.supportedValuesOf('timeZone').map((zone) => CURRENT_NAMES[zone] ?? zone).filter((zone) => IANAZone.isValidZone(zone)))].sort());

/** An IANA zone name, canonicalised ("europe/london" -> "Europe/London"); a wrong one gets suggestions. */
export function parseTimezone(text: string): string {
  const name = text.trim();
  const legacy = Object.entries(CURRENT_NAMES).find(([old]) => old.toLowerCase() === name.toLowerCase());
  if (legacy) return legacy[1];
  const exact = allZones().find((zone) => zone.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  if (/^utc$/i.test(name)) return 'UTC';
  // Valid names Intl does not list (Etc/GMT+5, aliases such as US/Eastern); offsets like "+05:30" are not names.
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(name) && IANAZone.isValidZone(name)) return name;
  const suggestions = suggestTimezones(name, 3);
  throw new UserError(
    `${quote(text)} is not an IANA timezone name. ${suggestions.length ? `Did you mean ${suggestions.join(', ')}? ` : ''}` +
      'Names look like Europe/London, America/New_York or Asia/Kolkata; start typing a city to see suggestions.',
  );
}

/**
 * Zones whose name contains what was typed (city names work: "york" finds America/New_York); failing that,
 * the names within a few typos of it ("Europe/Londn" finds Europe/London).
 */
export function suggestTimezones(query: string, limit = 25): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  if (q.length > 64) return []; // no zone name is this long; skip the typo search
  if (q === '') return ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'].slice(0, limit);
  const city = (zone: string) => zone.toLowerCase().split('/').at(-1) ?? '';
  const containing = allZones()
    .filter((zone) => zone.toLowerCase().includes(q))
    .sort((a, b) => Number(city(b).startsWith(q)) - Number(city(a).startsWith(q)) || a.localeCompare(b));
  if (containing.length > 0) return containing.slice(0, limit);
  const target = q.includes('/') ? (zone: string) => zone.toLowerCase() : city;
  return allZones()
    .map((zone) => ({ zone, distance: editDistance(q, target(zone)) }))
    .filter(({ distance }) => distance <= 3)
    .sort((a, b) => a.distance - b.distance || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map(({ zone }) => zone);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function parseWeekday(text: string): number {
  const index = WEEKDAYS.findIndex((day) => day.startsWith(text.trim().toLowerCase().slice(0, 3)));
  if (index < 0 || text.trim().length < 3) throw new UserError(`${quote(text)} is not a day of the week. Use Monday to Sunday.`);
  return index + 1;
}
