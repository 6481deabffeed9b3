import { DateTime } from 'luxon';

export type PeriodKind = 'week' | 'month';

/** A calendar week (Monday 00:00 to Monday 00:00) or month in a timezone, as [start, end) instants. */
export interface Period {
  kind: PeriodKind;
  /** Stable name: "2026-W48" for a week (ISO week numbering), "2026-11" for a month. */
  key: string;
  start: number;
  end: number;
  /** For people: "the week of 23 November 2026", "November 2026". */
  label: string;
}

/** The week or month that contains the instant `at`, in `zone`. */
export function periodAt(kind: PeriodKind, at: number, zone: string): Period {
  const start = DateTime.fromMillis(at, { zone }).startOf(kind);
  const end = start.plus(kind === 'week' ? { weeks: 1 } : { months: 1 });
  const key = kind === 'week' ? start.toFormat("kkkk-'W'WW") : start.toFormat('yyyy-MM');
  const label = kind === 'week' ? `the week of ${start.toFormat('d MMMM yyyy')}` : start.toFormat('MMMM yyyy');
  return { kind, key, start: start.toMillis(), end: end.toMillis(), label };
}

