import { describe, expect, it } from 'vitest';
import { describePicture, PICTURE_WIDTH, renderPicture, type Picture } from '../../src/pictures/index.js';
import { sampleContentStats, sampleLeaderboard, samplePictures, sampleProgress, sampleRoadmap, sampleWeeklyResults } from '../../src/pictures/samples.js';
import { decode } from './png.js';

const realistic = samplePictures;

const long = (base: string) => `${base} ${'with a great deal more text than fits on one line '.repeat(4)}`;
const largest: Picture[] = [
  {
    kind: 'progress',
    data: {
      ...sampleProgress, displayName: long('Maximilian Alexander'), username: 'a'.repeat(32), xp: 9_999_999,
      stages: Array.from({ length: 10 }, (_, i) => ({ title: long(`Stage ${i} 🚀`), share: i / 9, threshold: 0.75, completed: i > 6 })),
    },
  },
  {
    kind: 'roadmap',
    data: { title: long('Roadmap'), currentIndex: 9, stages: Array.from({ length: 10 }, (_, i) => ({ title: long(`Stage ${i}`), state: 'in-progress', share: i / 10 })) },
  },
  {
    kind: 'leaderboard',
    data: { title: long('Board'), rows: [...sampleLeaderboard.rows.map((row) => ({ ...row, name: long(row.name), username: long(row.username) })), { ...sampleLeaderboard.rows[0]!, rank: 1234, isMe: true }] },
  },
  { kind: 'weekly-results', data: { ...sampleWeeklyResults, questionCount: 20, scores: Array.from({ length: 21 }, (_, k) => k * 3), hardest: { prompt: long('Which'), correctShare: 0.01 } } },
  {
    kind: 'content-stats',
    data: {
      title: long('Statistics'),
      questions: Array.from({ length: 10 }, (_, q) => ({
        label: long(`Question ${q}`), answered: 400, accuracy: 0.4,
        options: Array.from({ length: 4 }, (_, o) => ({ text: long(`Option ${o}`), picks: 100 + o * q, correct: o === q % 4 })),
      })),
    },
  },
];

describe('picture sizes', () => {
  it.each(realistic.map((picture) => [picture.kind, picture] as const))('a realistic %s is 960 wide, of sensible height, under 200 KB', (_, picture) => {
    const png = renderPicture(picture);
    const image = decode(png);
    expect(image.width).toBe(PICTURE_WIDTH);
    expect(image.height).toBeGreaterThan(300);
    expect(image.height).toBeLessThan(1400);
    expect(png.length).toBeLessThan(200 * 1024);
  });

  it.each(largest.map((picture) => [picture.kind, picture] as const))('the largest %s stays under 1 MiB, with alt text within 1024 characters', (_, picture) => {
    const png = renderPicture(picture);
    const image = decode(png);
    expect(image.width).toBe(PICTURE_WIDTH);
    expect(image.height).toBeLessThan(2000);
    expect(png.length).toBeLessThan(1024 * 1024);
    expect(describePicture(picture).length).toBeLessThanOrEqual(1024);
  });

  it('has an opaque card where Discord shows it, so either theme reads the same', () => {
    const image = decode(renderPicture(realistic[0]!));
    expect(image.colourAt(image.width / 2, 4)[3]).toBe(255);
    expect(image.colourAt(4, image.height / 2)[3]).toBe(255);
  });
});
