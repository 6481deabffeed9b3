import { describe, expect, it } from 'vitest';
import { describePicture, renderPicture, type WeeklyResultsData } from '../../src/pictures/index.js';
import { sampleWeeklyResults } from '../../src/pictures/samples.js';
import { weeklyResultsLayout } from '../../src/pictures/weekly-results-image.js';
import { countInColumn, decode } from './png.js';

function barHeights(data: WeeklyResultsData): number[] {
  const image = decode(renderPicture({ kind: 'weekly-results', data }));
  const { chart, bars } = weeklyResultsLayout(data);
  return bars.map((bar) => countInColumn(image, bar.rect.x + bar.rect.width / 2, chart.y, chart.y + chart.height, bar.fillColour));
}

describe('weekly results', () => {
  it('draws bars as tall as the number of members with each score', () => {
    const heights = barHeights(sampleWeeklyResults);
    const most = Math.max(...sampleWeeklyResults.scores);
    const { chart } = weeklyResultsLayout(sampleWeeklyResults);
    heights.forEach((height, k) => {
      expect(Math.abs(height - (sampleWeeklyResults.scores[k]! / most) * chart.height), `score ${k}`).toBeLessThanOrEqual(2);
    });
  });

  it('orders the bars as the scores, with no bar for a score nobody got', () => {
    const data = { ...sampleWeeklyResults, questionCount: 4, scores: [0, 5, 2, 8, 1] };
    const heights = barHeights(data);
    expect(heights[0]).toBe(0);
    const byHeight = [0, 1, 2, 3, 4].sort((a, b) => heights[a]! - heights[b]!);
    const byScore = [0, 1, 2, 3, 4].sort((a, b) => data.scores[a]! - data.scores[b]!);
    expect(byHeight).toEqual(byScore);
  });

  it('states the spread and the hardest question in the alt text', () => {
    const alt = describePicture({ kind: 'weekly-results', data: sampleWeeklyResults });
    expect(alt).toContain('30 participants, 5 questions');
    expect(alt).toContain('9 got 3');
    expect(alt).toContain('27% answered correctly');
  });

  it('draws a week nobody answered', () => {
    const data = { title: 'Quiet week', questionCount: 3, scores: [0, 0, 0, 0], participants: 0, hardest: null };
    expect(barHeights(data)).toEqual([0, 0, 0, 0]);
  });
});
