import type { benchAnswerPath } from './answer-path.js';
import type { benchFanout } from './fanout.js';
import type { benchFootprint } from './footprint.js';
import type { benchRender } from './render.js';
import type { benchScale } from './scale.js';
import { formatNumber, Summary } from './report.js';
import type { benchStore } from './store.js';
import type { Step } from './steps.js';

type AnswerRep = Awaited<ReturnType<typeof benchAnswerPath>>;
type FanoutRep = Awaited<ReturnType<typeof benchFanout>>;
type FootprintRun = Awaited<ReturnType<typeof benchFootprint>>;
type StoreRep = Awaited<ReturnType<typeof benchStore>>;
type RenderRep = Awaited<ReturnType<typeof benchRender>>;
type ScaleRun = Awaited<ReturnType<typeof benchScale>>;

export interface RunResults {
  store: StoreRep[] | null;
  answerPath: AnswerRep[] | null;
  fanout: FanoutRep[] | null;
  footprint: FootprintRun | null;
  render: RenderRep[] | null;
  scale: ScaleRun | null;
}

const atLeast = (n: number, text = `>= ${formatNumber(n)}`) => ({ text, test: (v: number) => v >= n, on: 'median' as const });
const below = (n: number, text = `< ${formatNumber(n)}`) => ({ text, test: (v: number) => v < n, on: 'median' as const });
const atMost = (n: number, text = `<= ${formatNumber(n)}`) => ({ text, test: (v: number) => v <= n, on: 'median' as const });
const exactly = (n: number, text = formatNumber(n)) => ({ text, test: (v: number) => v === n, on: 'every repetition' as const });

