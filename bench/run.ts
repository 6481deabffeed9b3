/**
 * npm run bench [-- --members 1000 --rate 500 --sweep 250,500,1000,1500,2000,3000 --only store,answers,fanout,footprint
 *                    --guilds 1000 --guild-members 100 --live-day 64]
 * Runs the benchmarks one after another against the loopback Discord (127.0.0.1 only), prints a table and writes
 * every figure to bench/results/latest.json (or --out).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAnswerPath } from './answer-path.js';
import { benchFanout } from './fanout.js';
import { benchFootprint } from './footprint.js';
import { benchStore } from './store.js';
import { round } from './stats.js';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '500' },
    sweep: { type: 'string', default: '250,500,1000,1500,2000,3000' },
    'sweep-seconds': { type: 'string', default: '3' },
    'store-answers': { type: 'string', default: '50000' },
    guilds: { type: 'string', default: '1000' },
    'guild-members': { type: 'string', default: '100' },
    'live-day': { type: 'string', default: '0' },
    practice: { type: 'string', default: '3' },
    only: { type: 'string', default: 'store,answers,fanout,footprint' },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const int = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number, not ${String(args[name])}`);
  return value;
};
const only = new Set(String(args.only).split(','));
const startedAt = new Date();
const started = performance.now();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${process.platform} ${release()}`,
  memoryGiB: round(totalmem() / 2 ** 30),
  loadAverageAtStart: loadavg().map((x) => round(x, 2)),
};
// The code measured: the commit, and whether src/ or commands/ had uncommitted changes.
const git = (...gitArgs: string[]) => {
  try {
    return execFileSync('git', gitArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
// Each benchmark spawns the bot from src/ as it is at that moment, so a change made during the run would mix versions.
const codeFingerprint = () =>
  createHash('sha1').update([git('rev-parse', 'HEAD'), git('diff', 'HEAD', '--', 'src', 'commands'), git('ls-files', '--others', '--exclude-standard', '--', 'src', 'commands')].join('\n')).digest('hex');
const fingerprintAtStart = codeFingerprint();
const code = {
  commit: git('rev-parse', '--short', 'HEAD'),
  uncommittedInSrc: (git('status', '--porcelain', '--', 'src', 'commands') ?? '') !== '',
  changedDuringRun: false,
};
const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
console.error(`${command}\n${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}, commit ${code.commit}${code.uncommittedInSrc ? ' (src changed)' : ''}`);

const results: Record<string, unknown> = {};
const store = only.has('store') ? (console.error('store ...'), benchStore({ answers: int('store-answers'), guilds: 10, membersPerGuild: 1000 })) : null;
results.store = store;
const answers = only.has('answers')
  ? (console.error('answer path ...'), await benchAnswerPath({
      members: int('members'), rate: int('rate'), sweepSeconds: int('sweep-seconds'), warmupClicks: 300,
      sweepRates: String(args.sweep).split(',').map(Number).filter((n) => n > 0),
    }))
  : null;
results.answerPath = answers;
const fanout = only.has('fanout') ? (console.error('scheduler fan-out ...'), await benchFanout({ guilds: int('guilds'), globalPerSecond: 50 })) : null;
results.fanout = fanout;
const footprint = only.has('footprint')
  ? (console.error('footprint ...'), await benchFootprint({ guilds: int('guilds'), membersPerGuild: int('guild-members'), practicePerMember: int('practice'), liveDayConcurrency: Number(args['live-day']), storeAnswers: 10_000 }))
  : null;
results.footprint = footprint;

type Row = { benchmark: string; measure: string; result: string; target: string; met: boolean | null };
const rows: Row[] = [];
const row = (benchmark: string, measure: string, result: string, target = '', met: boolean | null = null) => rows.push({ benchmark, measure, result, target, met });
if (answers) {
  const m = answers.main;
  row('answer path', `p99 latency, ${m.clicks} clicks at ${m.offeredRate}/s`, `${m.latencyMs.p99} ms (p50 ${m.latencyMs.p50}, p95 ${m.latencyMs.p95}, max ${m.latencyMs.max})`, '< 50 ms', m.latencyMs.p99 < 50);
  row('answer path', 'unanswered clicks', `${m.unanswered} of ${m.clicks}`, '0', m.unanswered === 0);
  row('answer path', 'clicks handled per second', String(m.handledPerSecond));
  row('answer path', 'answers recorded', `${m.answersRecorded} of ${m.clicks}`, `= clicks`, m.answersRecorded === m.clicks);
  row('answer path', 'highest swept rate with p99 < 250 ms', answers.highestRateP99Under250Ms === null ? 'none' : `${answers.highestRateP99Under250Ms}/s`);
}
if (store) row('store', `answer transactions per second (${store.rowsInTable} answers in the table at the end)`, String(store.transactionsPerSecond), '>= 10,000', store.transactionsPerSecond >= 10_000);
if (fanout) {
  row('fan-out', `tick to last of ${fanout.guilds} posts`, `${fanout.allPostsOutSeconds} s = ${fanout.ratioToFloor} x floor (${fanout.floorSeconds} s)`, '<= 1.2 x floor', fanout.ratioToFloor <= 1.2);
  row('fan-out', '429s: global / route', `${fanout.rateLimited.global} / ${fanout.rateLimited.route}`, 'global 0', fanout.rateLimited.global === 0);
  const once = fanout.channels.exactlyOne === fanout.guilds && fanout.postsTable.dailySent === fanout.guilds;
  row('fan-out', 'posts exactly once (channels / posts rows sent)', `${fanout.channels.exactlyOne} / ${fanout.postsTable.dailySent} of ${fanout.guilds}`, 'all', once);
}
if (footprint) {
  const f = footprint;
  const mb = (mib: number) => round((mib * 2 ** 20) / 1e6);
  row('footprint', `RSS after ready + first tick, ${f.guilds} guilds x ${f.membersPerGuild} members, ${f.answersInDatabase} answers`,
    `${f.rssAfterTickMiB} MiB = ${mb(f.rssAfterTickMiB)} MB (at ready ${f.rssAtReadyMiB} MiB, peak ${f.peakRssMiB} MiB)`, '< 200 MB', mb(Math.max(f.rssAfterTickMiB, f.rssAtReadyMiB)) < 200);
  row('footprint', 'start-up: spawn to "connected to Discord"', `${f.startupToReadyMs} ms`);
  if (f.liveDay) {
    const d = f.liveDay;
    row('footprint', `live day: ${d.clicks} daily answers through a bot, ${d.concurrency} waiting`, `${d.clicksPerSecond}/s, p50 ${d.latencyMs.p50} ms, p99 ${d.latencyMs.p99} ms, unanswered ${d.unanswered}`);
    row('footprint', 'live day: RSS of that bot once idle', `${d.rssIdleLowestMiB} MiB = ${mb(d.rssIdleLowestMiB)} MB (peak ${d.peakRssMiB} MiB)`, '< 200 MB', mb(d.rssIdleLowestMiB) < 200);
  }
  const scale = f.storeAtScale;
  row('store', `answer transactions per second with ${scale.answersBefore} answers in the table`, String(scale.transactionsPerSecond), '>= 10,000', scale.transactionsPerSecond >= 10_000);
}

code.changedDuringRun = codeFingerprint() !== fingerprintAtStart;
const durationSeconds = round((performance.now() - started) / 1000);
const report = { command, date: startedAt.toISOString(), durationSeconds, code, machine, options: args, targets: rows, results };
const out = resolve(String(args.out));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

const widths = [11, 48, 58, 15];
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join('  ');
console.log(line(['benchmark', 'measure', 'result', 'target', 'status']));
for (const r of rows) console.log(line([r.benchmark, r.measure, r.result, r.target, r.met === null ? '' : r.met ? 'met' : 'MISSED']));
if (answers) {
  console.log('\nanswer path sweep (open loop, each step on a fresh post)');
  console.log(line(['rate/s', 'clicks  handled/s  p50  p95  p99  max (ms)', 'unanswered  recorded  CPU% bot/bench/other', 'bot stall ms', 'tick in step']));
  for (const s of answers.sweep) {
    console.log(line([String(s.offeredRate), `${s.clicks}  ${s.handledPerSecond}  ${s.latencyMs.p50}  ${s.latencyMs.p95}  ${s.latencyMs.p99}  ${s.latencyMs.max}`,
      `${s.unanswered}  ${s.answersRecorded}  ${s.load.botCpuPercent}/${s.load.benchCpuPercent}/${s.load.otherCpuPercent}`, String(s.botLoop?.delayMaxMs ?? ''), s.minuteTickInside ? 'yes' : '']));
  }
}
console.log(`\n${durationSeconds} s; all figures in ${out}`);
if (code.changedDuringRun) console.log('WARNING: src/ or commands/ changed during the run: the figures mix two versions of the bot.');
