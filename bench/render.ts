import { createCanvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import { createPicturePool, renderPicture } from '../src/pictures/index.js';
import { samplePictures } from '../src/pictures/samples.js';
import { longestStall, stopQuietly } from './bot.js';
import { measureStep } from './steps.js';
import { distribution, round, sleep } from './stats.js';
import { assertClickable, startBotTarget, type BotTarget } from './targets.js';

const PICTURES = samplePictures;

export interface RenderOptions {
  /** Renders of each kind, for its distribution. */
  renders: number;
  /** Clicks per second on the daily post, with and without the cards. */
  clickRate: number;
  seconds: number;
  /** /progress commands per second during the loaded step. */
  cardsPerSecond: number;
}

const ms = (samples: number[]) => {
  const d = distribution(samples);
  return { p50: round(d.p50), p99: round(d.p99), max: round(d.max) };
};

/**
 * Render time of each kind, on this thread and through a worker pool like the bot's, against the cost of encoding a
 * blank PNG of the same size (the floor no picture can beat, measured in the same run); then the bot's answer path
 * at `clickRate` alone and while members ask for `cardsPerSecond` progress cards.
 */
export async function benchRender(options: RenderOptions) {
  const kinds = [];
  const pool = createPicturePool();
  try {
    await pool.render(PICTURES[0]!); // the worker's start-up is not a render
    for (const picture of PICTURES) {
      const direct: number[] = [];
      const pooled: number[] = [];
      const blank: number[] = [];
      let bytes = 0;
      let size = { width: 0, height: 0 };
      for (let i = 0; i < options.renders; i++) {
        let t = performance.now();
        const png = renderPicture(picture);
        direct.push(performance.now() - t);
        bytes = png.length;
        if (i === 0) {
          const decoded = PNG.sync.read(png);
          size = { width: decoded.width, height: decoded.height };
        }
        t = performance.now();
        createCanvas(size.width, size.height).toBuffer('image/png');
        blank.push(performance.now() - t);
        t = performance.now();
        await pool.render(picture);
        pooled.push(performance.now() - t);
      }
      const d = ms(direct);
      const b = ms(blank);
      kinds.push({ kind: picture.kind, ...size, bytes, directMs: d, poolMs: ms(pooled), blankEncodeMs: b, ratioToBlankEncode: round(d.p50 / b.p50, 2) });
    }
  } finally {
    await pool.close();
  }
  console.error(`  render: ${kinds.map((k) => `${k.kind} p50 ${k.directMs.p50} p99 ${k.directMs.p99} ms (pool ${k.poolMs.p50}/${k.poolMs.p99}), ${Math.round(k.bytes / 1024)} KB`).join('; ')}`);
  return { kinds, underLoad: await answerPathUnderCards(options) };
}

async function answerPathUnderCards(options: RenderOptions) {
  let bot: BotTarget | undefined;
  try {
    bot = await startBotTarget();
    const b = bot;
    const clicks = Math.round(options.clickRate * options.seconds);
    const step = async (label: string) => {
      const post = await b.freshPost();
      assertClickable(b.discord, post);
      return measureStep(b, { label, message: post, users: b.group.members(clicks), rate: options.clickRate });
    };
    await step('warm-up');
    const alone = await step('clicks alone');
    // The cards come while the clicks do, and stop with them (the step then waits for the bot to go quiet).
    const cards = startCards(b, options.cardsPerSecond, options.seconds * 1000);
    const stallsFrom = Date.now();
    const loaded = await step(`clicks with ${options.cardsPerSecond} /progress a second`);
    const stallsTo = Date.now();
    const asked = await cards.stop();
    const probe = await b.process.probe();
    return {
      clickRate: options.clickRate,
      seconds: options.seconds,
      alone: { p99: alone.latencyFromScheduleMs.p99, unanswered: alone.unanswered },
      withCards: { p99: loaded.latencyFromScheduleMs.p99, unanswered: loaded.unanswered, botLongestBlockMs: longestStall(probe, stallsFrom, stallsTo) },
      p99Ratio: alone.latencyFromScheduleMs.p99 > 0 ? round(loaded.latencyFromScheduleMs.p99 / alone.latencyFromScheduleMs.p99, 2) : null,
      cardsPerSecond: options.cardsPerSecond,
      cards: asked,
    };
  } finally {
    bot?.close();
    await stopQuietly(bot?.process, bot?.discord, bot?.space);
  }
}

/** Members asking for their progress card at a steady rate for a while; stop() waits for every card and tallies them. */
function startCards(bot: BotTarget, perSecond: number, forMs: number) {
  const members = bot.group.members(200);
  const pending: Promise<{ firstMs: number; deferred: boolean; withCard: boolean }>[] = [];
  let n = 0;
  const timer = setInterval(() => {
    const userId = members[n++ % members.length]!;
    const sent = performance.now();
    const handle = bot.discord.slashCommand({ channelId: bot.group.channelId, userId, name: 'progress' });
    pending.push((async () => {
      const first = await handle.response;
      const firstMs = performance.now() - sent;
      const final = first.type === 5 ? await handle.waitForEdit(1, 15_000) : handle.original();
      return { firstMs, deferred: first.type === 5, withCard: (final?.attachments ?? []).some((a) => a.filename === 'progress.png') };
    })());
  }, 1000 / perSecond);
  const end = setTimeout(() => clearInterval(timer), forMs);
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(end);
      const settled = await Promise.allSettled(pending);
      await sleep(10);
      const done = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      return {
        asked: pending.length,
        answered: done.length,
        withCard: done.filter((d) => d.withCard).length,
        deferred: done.filter((d) => d.deferred).length,
        firstCallbackMs: ms(done.map((d) => d.firstMs)),
      };
    },
  };
}