/** The headline table: each figure over the repetitions, against its target. */
export function buildSummary(r: RunResults): Summary {
  const t = new Summary();
  if (r.answerPath?.length) {
    const a = r.answerPath;
    const m = a[0]!.main.bot;
    t.add('answer path', 'highest sustained rate, bot (p99 < 250 ms, none unanswered)', a.map((x) => x.highestSustained.bot), '/s');
    t.add('answer path', 'highest sustained rate, noop client (also the harness ceiling)', a.map((x) => x.highestSustained.noop), '/s');
    t.add('answer path', 'ratio bot / noop', a.map((x) => x.highestSustained.ratio), '', atLeast(0.6));
    t.add('answer path', 'bench process CPU at the noop\'s first failed rate', a.map((x) => x.highestSustained.atNoopCeiling?.benchCpuPercent), '%');
    t.add('answer path', `p99 from schedule, ${formatNumber(m.clicks)} members at ${formatNumber(m.offeredRate)}/s (main burst), bot`, a.map((x) => x.main.bot.latencyFromScheduleMs.p99), 'ms', below(50, '< 50 ms'));
    t.add('answer path', 'p99 from schedule, the same burst on the noop client', a.map((x) => x.main.noop.latencyFromScheduleMs.p99), 'ms');
    t.add('answer path', 'unanswered clicks in the main burst, bot', a.map((x) => x.main.bot.unanswered), '', exactly(0));
    t.add('answer path', 'answers recorded for the main burst\'s post', a.map((x) => x.main.bot.answersRecorded), '', exactly(m.clicks, `= ${formatNumber(m.clicks)}`));
    overloadRows(t, a);
  }
  if (r.store?.length) {
    const s = r.store;
    t.add('store', `tracker as the bot commits (${s[0]!.grouped.answersPerTurn} a turn, checkpoint worker), fresh file`, s.map((x) => x.grouped.transactionsPerSecond), '/s', atLeast(10_000));
    t.add('store', `tracker, one record() transaction each (${formatNumber(s[0]!.rowsInTable)} answers at the end)`, s.map((x) => x.transactionsPerSecond), '/s');
    t.add('store', 'plain better-sqlite3 loop answers/s, fresh file (reference)', s.map((x) => x.plain.transactionsPerSecond), '/s');
    t.add('store', 'ratio tracker as the bot commits / plain loop', s.map((x) => x.groupedRatioToPlain));
    t.add('store', 'ratio tracker one transaction each / plain loop', s.map((x) => x.ratioToPlain));
  }
  if (r.footprint?.reps.length) {
    const f = r.footprint.reps;
    t.add('store', `tracker answers/s with ${formatNumber(f[0]!.answersInDatabase)} answers stored`, f.map((x) => x.storeAtScale.transactionsPerSecond), '/s', atLeast(8_000));
    t.add('store', 'plain loop answers/s on the same file (reference)', f.map((x) => x.storeAtScale.plain.transactionsPerSecond), '/s');
    t.add('store', 'ratio tracker / plain loop at that size', f.map((x) => x.storeAtScale.ratioToPlain));
  }
  if (r.fanout?.length) {
    const f = r.fanout;
    const guilds = f[0]!.guilds;
    t.add('fan-out', `tick to the last of ${formatNumber(guilds)} posts, over the floor (${f[0]!.floorSeconds} s)`, f.map((x) => x.ratioToFloor), 'x', atMost(1.2, '<= 1.2 x'));
    t.add('fan-out', 'tick to the last post', f.map((x) => x.allPostsOutSeconds), 's');
    t.add('fan-out', '429s on the global bucket', f.map((x) => x.rateLimited.global), '', exactly(0));
    t.add('fan-out', '429s on per-route buckets', f.map((x) => x.rateLimited.route));
    t.add('fan-out', 'channels with exactly one post', f.map((x) => x.channels.exactlyOne), '', exactly(guilds, `= ${formatNumber(guilds)}`));
    t.add('fan-out', 'longest event-loop block of the bot, tick to last post', f.map((x) => x.tickLongestBlockMs ?? NaN), 'ms', below(50, '< 50 ms'));
    const during = f.map((x) => x.clicksDuringTick).filter((c) => c !== null && c !== undefined);
    if (during.length) {
      t.add('fan-out', `clicks on another server's post during the tick (${during[0]!.rate}/s): p99`, during.map((x) => x.latencyMs.p99), 'ms');
      t.add('fan-out', 'the same clicks after the tick: p99 (reference)', during.map((x) => x.afterTick.latencyMs.p99), 'ms');
      t.add('fan-out', 'clicks during the tick unanswered', during.map((x) => x.unanswered), '', exactly(0));
    }
  }
  if (r.footprint?.reps.length) {
    const p = r.footprint;
    const mb = (mib: number) => (mib * 2 ** 20) / 1e6;
    t.add('footprint', `VmRSS after ready + first tick, ${formatNumber(p.guilds)} guilds x ${p.membersPerGuild} members`, p.reps.map((x) => mb(Math.max(x.rssAfterTickMiB, x.rssAtReadyMiB))), 'MB', { ...below(200, '< 200 MB'), on: 'every repetition' });
    t.add('footprint', 'start-up: spawn to "connected to Discord"', p.reps.map((x) => x.startupToReadyMs), 'ms');
    if (p.liveDay) {
      t.add('footprint', `live day (once): ${formatNumber(p.liveDay.clicks)} answers through a bot, clicks/s`, [p.liveDay.clicksPerSecond], '/s');
      t.add('footprint', 'live day: VmRSS of that bot once idle', [mb(p.liveDay.rssIdleLowestMiB)], 'MB', below(200, '< 200 MB'));
    }
  }
  if (r.render?.length) renderRows(t, r.render);
  if (r.scale?.reps.length) scaleRows(t, r.scale);
  machineRows(t, r);
  return t;
}

/**
 * How much CPU other processes took while each benchmark ran (loadMeter's "other", in % of one core; the machine
 * has cpus x 100). Ratios hold up better than absolute figures, but a run with a lot of this is a noisy run.
 */
function machineRows(t: Summary, r: RunResults): void {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const label = (what: string) => `CPU of other processes during ${what}`;
  if (r.answerPath?.length) {
    t.add('machine', label('the answer path (mean of steps)'), r.answerPath.map((a) => {
      const steps = [a.warmup.bot, a.warmup.noop, a.main.bot, a.main.noop, ...a.search.bot.steps, ...a.search.noop.steps];
      if (!('skipped' in a.overload)) steps.push(a.overload);
      return mean(steps.map((s) => s.load.otherCpuPercent));
    }), '%');
  }
  if (r.store?.length) t.add('machine', label('the store'), r.store.map((s) => s.load.otherCpuPercent), '%');
  if (r.fanout?.length) t.add('machine', label('the fan-out'), r.fanout.map((f) => f.load.otherCpuPercent), '%');
}

