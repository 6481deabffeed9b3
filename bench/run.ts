/**
 * npm run bench [-- --reps 3 --only store,answers,fanout,footprint --members 1000 --rate 500 --sweep-seconds 2
 *                    --search-start 1000 --search-factor 1.4 --search-refine 2 --search-retries 1 --overload-seconds 10
 *                    --store-answers 20000 --guilds 1000 --guild-members 100 --practice 3 --live-day 0]
 * npm run bench -- --only scale [--scale-guilds 10000 --scale-per-shard 1000 --scale-global 500 --scale-answers 10
 *                    --scale-concurrency 64 --scale-node-args '--max-old-space-size=256']   (not part of a run without --only: about 3.5 minutes a repetition)
 * Runs each benchmark --reps times against the loopback Discord (127.0.0.1 only), prints the median and range of
 * every figure against its target, and writes every repetition to bench/results/latest.json (or --out).
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
import { benchRender } from './render.js';
import { benchScale } from './scale.js';
import { benchStore } from './store.js';
import { round } from './stats.js';
import { buildSummary, printDetails, type RunResults } from './summary.js';

const SECTIONS = ['store', 'answers', 'fanout', 'footprint', 'render', 'scale'];
/** What a run without --only does: all but scale, which takes about 3.5 minutes a repetition on its own. */
const DEFAULT_SECTIONS = SECTIONS.filter((s) => s !== 'scale');
const { values: args } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    members: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '500' },
    'sweep-seconds': { type: 'string', default: '2' },
    'search-start': { type: 'string', default: '1000' },
    'search-factor': { type: 'string', default: '1.4' },
    'search-refine': { type: 'string', default: '2' },
    'search-max': { type: 'string', default: '40000' },
    'search-retries': { type: 'string', default: '1' },
    'overload-factor': { type: 'string', default: '1.5' },
    'overload-seconds': { type: 'string', default: '10' },
    'store-answers': { type: 'string', default: '20000' },
    guilds: { type: 'string', default: '1000' },
    'guild-members': { type: 'string', default: '100' },
    'live-day': { type: 'string', default: '0' },
    practice: { type: 'string', default: '3' },
    renders: { type: 'string', default: '30' },
    'card-rate': { type: 'string', default: '20' },
    'card-click-rate': { type: 'string', default: '500' },
    'card-seconds': { type: 'string', default: '6' },
    'scale-guilds': { type: 'string', default: '10000' },
    'scale-per-shard': { type: 'string', default: '1000' },
    'scale-global': { type: 'string', default: '500' },
    'scale-answers': { type: 'string', default: '10' },
    'scale-concurrency': { type: 'string', default: '64' },
    'scale-node-args': { type: 'string', default: '' },
    only: { type: 'string', default: DEFAULT_SECTIONS.join(',') },
    'deadline-minutes': { type: 'string', default: '30' },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const number = (name: keyof typeof args, { whole = true, zero = false } = {}) => {
  const value = Number(args[name]);
  const ok = Number.isFinite(value) && (zero ? value >= 0 : value > 0) && (!whole || Number.isInteger(value));
  if (!ok) throw new Error(`--${name} must be a ${zero ? 'non-negative' : 'positive'} ${whole ? 'whole ' : ''}number, not ${String(args[name])}`);
  return value;
};
const only = new Set(String(args.only).split(',').map((s) => s.trim()).filter(Boolean));
const unknown = [...only].filter((s) => !SECTIONS.includes(s));
if (unknown.length) throw new Error(`--only knows ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
const reps = number('reps');
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

// A last resort behind the bounded waits inside each benchmark: the run as a whole has a deadline too.
let phase = 'start-up';
const deadlineMinutes = number('deadline-minutes', { whole: false });
setTimeout(() => {
  console.error(`npm run bench did not finish within ${deadlineMinutes} minutes (stuck in: ${phase}); stopping it and the processes it started`);
  process.exit(2);
}, deadlineMinutes * 60_000).unref();

const repeat = async <T>(name: string, run: (rep: number, previous: T | undefined) => Promise<T> | T): Promise<T[]> => {
  const out: T[] = [];
  for (let rep = 0; rep < reps; rep++) {
    phase = `${name}, repetition ${rep + 1} of ${reps}`;
    console.error(`${phase} ...`);
    out.push(await run(rep, out.at(-1)));
  }
  return out;
};
const defaultStart = number('search-start');
const results: RunResults = {
  store: only.has('store') ? await repeat('store', () => benchStore({ answers: number('store-answers'), guilds: 10, membersPerGuild: 1000 })) : null,
  answerPath: only.has('answers')
    ? await repeat('answer path', (_, previous: Awaited<ReturnType<typeof benchAnswerPath>> | undefined) => benchAnswerPath({
        members: number('members'), rate: number('rate'), warmupClicks: 300, stepSeconds: number('sweep-seconds', { whole: false }),
        // After the first repetition each search starts where the previous one ended (fewer steps, same criterion).
        searchStart: { bot: previous?.highestSustained.bot ?? defaultStart, noop: previous?.highestSustained.noop ?? defaultStart },
        searchFactor: number('search-factor', { whole: false }), searchRefine: number('search-refine', { zero: true }), searchMax: number('search-max'),
        searchRetries: number('search-retries', { zero: true }),
        overloadFactor: number('overload-factor', { whole: false }), overloadSeconds: number('overload-seconds', { whole: false, zero: true }),
      }))
    : null,
  fanout: only.has('fanout') ? await repeat('scheduler fan-out', () => benchFanout({ guilds: number('guilds'), globalPerSecond: 50 })) : null,
  render: only.has('render')
    ? await repeat('pictures', () => benchRender({
        renders: number('renders'), cardsPerSecond: number('card-rate'), clickRate: number('card-click-rate'), seconds: number('card-seconds', { whole: false }),
      }))
    : null,
  footprint: only.has('footprint')
    ? (console.error((phase = `footprint (${reps} bots on copies of one database)`) + ' ...'), await benchFootprint({
        guilds: number('guilds'), membersPerGuild: number('guild-members'), practicePerMember: number('practice'),
        liveDayConcurrency: number('live-day', { zero: true }), storeAnswers: 10_000, reps,
      }))
    : null,
  scale: only.has('scale')
    ? (console.error((phase = `scale (${reps} bots, one after another, on ${number('scale-guilds')} servers)`) + ' ...'), await benchScale({
        guilds: number('scale-guilds'), membersPerGuild: number('guild-members'), guildsPerShard: number('scale-per-shard'),
        globalPerSecond: number('scale-global'), answersPerGuild: number('scale-answers', { zero: true }), concurrency: number('scale-concurrency'),
        botNodeArgs: String(args['scale-node-args']).split(' ').filter(Boolean),
      }, reps))
    : null,
};

const summary = buildSummary(results);
code.changedDuringRun = codeFingerprint() !== fingerprintAtStart;
const durationSeconds = round((performance.now() - started) / 1000);
const report = { command, date: startedAt.toISOString(), durationSeconds, code, machine, options: args, reps, targets: summary.rows, results };
const out = resolve(String(args.out));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

console.log(`\n${command}: ${reps} repetition(s); status is judged on the median, or on every repetition where marked`);
summary.print();
printDetails(results);
console.log(`\n${durationSeconds} s; every repetition in ${out}`);
if (code.changedDuringRun) console.log('WARNING: src/ or commands/ changed during the run: the figures mix two versions of the bot.');
