import {
  clampShare, drawBar, drawCheck, drawText, fillRoundRect, finishCard, formatCount, percent, plural, startCard,
  type Context, type Rect,
} from './draw.js';
import { altPercent, limitAltText } from './alt-text.js';
import { drawableName } from './fonts.js';
import { PICTURE_WIDTH, colours, layout } from './theme.js';
import type { ProgressCardData } from './types.js';

const TILE_TOP = 128;
const TILE_HEIGHT = 104;
const STAGES_TOP = 300;
const STAGE_ROW = 56;
const BAR_OFFSET = 30;
const BAR_HEIGHT = 14;

export interface StageBarGeometry {
  /** The whole track; the fill starts at its left edge. */
  rect: Rect;
  fillWidth: number;
  fillColour: string;
  tickX: number;
  completed: boolean;
}

export interface ProgressCardLayout {
  height: number;
  /** What the card shows as the member's name: the display name, or the username when the font lacks it. */
  name: string;
  bars: StageBarGeometry[];
}

/** Where everything on the card goes, so the renderer and its tests agree on positions. */
export function progressCardLayout(data: ProgressCardData): ProgressCardLayout {
  const width = PICTURE_WIDTH - 2 * layout.padding;
  const bars = data.stages.map((stage, i): StageBarGeometry => {
    const rect = { x: layout.padding, y: STAGES_TOP + i * STAGE_ROW + BAR_OFFSET, width, height: BAR_HEIGHT };
    return {
      rect,
      fillWidth: Math.round(width * clampShare(stage.share)),
      fillColour: stage.completed ? colours.completed : colours.accent,
      tickX: rect.x + Math.round(width * clampShare(stage.threshold)),
      completed: stage.completed,
    };
  });
  const stageRows = Math.max(1, data.stages.length);
  return {
    height: STAGES_TOP + stageRows * STAGE_ROW + layout.padding - 16,
    name: drawableName(data.displayName, data.username),
    bars,
  };
}

export function renderProgressCard(data: ProgressCardData): Buffer {
  const geometry = progressCardLayout(data);
  const { canvas, ctx } = startCard(geometry.height);
  const left = layout.padding;
  const right = PICTURE_WIDTH - layout.padding;

  drawText(ctx, geometry.name, left, 80, { size: 36, weight: 'bold', colour: colours.text, maxWidth: right - left - 160 });
  drawText(ctx, `@${data.username}`, left, 108, { size: 18, colour: colours.muted, maxWidth: right - left - 160 });
  drawText(ctx, 'PROGRESS', right, 80, { size: 15, weight: 'bold', colour: colours.faint, align: 'right' });

  const accuracy = data.accuracy === null ? '–' : percent(data.accuracy);
  const answered = `of ${formatCount(data.answered)} answered`;
  drawTiles(ctx, [
    { label: 'XP', value: formatCount(data.xp), note: 'experience points' },
    { label: 'Accuracy', value: accuracy, note: answered },
    { label: 'Streak', value: plural(data.streak, 'day'), note: `best ${formatCount(data.bestStreak)}` },
    { label: 'Reviews due', value: formatCount(data.reviewsDue), note: data.reviewsDue === 0 ? 'all caught up' : 'ready to review' },
  ]);

  drawText(ctx, 'Stages', left, STAGES_TOP - 14, { size: 20, weight: 'bold', colour: colours.text });
  drawThresholdLegend(ctx, right, STAGES_TOP - 14);
  if (data.stages.length === 0) {
    drawText(ctx, 'No stages yet', left, STAGES_TOP + 30, { size: 17, colour: colours.muted });
  }
  data.stages.forEach((stage, i) => {
    const bar = geometry.bars[i]!;
    const baseline = bar.rect.y - 10;
    const shareLabel = percent(stage.share);
    drawText(ctx, shareLabel, right, baseline, { size: 17, weight: 'bold', colour: stage.completed ? colours.completed : colours.text, align: 'right' });
    const labelWidth = ctx.measureText(shareLabel).width;
    if (stage.completed) drawCompletedMark(ctx, right - labelWidth - 16, baseline - 6);
    drawText(ctx, stage.title, left, baseline, { size: 17, colour: colours.text, maxWidth: right - left - 140 });
    drawBar(ctx, bar.rect, stage.share, bar.fillColour);
    drawTick(ctx, bar.tickX, bar.rect);
  });
  return finishCard(canvas);
}

function drawTiles(ctx: Context, tiles: { label: string; value: string; note: string }[]): void {
  const gap = 16;
  const width = (PICTURE_WIDTH - 2 * layout.padding - gap * (tiles.length - 1)) / tiles.length;
  tiles.forEach((tile, i) => {
    const x = layout.padding + i * (width + gap);
    fillRoundRect(ctx, { x, y: TILE_TOP, width, height: TILE_HEIGHT }, 14, colours.panel);
    drawText(ctx, tile.label.toUpperCase(), x + 18, TILE_TOP + 30, { size: 13, weight: 'bold', colour: colours.muted, maxWidth: width - 36 });
    drawText(ctx, tile.value, x + 18, TILE_TOP + 68, { size: 30, weight: 'bold', colour: colours.text, maxWidth: width - 36 });
    drawText(ctx, tile.note, x + 18, TILE_TOP + 90, { size: 14, colour: colours.muted, maxWidth: width - 36 });
  });
}

function drawTick(ctx: Context, x: number, bar: Rect): void {
  ctx.fillStyle = colours.threshold;
  ctx.fillRect(x - 1.5, bar.y - 5, 3, bar.height + 10);
}

function drawThresholdLegend(ctx: Context, right: number, baseline: number): void {
  const text = 'needed to complete';
  drawText(ctx, text, right, baseline, { size: 14, colour: colours.muted, align: 'right' });
  const x = right - ctx.measureText(text).width - 12;
  ctx.fillStyle = colours.threshold;
  ctx.fillRect(x - 1.5, baseline - 15, 3, 18);
}

function drawCompletedMark(ctx: Context, cx: number, cy: number): void {
  ctx.fillStyle = colours.completed;
  ctx.beginPath();
  ctx.arc(cx, cy, 9, 0, Math.PI * 2);
  ctx.fill();
  drawCheck(ctx, cx, cy, 11, colours.card);
}

/** Alt text: the member's real display name (screen readers are not limited by the font). */
export function describeProgressCard(data: ProgressCardData): string {
  const accuracy = data.accuracy === null ? 'no answers yet' : `${altPercent(data.accuracy)} accuracy over ${data.answered} answers`;
  const stages = data.stages
    .map((stage) => `${stage.title} ${altPercent(stage.share)}${stage.completed ? ' (completed)' : ` (needs ${altPercent(stage.threshold)})`}`)
    .join(', ');
  return limitAltText(
    `Progress card for ${data.displayName}: ${data.xp} XP, ${accuracy}, streak ${data.streak} (best ${data.bestStreak}), ` +
      `${data.reviewsDue} reviews due; stages: ${stages || 'none'}`,
  );
}
