import { describe, expect, it } from 'vitest';
import { describePicture, renderPicture, type ProgressCardData } from '../../src/pictures/index.js';
import { progressCardLayout } from '../../src/pictures/progress-card.js';
import { sampleProgress } from '../../src/pictures/samples.js';
import { colours } from '../../src/pictures/theme.js';
import { countInRow, decode } from './png.js';

const shares = [0, 0.25, 0.5, 0.69, 0.8, 1];
const data: ProgressCardData = {
  ...sampleProgress,
  stages: shares.map((share, i) => ({ title: `Stage ${i + 1}`, share, threshold: 0.7, completed: share >= 0.7 })),
};

describe('progress card', () => {
  const image = decode(renderPicture({ kind: 'progress', data }));
  const { bars } = progressCardLayout(data);

  it('fills each stage bar as far as the share of questions answered correctly', () => {
    bars.forEach((bar, i) => {
      const row = bar.rect.y + bar.rect.height / 2;
      const filled = countInRow(image, row, bar.rect.x, bar.rect.x + bar.rect.width, bar.fillColour);
      // The threshold tick is drawn over the fill and hides a few of its pixels.
      expect(Math.abs(filled - shares[i]! * bar.rect.width), `stage ${i + 1}: ${filled}px`).toBeLessThanOrEqual(6);
    });
  });

  it('draws completed stages in the completed colour and the others not', () => {
    bars.forEach((bar, i) => {
      const row = bar.rect.y + bar.rect.height / 2;
      const green = countInRow(image, row, bar.rect.x, bar.rect.x + bar.rect.width, colours.completed);
      if (shares[i]! >= 0.7) expect(green, `stage ${i + 1}`).toBeGreaterThan(bar.rect.width * 0.6);
      else expect(green, `stage ${i + 1}`).toBe(0);
    });
  });

  it('marks the threshold on every bar, also on an empty one', () => {
    for (const bar of bars) {
      const above = bar.rect.y - 3;
      expect(countInRow(image, above, bar.tickX - 4, bar.tickX + 4, colours.threshold)).toBeGreaterThan(0);
      expect(bar.tickX).toBe(bar.rect.x + Math.round(0.7 * bar.rect.width));
    }
  });

  it('is as tall as its stages need and says what it shows in the alt text', () => {
    expect(image.height).toBe(progressCardLayout(data).height);
    const alt = describePicture({ kind: 'progress', data: sampleProgress });
    expect(alt).toContain('Progress card for Ada Lovelace: 1340 XP, 72% accuracy');
    expect(alt).toContain('streak 3 (best 9), 4 reviews due');
    expect(alt).toContain('What a machine learning engineer does 100% (completed)');
    expect(alt).toContain('Modelling 12% (needs 70%)');
  });

  it('shows a dash for accuracy before the first answer, without failing', () => {
    const fresh = { ...data, accuracy: null, answered: 0, stages: [] };
    expect(decode(renderPicture({ kind: 'progress', data: fresh })).width).toBe(960);
    expect(describePicture({ kind: 'progress', data: fresh })).toContain('no answers yet');
  });
});
