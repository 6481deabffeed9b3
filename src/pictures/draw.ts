import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { FONT_FAMILY, coveredText, registerFonts } from './fonts.js';
import { PICTURE_WIDTH, colours, layout } from './theme.js';

export type Context = SKRSContext2D;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A canvas of the picture width with the opaque rounded card already drawn. */
export function startCard(height: number): { canvas: Canvas; ctx: Context } {
  registerFonts();
  const canvas = createCanvas(PICTURE_WIDTH, Math.ceil(height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = colours.card;
  ctx.beginPath();
  ctx.roundRect(0, 0, PICTURE_WIDTH, canvas.height, layout.cardRadius);
  ctx.fill();
  return { canvas, ctx };
}

export function finishCard(canvas: Canvas): Buffer {
  return canvas.encodeSync('png');
}

export function setFont(ctx: Context, size: number, weight: 'regular' | 'bold' = 'regular'): void {
  ctx.font = `${weight === 'bold' ? 'bold ' : ''}${size}px ${FONT_FAMILY}`;
}

/** `text` made drawable and cut with an ellipsis so it fits `maxWidth` in the current font. */
export function fitText(ctx: Context, text: string, maxWidth: number): string {
  const drawable = coveredText(text);
  if (ctx.measureText(drawable).width <= maxWidth) return drawable;
  const chars = Array.from(drawable);
  let low = 0;
  let high = chars.length;
  // Binary search for the longest prefix that still fits with the ellipsis.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${chars.slice(0, mid).join('').trimEnd()}…`).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('').trimEnd()}…`;
}

/** Splits `text` into at most `maxLines` lines of `maxWidth`, the last one ellipsised if needed. */
export function wrapText(ctx: Context, text: string, maxWidth: number, maxLines: number): string[] {
  const words = coveredText(text).split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const candidate = line === '' ? words[i]! : `${line} ${words[i]}`;
    if (ctx.measureText(candidate).width <= maxWidth || line === '') {
      line = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      line = `${line} ${words.slice(i).join(' ')}`;
      break;
    }
    lines.push(fitText(ctx, line, maxWidth));
    line = words[i]!;
  }
  if (line !== '') lines.push(fitText(ctx, line, maxWidth));
  return lines;
}

export function drawText(
  ctx: Context,
  text: string,
  x: number,
  y: number,
  style: { size: number; weight?: 'regular' | 'bold'; colour: string; align?: 'left' | 'right' | 'center'; maxWidth?: number },
): void {
  setFont(ctx, style.size, style.weight);
  ctx.fillStyle = style.colour;
  ctx.textAlign = style.align ?? 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(style.maxWidth === undefined ? coveredText(text) : fitText(ctx, text, style.maxWidth), x, y);
}

export function fillRoundRect(ctx: Context, rect: Rect, radius: number, colour: string): void {
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.roundRect(rect.x, rect.y, rect.width, rect.height, Math.min(radius, rect.height / 2, rect.width / 2));
  ctx.fill();
}

/** A horizontal bar: the track across `rect`, filled from the left to `share` of its width. */
export function drawBar(ctx: Context, rect: Rect, share: number, fill: string): void {
  fillRoundRect(ctx, rect, rect.height / 2, colours.track);
  const width = Math.round(rect.width * clampShare(share));
  if (width > 0) fillRoundRect(ctx, { ...rect, width }, rect.height / 2, fill);
}

/** A check mark drawn as strokes, so it never depends on a glyph. */
export function drawCheck(ctx: Context, cx: number, cy: number, size: number, colour: string): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = Math.max(2, size / 5);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(cx - size * 0.4, cy);
  ctx.lineTo(cx - size * 0.1, cy + size * 0.3);
  ctx.lineTo(cx + size * 0.42, cy - size * 0.32);
  ctx.stroke();
}

export function clampShare(share: number): number {
  if (!Number.isFinite(share)) return 0;
  return Math.min(1, Math.max(0, share));
}

export function percent(share: number): string {
  return `${Math.round(clampShare(share) * 100)}%`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
