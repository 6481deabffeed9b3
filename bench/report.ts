import { spread } from './stats.js';

/**
 * One figure of the table: its value in each repetition, the median and range, and its target. A target on a
 * rate or a latency is judged on the median; a count that must be zero (or must match) on every repetition.
 */
export interface SummaryRow {
  benchmark: string;
  measure: string;
  unit: string;
  values: (number | null)[];
  median: number | null;
  min: number | null;
  max: number | null;
  target: string;
  met: boolean | null;
  judgedOn: 'median' | 'every repetition' | null;
}

export interface TargetSpec {
  text: string;
  test: (value: number) => boolean;
  on: 'median' | 'every repetition';
}

export class Summary {
  readonly rows: SummaryRow[] = [];

  add(benchmark: string, measure: string, values: (number | null | undefined)[], unit = '', target?: TargetSpec): void {
    const clean = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
    const s = spread(clean);
    let met: boolean | null = null;
    if (target) {
      if (!s || clean.some((v) => v === null)) met = false;
      else met = target.on === 'median' ? target.test(s.median) : clean.every((v) => target.test(v!));
    }
    this.rows.push({
      benchmark, measure, unit, values: clean, median: s?.median ?? null, min: s?.min ?? null, max: s?.max ?? null,
      target: target?.text ?? '', met, judgedOn: target?.on ?? null,
    });
  }

  print(): void {
    const widths = [11, 66, 30, 18];
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join('  ').trimEnd();
    console.log(line(['benchmark', 'measure', 'median (min-max)', 'target', 'status']));
    for (const r of this.rows) {
      const status = r.met === null ? '' : `${r.met ? 'met' : 'MISSED'}${r.judgedOn === 'every repetition' ? ' (every rep)' : ''}`;
      console.log(line([r.benchmark, r.measure, formatSpread(r), r.target, status]));
    }
  }
}

export function formatNumber(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return x.toLocaleString('en-GB', { maximumFractionDigits: digits });
}

function formatSpread(r: SummaryRow): string {
  if (r.median === null) return 'none';
  const unit = !r.unit ? '' : r.unit.startsWith('/') || r.unit === '%' ? r.unit : ` ${r.unit}`;
  const missing = r.values.some((v) => v === null) ? `, ${r.values.filter((v) => v === null).length} rep(s) without a value` : '';
  if (r.min === r.max) return `${formatNumber(r.median)}${unit}${missing}`;
  return `${formatNumber(r.median)}${unit} (${formatNumber(r.min!)}-${formatNumber(r.max!)})${missing}`;
}