function scaleRows(t: Summary, s: ScaleRun): void {
  const r = s.reps;
  const mb = (mib: number) => (mib * 2 ** 20) / 1e6;
  const size = `${formatNumber(s.guilds)} servers x ${s.membersPerGuild} members`;
  t.add('scale', `shards connected at the end (recommended: ${s.shards})`, r.map((x) => x.shards), '', exactly(s.shards, `= ${s.shards}`));
  t.add('scale', 'start-up: spawn to all shards ready and the commands registered', r.map((x) => x.startupSeconds), 's');
  t.add('scale', `start-up over the identify floor (${r[0]!.identifyFloorSeconds} s: one IDENTIFY per 5 s, before discord.js's jitter)`, r.map((x) => x.startupOverIdentifyFloor ?? NaN), 'x');
  t.add('scale', `VmRSS after ready, ${size}`, r.map((x) => mb(x.rssAtReadyMiB)), 'MB', below(400, '< 400 MB'));
  t.add('scale', `tick to the last of ${formatNumber(s.guilds)} posts, over the floor (${r[0]!.tick.floorSeconds} s at ${s.globalPerSecond}/s)`, r.map((x) => x.tick.ratioToFloor), 'x', atMost(1.2, '<= 1.2 x'));
  t.add('scale', 'tick: 429s on the global bucket', r.map((x) => x.tick.rateLimited.global), '', exactly(0));
  t.add('scale', 'tick: channels with exactly one post', r.map((x) => x.tick.channels.exactlyOne), '', exactly(s.guilds, `= ${formatNumber(s.guilds)}`));
  t.add('scale', 'tick: longest event-loop block of the bot, tick to last post', r.map((x) => x.tick.tickLongestBlockMs ?? NaN), 'ms', below(50, '< 50 ms'));
  t.add('scale', 'VmRSS after the tick', r.map((x) => mb(x.rssAfterTickMiB)), 'MB', below(400, '< 400 MB'));
  t.add('scale', `day: ${formatNumber(r[0]!.day.clicks)} answers through the bot, clicks/s`, r.map((x) => x.day.clicksPerSecond), '/s');
  t.add('scale', 'day: answers unanswered', r.map((x) => x.day.unanswered), '', exactly(0));
  t.add('scale', 'day: answers recorded - clicks', r.map((x) => x.day.answersRecorded - x.day.clicks), '', exactly(0));
  t.add('scale', 'day: VmRSS right after the answers', r.map((x) => mb(x.day.rssAfterClicksMiB)), 'MB', below(400, '< 400 MB'));
  t.add('scale', 'day: VmRSS once idle (lowest of 40 s)', r.map((x) => mb(x.day.rssIdleLowestMiB)), 'MB', below(400, '< 400 MB'));
  t.add('scale', 'day: peak VmRSS of the bot (VmHWM)', r.map((x) => mb(x.day.peakRssMiB)), 'MB');
}

function renderRows(t: Summary, r: RenderRep[]): void {
  for (const kind of r[0]!.kinds.map((k) => k.kind)) {
    const of = r.map((x) => x.kinds.find((k) => k.kind === kind)!);
    t.add('pictures', `${kind}: render p50 on one thread`, of.map((k) => k.directMs.p50), 'ms');
    t.add('pictures', `${kind}: render p99 on one thread`, of.map((k) => k.directMs.p99), 'ms');
    t.add('pictures', `${kind}: p50 over encoding a blank PNG of its size (reference)`, of.map((k) => k.ratioToBlankEncode), 'x');
    t.add('pictures', `${kind}: through the worker pool, p50`, of.map((k) => k.poolMs.p50), 'ms');
    t.add('pictures', `${kind}: through the worker pool, p99`, of.map((k) => k.poolMs.p99), 'ms');
    t.add('pictures', `${kind}: PNG size (${of[0]!.width} x ${of[0]!.height})`, of.map((k) => k.bytes / 1024), 'KB', below(1024, '< 1 MiB'));
  }
  const u = r.map((x) => x.underLoad);
  const c = u[0]!;
  t.add('pictures', `answer path p99 from schedule at ${formatNumber(c.clickRate)}/s, clicks alone (reference)`, u.map((x) => x.alone.p99), 'ms');
  t.add('pictures', `the same with ${formatNumber(c.cardsPerSecond)} /progress cards a second`, u.map((x) => x.withCards.p99), 'ms', below(50, '< 50 ms'));
  t.add('pictures', 'ratio with cards / alone', u.map((x) => x.p99Ratio), 'x');
  t.add('pictures', 'longest event-loop block of the bot while rendering', u.map((x) => x.withCards.botLongestBlockMs), 'ms', below(50, '< 50 ms'));
  t.add('pictures', 'clicks unanswered with cards', u.map((x) => x.withCards.unanswered), '', exactly(0));
  t.add('pictures', '/progress answered with a card, of those asked', u.map((x) => x.cards.withCard - x.cards.asked), '', exactly(0, '0 missing'));
  t.add('pictures', '/progress first callback p99', u.map((x) => x.cards.firstCallbackMs.p99), 'ms');
  t.add('pictures', '/progress acknowledged first (slow)', u.map((x) => x.cards.deferred));
}

