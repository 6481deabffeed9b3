import { describe, expect, it } from 'vitest';
import { contentStatsLayout } from '../../src/pictures/content-stats-image.js';
import { describePicture, renderPicture } from '../../src/pictures/index.js';
import { roadmapLayout } from '../../src/pictures/roadmap-image.js';
import { sampleContentStats, sampleRoadmap } from '../../src/pictures/samples.js';
import { colours } from '../../src/pictures/theme.js';
import { countInRow, decode } from './png.js';

describe('roadmap', () => {
  const image = decode(renderPicture({ kind: 'roadmap', data: sampleRoadmap }));
  const geometry = roadmapLayout(sampleRoadmap);

  it('highlights the current stage and no other', () => {
    const highlightRow = (y: number) => countInRow(image, y, 200, 600, colours.highlight);
    geometry.nodes.forEach((node, i) => {
      // Below the title's baseline, where the row's background shows.
      if (i === sampleRoadmap.currentIndex) expect(highlightRow(node.cy + 16)).toBeGreaterThan(300);
      else expect(highlightRow(node.cy + 16)).toBe(0);
    });
  });

  it('fills done stages green and leaves the rest unfilled', () => {
    sampleRoadmap.stages.forEach((stage, i) => {
      const node = geometry.nodes[i]!;
      // A point inside the node, away from its check mark or number.
      const green = image.is(node.cx - 12, node.cy + 4, colours.completed);
      expect(green, stage.title).toBe(stage.state === 'done');
    });
  });

  it('names each stage and its state in the alt text', () => {
    const alt = describePicture({ kind: 'roadmap', data: sampleRoadmap });
    expect(alt).toContain('current stage: Computer science fundamentals');
    expect(alt).toContain('1. What a machine learning engineer does (done)');
    expect(alt).toContain('4. Computer science fundamentals (in progress 55%)');
    expect(alt).toContain('10. Monitoring and ethics (not started)');
  });
});

describe('content statistics', () => {
  const image = decode(renderPicture({ kind: 'content-stats', data: sampleContentStats }));
  const geometry = contentStatsLayout(sampleContentStats);

  it('splits each question bar by how often each option was picked, the right one green', () => {
    sampleContentStats.questions.forEach((question, q) => {
      const { bar, segments } = geometry.questions[q]!;
      const total = question.options.reduce((sum, option) => sum + option.picks, 0);
      for (const segment of segments) {
        const option = question.options[segment.option]!;
        expect(segment.colour === colours.correct).toBe(option.correct);
        // Sampled near the bar's top edge, above the letter labels.
        const seen = countInRow(image, bar.y + 4, segment.rect.x, segment.rect.x + segment.rect.width, segment.colour);
        expect(Math.abs(seen - (option.picks / total) * bar.width), `Q${q + 1} option ${segment.option}`).toBeLessThanOrEqual(12);
      }
    });
  });

  it('gives each distractor of a question its own shade', () => {
    for (const { segments } of geometry.questions) {
      const wrong = segments.filter((segment) => segment.colour !== colours.correct).map((segment) => segment.colour);
      expect(new Set(wrong).size).toBe(wrong.length);
    }
  });

  it('leaves the bar empty for a question nobody answered', () => {
    expect(geometry.questions[4]!.segments).toEqual([]);
  });

  it('states accuracy and picks per option in the alt text', () => {
    const alt = describePicture({ kind: 'content-stats', data: sampleContentStats });
    expect(alt).toContain('Q2 Which metric suits imbalanced classes?: 27% correct of 44; picks A 21, B (right) 12, C 4, D 7');
  });
});
