import { afterEach, describe, expect, it } from 'vitest';
import { createPicturePool, renderPicture, type Picture, type PicturePool } from '../../src/pictures/index.js';
import { sampleContentStats, sampleProgress, sampleRoadmap } from '../../src/pictures/samples.js';

const card: Picture = { kind: 'progress', data: sampleProgress };
const heavy: Picture = {
  kind: 'content-stats',
  data: { title: 'Ten questions', questions: Array.from({ length: 10 }, (_, i) => ({ ...sampleContentStats.questions[i % 4]!, label: `Question ${i + 1}` })) },
};

let pool: PicturePool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** Runs `work` while a 1 ms interval ticks on this thread; returns the longest gap between ticks. */
async function longestTickGap(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await new Promise((resolve) => setTimeout(resolve, 5));
    last = performance.now();
    await work();
    // One more tick after the work, so a stall at its very end is measured too.
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    clearInterval(timer);
  }
  return longest;
}

describe('picture pool', () => {
  it('renders the same bytes as a direct render', async () => {
    pool = createPicturePool({ size: 1 });
    expect((await pool.render(card)).equals(renderPicture(card))).toBe(true);
  });

  it('queues more jobs than workers and resolves them all, in any order', async () => {
    pool = createPicturePool({ size: 2 });
    expect(pool.size).toBe(2);
    const pictures: Picture[] = Array.from({ length: 7 }, (_, i) => ({ kind: 'roadmap', data: { ...sampleRoadmap, title: `Roadmap ${i}` } }));
    const results = await Promise.all(pictures.map((picture) => pool!.render(picture)));
    results.forEach((png, i) => expect(png.equals(renderPicture(pictures[i]!))).toBe(true));
  });

  it('rejects a picture that fails to render and keeps working', async () => {
    pool = createPicturePool({ size: 1 });
    await expect(pool.render({ kind: 'sculpture' } as unknown as Picture)).rejects.toThrow(/Unknown picture kind/);
    expect((await pool.render(card)).length).toBeGreaterThan(1000);
  });

  it('rejects the job of a worker that crashes, replaces the worker and never hangs', async () => {
    pool = createPicturePool({ size: 1, entry: new URL('./fixtures/crashing-worker.ts', import.meta.url) });
    const crash = pool.render({ kind: 'roadmap', data: { ...sampleRoadmap, title: 'crash' } });
    const after = pool.render(card);
    await expect(crash).rejects.toThrow(/worker blew up/);
    expect((await after).equals(renderPicture(card))).toBe(true);
  });

  it('rejects queued work on close and refuses new work after it', async () => {
    pool = createPicturePool({ size: 1 });
    const outcomes = Promise.allSettled([pool.render(card), pool.render(card), pool.render(card)]);
    await pool.close();
    expect((await outcomes).filter((outcome) => outcome.status === 'rejected').length).toBeGreaterThanOrEqual(2);
    await expect(pool.render(card)).rejects.toThrow(/closed/);
  });

  it('keeps the main event loop responsive while it renders', async () => {
    pool = createPicturePool({ size: 2 });
    await Promise.all([pool.render(heavy), pool.render(heavy)]); // both workers started and warm

    renderPicture(heavy);
    const started = performance.now();
    renderPicture(heavy);
    const oneDirectRender = performance.now() - started;

    const poolGap = await longestTickGap(() => Promise.all(Array.from({ length: 10 }, () => pool!.render(heavy))));
    const directGap = await longestTickGap(async () => {
      for (let i = 0; i < 3; i++) renderPicture(heavy);
    });
    // Rendering on this thread would stall the ticks for at least one render; the pool must not.
    expect(directGap).toBeGreaterThan(oneDirectRender * 0.8);
    expect(poolGap).toBeLessThan(oneDirectRender / 2);
  });
});
