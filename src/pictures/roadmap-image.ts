import { altPercent, limitAltText } from './alt-text.js';
import { clampShare, drawCheck, drawText, fillRoundRect, finishCard, percent, setFont, startCard, type Context, type Rect } from './draw.js';
import { PICTURE_WIDTH, colours, layout } from './theme.js';
import type { RoadmapData, RoadmapStageState } from './types.js';

const PATH_TOP = 150;
const ROW = 62;
const NODE_RADIUS = 18;
const NODE_X = layout.padding + 36;

export interface RoadmapLayout {
  height: number;
  nodes: { cx: number; cy: number; radius: number }[];
  /** The current stage's highlighted row, if there is a current stage. */
  highlight: Rect | null;
}

export function roadmapLayout(data: RoadmapData): RoadmapLayout {
  const nodes = data.stages.map((_, i) => ({ cx: NODE_X, cy: PATH_TOP + i * ROW + ROW / 2, radius: NODE_RADIUS }));
  const current = data.currentIndex === null ? undefined : nodes[data.currentIndex];
  return {
    height: PATH_TOP + Math.max(1, data.stages.length) * ROW + layout.padding - 8,
    nodes,
    highlight: current ? { x: layout.padding, y: current.cy - 26, width: PICTURE_WIDTH - 2 * layout.padding, height: 52 } : null,
  };
}

export function renderRoadmap(data: RoadmapData): Buffer {
  const geometry = roadmapLayout(data);
  const { canvas, ctx } = startCard(geometry.height);
  const right = PICTURE_WIDTH - layout.padding;
  const done = data.stages.filter((stage) => stage.state === 'done').length;

  drawText(ctx, data.title, layout.padding, 80, { size: layout.titleSize, weight: 'bold', colour: colours.text, maxWidth: right - layout.padding });
  drawText(ctx, `${done} of ${data.stages.length} stages done`, layout.padding, 112, { size: 18, colour: colours.muted });
  if (data.stages.length === 0) drawText(ctx, 'No stages yet', layout.padding, PATH_TOP + 36, { size: 18, colour: colours.muted });

  if (geometry.highlight) {
    fillRoundRect(ctx, geometry.highlight, 14, colours.highlight);
    ctx.strokeStyle = colours.highlightEdge;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.roundRect(geometry.highlight.x + 1, geometry.highlight.y + 1, geometry.highlight.width - 2, geometry.highlight.height - 2, 13);
    ctx.stroke();
  }

  // The path first, so the nodes sit on top of it; a segment is green once the stage above it is done.
  geometry.nodes.slice(1).forEach((node, i) => {
    const above = geometry.nodes[i]!;
    ctx.fillStyle = data.stages[i]!.state === 'done' ? colours.completed : colours.track;
    ctx.fillRect(node.cx - 2, above.cy, 4, node.cy - above.cy);
  });

  data.stages.forEach((stage, i) => {
    const node = geometry.nodes[i]!;
    const isCurrent = i === data.currentIndex;
    drawNode(ctx, node.cx, node.cy, stage.state, stage.share, i + 1);
    const status = statusLabel(stage.state, stage.share);
    drawText(ctx, status.text, right - 18, node.cy + 6, { size: 16, weight: 'bold', colour: status.colour, align: 'right' });
    const statusWidth = ctx.measureText(status.text).width;
    const titleX = NODE_X + NODE_RADIUS + 22;
    let titleRoom = right - 18 - statusWidth - 24 - titleX;
    if (isCurrent) titleRoom -= drawCurrentBadge(ctx, right - 18 - statusWidth - 16, node.cy) + 12;
    drawText(ctx, stage.title, titleX, node.cy + 6, {
      size: 18, weight: isCurrent ? 'bold' : 'regular', colour: stage.state === 'not-started' && !isCurrent ? colours.muted : colours.text, maxWidth: titleRoom,
    });
  });
  return finishCard(canvas);
}

function statusLabel(state: RoadmapStageState, share: number): { text: string; colour: string } {
  if (state === 'done') return { text: 'Done', colour: colours.completed };
  if (state === 'in-progress') return { text: `In progress · ${percent(share)}`, colour: colours.accent };
  return { text: 'Not started', colour: colours.faint };
}

function drawNode(ctx: Context, cx: number, cy: number, state: RoadmapStageState, share: number, number: number): void {
  ctx.beginPath();
  ctx.arc(cx, cy, NODE_RADIUS, 0, Math.PI * 2);
  ctx.fillStyle = state === 'done' ? colours.completed : colours.panelRaised;
  ctx.fill();
  if (state === 'done') {
    drawCheck(ctx, cx, cy, 18, colours.card);
    return;
  }
  ctx.lineWidth = 4;
  ctx.strokeStyle = colours.track;
  ctx.beginPath();
  ctx.arc(cx, cy, NODE_RADIUS - 2, 0, Math.PI * 2);
  ctx.stroke();
  if (state === 'in-progress' && share > 0) {
    // The ring fills clockwise from the top with the stage's share.
    ctx.strokeStyle = colours.accent;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.arc(cx, cy, NODE_RADIUS - 2, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * clampShare(share));
    ctx.stroke();
  }
  setFont(ctx, 14, 'bold');
  ctx.fillStyle = state === 'in-progress' ? colours.text : colours.muted;
  ctx.textAlign = 'center';
  ctx.fillText(String(number), cx, cy + 5);
}

/** Draws a "You are here" pill ending at `right`; returns its width. */
function drawCurrentBadge(ctx: Context, right: number, cy: number): number {
  const text = 'YOU ARE HERE';
  setFont(ctx, 12, 'bold');
  const width = ctx.measureText(text).width + 20;
  fillRoundRect(ctx, { x: right - width, y: cy - 12, width, height: 24 }, 12, colours.highlightEdge);
  drawText(ctx, text, right - width / 2, cy + 4, { size: 12, weight: 'bold', colour: colours.card, align: 'center' });
  return width;
}

export function describeRoadmap(data: RoadmapData): string {
  const current = data.currentIndex === null ? undefined : data.stages[data.currentIndex];
  const stages = data.stages.map((stage, i) => {
    const state = stage.state === 'done' ? 'done' : stage.state === 'in-progress' ? `in progress ${altPercent(stage.share)}` : 'not started';
    return `${i + 1}. ${stage.title} (${state})`;
  });
  const where = current ? `; current stage: ${current.title}` : '';
  return limitAltText(`Roadmap ${data.title}${where}; stages: ${stages.join(', ') || 'none'}`);
}
