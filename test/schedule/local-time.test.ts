import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseLocalTime, parseTimezone, parseWeekday, suggestTimezones } from '../../src/schedule/local-time.js';

describe('schedule inputs', () => {
  it('accepts 24-hour times and normalises them', () => {
    expect(parseLocalTime('7:05')).toBe('07:05');
    expect(parseLocalTime(' 23:59 ')).toBe('23:59');
    expect(parseLocalTime('00:00')).toBe('00:00');
  });

  it.each(['25:99', '24:00', '12:60', '7pm', '', '12:5'])('explains why "%s" is not a time', (text) => {
    expect(() => parseLocalTime(text)).toThrow(UserError);
    expect(() => parseLocalTime(text)).toThrow(/24-hour HH:MM, from 00:00 to 23:59/);
  });

  it('accepts IANA names in any case and returns the canonical spelling', () => {
    expect(parseTimezone('europe/london')).toBe('Europe/London');
    expect(parseTimezone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(parseTimezone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(parseTimezone('utc')).toBe('UTC');
    expect(parseTimezone('Etc/GMT+5')).toBe('Etc/GMT+5');
  });

  it('refuses an unknown timezone and suggests close ones', () => {
    expect(() => parseTimezone('Mars/Olympus')).toThrow(/not an IANA timezone name/);
    expect(() => parseTimezone('London')).toThrow(/Did you mean Europe\/London/);
    expect(() => parseTimezone('+05:30')).toThrow(UserError);
  });

  it('finds zones by city name for autocomplete, at most 25', () => {
    expect(suggestTimezones('new york')).toContain('America/New_York');
    expect(suggestTimezones('kolk')).toEqual(['Asia/Kolkata']);
    expect(suggestTimezones('Europe/Londn')[0]).toBe('Europe/London');
    expect(suggestTimezones('a').length).toBeLessThanOrEqual(25);
  });

  it('reads weekdays by name or prefix', () => {
    expect(parseWeekday('monday')).toBe(1);
    expect(parseWeekday('Sun')).toBe(7);
    expect(() => parseWeekday('someday')).toThrow(/not a day of the week/);
  });
});
