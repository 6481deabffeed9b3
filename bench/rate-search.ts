/**
 * The highest rate a client sustains, found with few steps: a geometric ladder from `start` (up by `factor` while
 * steps pass, down while they fail) brackets it between a passing and a failing rate, then `refine` geometric
 * bisections narrow the bracket to factor^(1 / 2^refine) (1.4 and 2 refinements: within about 9%). A rate whose
 * failure may have been a hiccup of a shared machine (the caller says which) is tried once more, up to `retries` times
 * per search, and then fails only if it fails again.
 */
export interface SearchOptions {
  start: number;
  factor: number;
  refine: number;
  /** Rates outside [min, max] are not tried: the search ends with what it has. */
  min: number;
  max: number;
  /** At most this many second tries of a failed rate in one search. */
  retries: number;
}

export interface SearchResult {
  /** The highest rate that passed, null if none did. */
  highestPassed: number | null;
  /** The lowest rate that failed above it, null if none did (the ceiling is above `max`). */
  lowestFailed: number | null;
  tried: { rate: number; passed: boolean }[];
}

export class RateSearch {
  private passed: number | null = null;
  private failed: number | null = null;
  private bisections = 0;
  /** A rate that failed once, to be tried again before it counts as failed. */
  private retry: number | null = null;
  private retriesLeft: number;
  private readonly tried: { rate: number; passed: boolean }[] = [];

  constructor(private readonly options: SearchOptions) {
    this.retriesLeft = options.retries;
  }

  /** The next rate to try, or null when the search is over. */
  next(): number | null {
    const { start, factor, refine, min, max } = this.options;
    if (this.retry !== null) return this.retry;
    if (this.passed === null && this.failed === null) return start;
    if (this.failed === null) return this.within(this.passed! * factor);
    if (this.passed === null) return this.within(this.failed / factor);
    if (this.bisections >= refine) return null;
    const rate = niceRate(Math.sqrt(this.passed * this.failed));
    // Nothing left between them at this resolution.
    if (rate <= this.passed || rate >= this.failed) return null;
    return rate < min || rate > max ? null : rate;
  }

  report(rate: number, passed: boolean, worthRetrying = true): void {
    this.tried.push({ rate, passed });
    const second = this.retry === rate;
    this.retry = null;
    if (!passed && !second && worthRetrying && this.retriesLeft > 0) {
      this.retriesLeft -= 1;
      this.retry = rate;
      return;
    }
    if (this.passed !== null && this.failed !== null) this.bisections += 1;
    if (passed) this.passed = Math.max(this.passed ?? 0, rate);
    else this.failed = Math.min(this.failed ?? Infinity, rate);
  }

  result(): SearchResult {
    return { highestPassed: this.passed, lowestFailed: this.failed, tried: [...this.tried] };
  }

  private within(raw: number): number | null {
    const rate = niceRate(raw);
    return rate < this.options.min || rate > this.options.max ? null : rate;
  }
}

/** Rounded to two significant figures (1,372 -> 1,400), so rates read well and repeat from run to run. */
export function niceRate(rate: number): number {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(rate)) - 1);
  return Math.round(rate / step) * step;
}
