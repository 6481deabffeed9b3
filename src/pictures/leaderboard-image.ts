import { altPercent, limitAltText } from './alt-text.js';
import { drawText, fillRoundRect, fitText, finishCard, formatCount, setFont, startCard, type Context, type Rect } from './draw.js';
import { drawableName } from './fonts.js';
import { PICTURE_WIDTH, colours, layout } from './theme.js';
import type { LeaderboardData, LeaderboardRowData } from './types.js';

const ROWS_TOP = 136;
const ROW_HEIGHT = 60;
const ROW_GAP = 8;
/** Extra space, with an ellipsis, before the member's own row when it sits below the top ten. */
const SKIP_HEIGHT = 36;
const medalColours = [colours.gold, colours.silver, colours.bronze];

export interface LeaderboardLayout {
  height: number;
  rows: { rect: Rect; isMe: boolean; name: string; background: string }[];
  /** Where the "…" between the top ten and the member's own row goes, if there is one. */
  skip: Rect | null;
}

function isDetachedOwnRow(rows: LeaderboardRowData[], i: number): boolean {
  const row = rows[i]!;
  return row.isMe && i === rows.length - 1 && i > 0 && row.rank > 10;
}

export function leaderboardLayout(data: LeaderboardData): LeaderboardLayout {
  const width = PICTURE_WIDTH - 2 * layout.padding;
  let y = ROWS_TOP;
  let skip: Rect | null = null;
  const rows = data.rows.map((row, i) => {
    if (isDetachedOwnRow(data.rows, i)) {
      skip = { x: layout.padding, y: y - ROW_GAP, width, height: SKIP_HEIGHT };
      y += SKIP_HEIGHT - ROW_GAP;
    }
    const rect = { x: layout.padding, y, width, height: ROW_HEIGHT };
    y += ROW_HEIGHT + ROW_GAP;
    return { rect, isMe: row.isMe, name: drawableName(row.name, row.username), background: row.isMe ? colours.highlight : colours.panel };
  });
  const bottom = data.rows.length === 0 ? ROWS_TOP + ROW_HEIGHT : y - ROW_GAP;
  return { height: bottom + layout.padding - 8, rows, skip };
}

export function renderLeaderboard(data: LeaderboardData): Buffer {
  const geometry = leaderboardLayout(data);
  const { canvas, ctx } = startCard(geometry.height);
  const right = PICTURE_WIDTH - layout.padding;

  drawText(ctx, data.title, layout.padding, 80, { size: layout.titleSize, weight: 'bold', colour: colours.text, maxWidth: right - layout.padding - 200 });
  drawText(ctx, 'XP', right - 20, 120, { size: 13, weight: 'bold', colour: colours.faint, align: 'right' });
  drawText(ctx, 'CORRECT', right - 150, 120, { size: 13, weight: 'bold', colour: colours.faint, align: 'right' });
  if (data.rows.length === 0) drawText(ctx, 'No answers yet', layout.padding, ROWS_TOP + 36, { size: 18, colour: colours.muted });

  if (geometry.skip) drawSkip(ctx, geometry.skip);
  data.rows.forEach((row, i) => drawRow(ctx, row, geometry.rows[i]!));
  return finishCard(canvas);
}

function drawRow(ctx: Context, row: LeaderboardRowData, place: LeaderboardLayout['rows'][number]): void {
  const { rect } = place;
  const cy = rect.y + rect.height / 2;
  const right = rect.x + rect.width;
  fillRoundRect(ctx, rect, 14, place.background);
  if (row.isMe) {
    ctx.strokeStyle = colours.highlightEdge;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.roundRect(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 2, 13);
    ctx.stroke();
  }
  drawRank(ctx, row.rank, rect.x + 38, cy);

  drawText(ctx, `${formatCount(row.xp)}`, right - 20, cy + 7, { size: 20, weight: 'bold', colour: colours.text, align: 'right' });
  const accuracy = row.answered === 0 ? '–' : altPercent(row.correct / row.answered);
  const correct = `${formatCount(row.correct)}/${formatCount(row.answered)} · ${accuracy}`;
  drawText(ctx, correct, right - 150, cy + 6, { size: 16, colour: colours.muted, align: 'right' });
  const correctWidth = ctx.measureText(correct).width;

  const nameX = rect.x + 84;
  const room = right - 150 - correctWidth - 24 - nameX;
  const showUsername = place.name !== row.username;
  const nameY = showUsername ? cy - 2 : cy + 7;
  // The badge's room is kept before the name is fitted, so a long name never runs under it.
  const badgeWidth = row.isMe ? youBadgeWidth(ctx) : 0;
  setFont(ctx, 19, 'bold');
  const name = fitText(ctx, place.name, room - badgeWidth);
  drawText(ctx, name, nameX, nameY, { size: 19, weight: 'bold', colour: colours.text });
  if (row.isMe) drawYouBadge(ctx, nameX + ctx.measureText(name).width + 10, nameY - 6);
  if (showUsername) drawText(ctx, `@${row.username}`, nameX, cy + 19, { size: 14, colour: colours.muted, maxWidth: room });
}

function drawRank(ctx: Context, rank: number, cx: number, cy: number): void {
  const medal = medalColours[rank - 1];
  if (medal) {
    ctx.fillStyle = medal;
    ctx.beginPath();
    ctx.arc(cx, cy, 18, 0, Math.PI * 2);
    ctx.fill();
  }
  drawText(ctx, String(rank), cx, cy + 6, { size: rank > 99 ? 14 : 17, weight: 'bold', colour: medal ? colours.card : colours.muted, align: 'center' });
}

function youBadgeWidth(ctx: Context): number {
  setFont(ctx, 11, 'bold');
  return ctx.measureText('YOU').width + 14 + 10;
}

function drawYouBadge(ctx: Context, x: number, cy: number): void {
  const width = youBadgeWidth(ctx) - 10;
  fillRoundRect(ctx, { x, y: cy - 10, width, height: 20 }, 10, colours.highlightEdge);
  drawText(ctx, 'YOU', x + width / 2, cy + 4, { size: 11, weight: 'bold', colour: colours.card, align: 'center' });
}

function drawSkip(ctx: Context, skip: Rect): void {
  ctx.fillStyle = colours.faint;
  const cy = skip.y + skip.height / 2;
  for (const dx of [-12, 0, 12]) {
    ctx.beginPath();
    ctx.arc(skip.x + 38 + dx, cy, 3, 0, Math.PI * 2);
    ctx.fill();
  }
}

export function describeLeaderboard(data: LeaderboardData): string {
  const rows = data.rows.map((row) => {
    const me = row.isMe ? ' (you)' : '';
    return `${row.rank}. ${row.name}${me} ${row.xp} XP, ${row.correct}/${row.answered} correct`;
  });
  return limitAltText(`${data.title}: ${rows.join('; ') || 'no one yet'}`);
}
