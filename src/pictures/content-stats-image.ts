import { altPercent, limitAltText } from './alt-text.js';
import { drawCheck, drawText, fillRoundRect, finishCard, formatCount, percent, plural, startCard, type Context, type Rect } from './draw.js';
import { PICTURE_WIDTH, colours, layout } from './theme.js';
import type { ContentStatsData, ContentStatsQuestion } from './types.js';

const LIST_TOP = 140;
const PANEL_GAP = 14;
const INSET = 20;
const BAR_TOP = 52;
const BAR_HEIGHT = 28;
const LEGEND_ROW = 26;

export interface OptionSegment {
  option: number;
  rect: Rect;
  colour: string;
}

export interface ContentStatsLayout {
  height: number;
  questions: { panel: Rect; bar: Rect; segments: OptionSegment[] }[];
}

/** The right answer is green; each wrong option gets its own warm shade, in option order. */
export function optionColours(question: ContentStatsQuestion): string[] {
  let wrong = 0;
  return question.options.map((option) => (option.correct ? colours.correct : colours.distractors[wrong++ % colours.distractors.length]!));
}

function legendRows(question: ContentStatsQuestion): number {
  return Math.ceil(question.options.length / 2);
}

export function contentStatsLayout(data: ContentStatsData): ContentStatsLayout {
  const width = PICTURE_WIDTH - 2 * layout.padding;
  let y = LIST_TOP;
  const questions = data.questions.map((question) => {
    const height = BAR_TOP + BAR_HEIGHT + 18 + legendRows(question) * LEGEND_ROW + 8;
    const panel = { x: layout.padding, y, width, height };
    const bar = { x: panel.x + INSET, y: panel.y + BAR_TOP, width: width - 2 * INSET, height: BAR_HEIGHT };
    y += height + PANEL_GAP;
    return { panel, bar, segments: stackSegments(question, bar) };
  });
  const bottom = data.questions.length === 0 ? LIST_TOP + 40 : y - PANEL_GAP;
  return { height: bottom + layout.padding, questions };
}

/** Splits the bar by how often each option was picked; options never picked get no segment. */
function stackSegments(question: ContentStatsQuestion, bar: Rect): OptionSegment[] {
  const total = question.options.reduce((sum, option) => sum + Math.max(0, option.picks), 0);
  if (total === 0) return [];
  const palette = optionColours(question);
  const segments: OptionSegment[] = [];
  let picksSoFar = 0;
  question.options.forEach((option, i) => {
    const picks = Math.max(0, option.picks);
    if (picks === 0) return;
    // Edges come from running totals so rounding never leaves a gap at the right end.
    const start = Math.round((picksSoFar / total) * bar.width);
    picksSoFar += picks;
    const end = Math.round((picksSoFar / total) * bar.width);
    segments.push({ option: i, rect: { x: bar.x + start, y: bar.y, width: end - start, height: bar.height }, colour: palette[i]! });
  });
  return segments;
}

const letter = (i: number): string => String.fromCharCode(65 + i);

export function renderContentStats(data: ContentStatsData): Buffer {
  const geometry = contentStatsLayout(data);
  const { canvas, ctx } = startCard(geometry.height);
  const right = PICTURE_WIDTH - layout.padding;
  drawText(ctx, data.title, layout.padding, 80, { size: layout.titleSize, weight: 'bold', colour: colours.text, maxWidth: right - layout.padding });
  drawText(ctx, `${plural(data.questions.length, 'question')} · how often each option was picked; green is the right answer`, layout.padding, 112, {
    size: 17, colour: colours.muted, maxWidth: right - layout.padding,
  });
  if (data.questions.length === 0) drawText(ctx, 'No questions yet', layout.padding, LIST_TOP + 30, { size: 18, colour: colours.muted });
  data.questions.forEach((question, i) => drawQuestion(ctx, question, i, geometry.questions[i]!));
  return finishCard(canvas);
}

