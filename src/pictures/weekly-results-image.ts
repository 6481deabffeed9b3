import { altPercent, limitAltText } from './alt-text.js';
import { drawBar, drawText, fillRoundRect, finishCard, formatCount, percent, plural, setFont, startCard, wrapText, type Rect } from './draw.js';
import { PICTURE_WIDTH, colours, layout } from './theme.js';
import type { WeeklyResultsData } from './types.js';

const CHART_TOP = 176;
const CHART_HEIGHT = 240;
const HARDEST_HEIGHT = 130;

export interface WeeklyResultsLayout {
  height: number;
  /** The plotting area; bars stand on its bottom edge. */
  chart: Rect;
  bars: { k: number; count: number; rect: Rect; fillColour: string }[];
  hardest: Rect;
}

export function weeklyResultsLayout(data: WeeklyResultsData): WeeklyResultsLayout {
  const chart = { x: layout.padding, y: CHART_TOP, width: PICTURE_WIDTH - 2 * layout.padding, height: CHART_HEIGHT };
  const columns = Math.max(1, data.questionCount + 1);
  const columnWidth = chart.width / columns;
  const barWidth = Math.round(Math.min(96, columnWidth * 0.68));
  const most = Math.max(1, ...data.scores);
  const bars = Array.from({ length: columns }, (_, k) => {
    const count = Math.max(0, data.scores[k] ?? 0);
    const height = Math.round((count / most) * chart.height);
    const x = Math.round(chart.x + columnWidth * (k + 0.5) - barWidth / 2);
    const perfect = k === data.questionCount && data.questionCount > 0;
    return { k, count, rect: { x, y: chart.y + chart.height - height, width: barWidth, height }, fillColour: perfect ? colours.completed : colours.accent };
  });
  const hardest = { x: layout.padding, y: chart.y + chart.height + 74, width: chart.width, height: HARDEST_HEIGHT };
  return { height: hardest.y + hardest.height + layout.padding, chart, bars, hardest };
}

export function renderWeeklyResults(data: WeeklyResultsData): Buffer {
  const geometry = weeklyResultsLayout(data);
  const { canvas, ctx } = startCard(geometry.height);
  const { chart } = geometry;
  const right = PICTURE_WIDTH - layout.padding;

  drawText(ctx, data.title, layout.padding, 80, { size: layout.titleSize, weight: 'bold', colour: colours.text, maxWidth: right - layout.padding });
  const summary = [plural(data.participants, 'participant'), plural(data.questionCount, 'question')];
  const average = averageScore(data);
  if (average !== null) summary.push(`average ${average.toFixed(1)} right`);
  drawText(ctx, summary.join(' · '), layout.padding, 112, { size: 18, colour: colours.muted });
  drawText(ctx, 'MEMBERS BY NUMBER OF CORRECT ANSWERS', layout.padding, CHART_TOP - 30, { size: 13, weight: 'bold', colour: colours.faint });

  for (const bar of geometry.bars) {
    if (bar.rect.height > 0) {
      fillRoundRect(ctx, { ...bar.rect, height: bar.rect.height + 6 }, 8, bar.fillColour);
    }
    const centre = bar.rect.x + bar.rect.width / 2;
    drawText(ctx, formatCount(bar.count), centre, bar.rect.y - 10, { size: 17, weight: 'bold', colour: bar.count === 0 ? colours.faint : colours.text, align: 'center' });
    drawText(ctx, String(bar.k), centre, chart.y + chart.height + 28, { size: 16, weight: 'bold', colour: colours.muted, align: 'center' });
  }
  // The axis covers the bars' rounded feet, so they stand on a flat line.
  ctx.fillStyle = colours.track;
  ctx.fillRect(chart.x, chart.y + chart.height, chart.width, 6);
  drawText(ctx, 'questions right', PICTURE_WIDTH / 2, chart.y + chart.height + 52, { size: 14, colour: colours.faint, align: 'center' });

  const panel = geometry.hardest;
  fillRoundRect(ctx, panel, 16, colours.panel);
  drawText(ctx, 'HARDEST QUESTION', panel.x + 22, panel.y + 32, { size: 13, weight: 'bold', colour: colours.muted });
  if (!data.hardest) {
    drawText(ctx, 'No answers this week', panel.x + 22, panel.y + 68, { size: 18, colour: colours.text });
  } else {
    setFont(ctx, 18, 'bold');
    const lines = wrapText(ctx, data.hardest.prompt, panel.width - 44, 2);
    lines.forEach((line, i) => drawText(ctx, line, panel.x + 22, panel.y + 62 + i * 24, { size: 18, weight: 'bold', colour: colours.text }));
    const share = data.hardest.correctShare;
    const label = `${percent(share)} answered correctly`;
    drawText(ctx, label, panel.x + panel.width - 22, panel.y + 32, { size: 15, weight: 'bold', colour: colours.threshold, align: 'right' });
    drawBar(ctx, { x: panel.x + 22, y: panel.y + panel.height - 34, width: panel.width - 44, height: 12 }, share, colours.threshold);
  }
  return finishCard(canvas);
}

function averageScore(data: WeeklyResultsData): number | null {
  const members = data.scores.reduce((sum, count) => sum + count, 0);
  if (members === 0) return null;
  return data.scores.reduce((sum, count, k) => sum + count * k, 0) / members;
}

export function describeWeeklyResults(data: WeeklyResultsData): string {
  const spread = data.scores.map((count, k) => `${count} got ${k}`).join(', ');
  const hardest = data.hardest
    ? ` Hardest question: "${data.hardest.prompt}", ${altPercent(data.hardest.correctShare)} answered correctly.`
    : '';
  return limitAltText(`${data.title}: ${plural(data.participants, 'participant')}, ${plural(data.questionCount, 'question')}; out of ${data.questionCount} right: ${spread}.${hardest}`);
}
