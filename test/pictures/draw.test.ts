import { describe, expect, it } from 'vitest';
import { fitText, setFont, startCard, wrapText } from '../../src/pictures/draw.js';

describe('text fitting', () => {
  const { ctx } = startCard(100);
  setFont(ctx, 18);

  it('keeps text that fits and cuts the rest with an ellipsis inside the width', () => {
    expect(fitText(ctx, 'Modelling', 300)).toBe('Modelling');
    const cut = fitText(ctx, 'Evaluation and generalisation of models trained on tabular data', 200);
    expect(cut.endsWith('…')).toBe(true);
    expect(ctx.measureText(cut).width).toBeLessThanOrEqual(200);
  });

  it('wraps to at most the given lines, none wider than allowed, even for one very long word', () => {
    const lines = wrapText(ctx, `${'x'.repeat(200)} which metric is least affected by class imbalance when comparing classifiers`, 240, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(240);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });
});