function overloadRows(t: Summary, a: AnswerRep[]): void {
  const runs = a.map((x) => ('skipped' in x.overload ? null : x.overload));
  const o = runs.find((x) => x !== null);
  if (!o) return;
  const each = <T>(pick: (x: NonNullable<(typeof runs)[number]>) => T) => runs.map((x) => (x ? pick(x) : null)) as (number | null)[];
  const label = `${formatNumber(o.offeredRate / o.sustainedRate)} x the bot's sustained rate for ${o.plannedSeconds} s`;
  t.add('overload', `${label}: offered rate`, each((x) => x.offeredRate), '/s');
  t.add('overload', `${label}: rate sent`, each((x) => x.dispatchedPerSecond), '/s');
  t.add('overload', `${label}: answered after 3 s (late)`, each((x) => x.late), '', exactly(0));
  t.add('overload', `${label}: never answered`, each((x) => x.never));
  t.add('overload', `${label}: first callback deferred (5/6)`, each((x) => x.callbacks.deferred));
  t.add('overload', `${label}: first callback the answer`, each((x) => x.callbacks.full));
  t.add('overload', `${label}: first callback an error`, each((x) => x.callbacks.error));
  t.add('overload', `${label}: deferred, then no answer`, each((x) => x.deferredThen.nothing));
  t.add('overload', `${label}: answers recorded - members`, each((x) => (x.answersRecorded ?? NaN) - x.distinctMembers), '', exactly(0, '0 (each once)'));
}

/** Each repetition's search steps and overload run, one line each, under the table. */
export function printDetails(r: RunResults): void {
  if (!r.answerPath?.length) return;
  const cell = (s: Step) => `${formatNumber(s.offeredRate)}${s.sustained ? '' : '!'}:${formatNumber(s.latencyFromScheduleMs.p99)}${s.unanswered ? `/${s.unanswered}u` : ''}`;
  console.log('\nanswer path search, per repetition: rate/s:p99 ms from schedule[/unanswered u]; ! = not sustained');
  r.answerPath.forEach((a, i) => {
    console.log(`  rep ${i + 1} bot : ${a.search.bot.steps.map(cell).join('  ')}`);
    console.log(`  rep ${i + 1} noop: ${a.search.noop.steps.map(cell).join('  ')}`);
    if ('skipped' in a.overload) console.log(`  rep ${i + 1} overload skipped: ${a.overload.skipped}`);
    else {
      const o = a.overload;
      console.log(`  rep ${i + 1} overload ${formatNumber(o.offeredRate)}/s x ${o.plannedSeconds} s (sent ${formatNumber(o.dispatchedPerSecond)}/s): ${formatNumber(o.clicks)} clicks, ` +
        `${formatNumber(o.onTime)} on time (${o.callbacks.full} full, ${o.callbacks.deferred} deferred, ${o.callbacks.error} errors), ${o.late} late, ${o.never} never; ` +
        `p99 ${formatNumber(o.latencyFromScheduleMs.p99)} ms; recorded ${o.answersRecorded} of ${o.distinctMembers}; drained in ${o.drainMs ?? '> 60,000'} ms`);
    }
  });
}
