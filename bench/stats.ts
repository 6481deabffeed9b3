import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/** Small numeric and process helpers shared by the benchmarks. */

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles (no interpolation), in the unit of the samples. */
export function distribution(samples: readonly number[]): Distribution {
  if (samples.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]!, mean: round(mean, 2) };
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns a value, or fails after `timeoutMs` naming `what`. */
export async function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs: number, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** CPU time of a process in ms (user + system) from /proc/<pid>/stat, whose clock ticks are 1/100 s on Linux. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmRSS and VmHWM (peak RSS) of a process in MiB, from /proc/<pid>/status. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: round(kib('VmRSS') / 1024), peak: round(kib('VmHWM') / 1024) };
}

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
function machineJiffies(): { busy: number; total: number; steal: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
  const total = fields.slice(0, 8).reduce((sum, x) => sum + x, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const steal = fields[7] ?? 0;
  return { busy: total - idle - steal, total, steal };
}

/**
 * Who used the CPU between start and stop, in percent of one core: the bot, this process (load generator and
 * loopback Discord), and everything else on the machine. Also this process's event-loop delay and GC pauses, which
 * add to every latency it measures.
 */
export function loadMeter(botPid?: number) {
  const wall0 = performance.now();
  const self0 = process.cpuUsage();
  const botCpuMs = () => (botPid === undefined ? 0 : processCpuMs(botPid));
  const bot0 = botCpuMs();
  const machine0 = machineJiffies();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let gcMs = 0;
  let gcMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return () => {
    loop.disable();
    gc.disconnect();
    const wall = performance.now() - wall0;
    const self = process.cpuUsage(self0);
    const botCpu = ((botCpuMs() - bot0) / wall) * 100;
    const benchCpu = ((self.user + self.system) / 1000 / wall) * 100;
    const machine = machineJiffies();
    const cores = cpus().length;
    const elapsed = Math.max(1, machine.total - machine0.total);
    const machineCpu = ((machine.busy - machine0.busy) / elapsed) * cores * 100;
    return {
      botCpuPercent: round(botCpu),
      benchCpuPercent: round(benchCpu),
      otherCpuPercent: round(Math.max(0, machineCpu - botCpu - benchCpu)),
      /** CPU the hypervisor gave to other guests while this VM wanted it. */
      stealPercent: round(((machine.steal - machine0.steal) / elapsed) * cores * 100),
      benchLoopDelayMs: { p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) },
      benchGcMs: { total: round(gcMs), max: round(gcMaxMs) },
    };
  };
}

/** The median of repeated measurements with their range; every value kept. Null if none is a finite number. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function spread(values: readonly (number | null | undefined)[]): Spread | null {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median, 3), min: round(sorted[0]!, 3), max: round(sorted[sorted.length - 1]!, 3), values: finite };
}