function drawQuestion(ctx: Context, question: ContentStatsQuestion, index: number, place: ContentStatsLayout['questions'][number]): void {
  const { panel, bar } = place;
  fillRoundRect(ctx, panel, 14, colours.panel);
  const summary = question.answered === 0 ? 'no answers yet' : `${plural(question.answered, 'answer')} · ${question.accuracy === null ? '–' : percent(question.accuracy)} correct`;
  drawText(ctx, summary, panel.x + panel.width - INSET, panel.y + 34, { size: 15, weight: 'bold', colour: accuracyColour(question.accuracy), align: 'right' });
  const summaryWidth = ctx.measureText(summary).width;
  drawText(ctx, `Q${index + 1}`, panel.x + INSET, panel.y + 34, { size: 16, weight: 'bold', colour: colours.faint });
  drawText(ctx, question.label, panel.x + INSET + 46, panel.y + 34, { size: 17, weight: 'bold', colour: colours.text, maxWidth: panel.width - 2 * INSET - 70 - summaryWidth });

  fillRoundRect(ctx, bar, 8, colours.track);
  const total = question.options.reduce((sum, option) => sum + Math.max(0, option.picks), 0);
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(bar.x, bar.y, bar.width, bar.height, 8);
  ctx.clip();
  for (const segment of place.segments) {
    ctx.fillStyle = segment.colour;
    ctx.fillRect(segment.rect.x, segment.rect.y, segment.rect.width, segment.rect.height);
    // A thin seam keeps neighbouring shades apart.
    ctx.fillStyle = colours.panel;
    if (segment.rect.x > bar.x) ctx.fillRect(segment.rect.x - 1, bar.y, 2, bar.height);
    const share = question.options[segment.option]!.picks / total;
    const text = segment.rect.width >= 72 ? `${letter(segment.option)} ${percent(share)}` : segment.rect.width >= 22 ? letter(segment.option) : '';
    if (text) drawText(ctx, text, segment.rect.x + segment.rect.width / 2, bar.y + 19, { size: 14, weight: 'bold', colour: colours.card, align: 'center' });
  }
  ctx.restore();
  if (total === 0) drawText(ctx, 'no picks yet', bar.x + 12, bar.y + 19, { size: 14, colour: colours.muted });

  const palette = optionColours(question);
  const columnWidth = (bar.width - 24) / 2;
  question.options.forEach((option, i) => {
    const x = bar.x + (i % 2) * (columnWidth + 24);
    const y = bar.y + bar.height + 18 + Math.floor(i / 2) * LEGEND_ROW;
    fillRoundRect(ctx, { x, y: y + 2, width: 14, height: 14 }, 4, palette[i]!);
    if (option.correct) drawCheck(ctx, x + 7, y + 9, 10, colours.card);
    const count = total === 0 ? '0' : `${formatCount(option.picks)} · ${percent(option.picks / total)}`;
    drawText(ctx, count, x + columnWidth, y + 14, { size: 14, colour: colours.muted, align: 'right' });
    const countWidth = ctx.measureText(count).width;
    drawText(ctx, letter(i), x + 22, y + 14, { size: 14, weight: 'bold', colour: colours.text });
    drawText(ctx, option.text, x + 40, y + 14, { size: 14, colour: option.correct ? colours.text : colours.muted, maxWidth: columnWidth - 52 - countWidth });
  });
}

function accuracyColour(accuracy: number | null): string {
  if (accuracy === null) return colours.faint;
  return accuracy < 0.5 ? colours.distractors[0] : accuracy < 0.75 ? colours.threshold : colours.completed;
}

export function describeContentStats(data: ContentStatsData): string {
  const questions = data.questions.map((question, i) => {
    const accuracy = question.accuracy === null ? 'no answers' : `${altPercent(question.accuracy)} correct of ${question.answered}`;
    const picks = question.options.map((option, j) => `${letter(j)}${option.correct ? ' (right)' : ''} ${option.picks}`).join(', ');
    return `Q${i + 1} ${question.label}: ${accuracy}; picks ${picks}`;
  });
  return limitAltText(`${data.title}. ${questions.join('. ') || 'No questions.'}`);
}
