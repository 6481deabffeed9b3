import { describe, expect, it } from 'vitest';
import { describePicture, renderPicture, type LeaderboardData } from '../../src/pictures/index.js';
import { leaderboardLayout } from '../../src/pictures/leaderboard-image.js';
import { sampleLeaderboard } from '../../src/pictures/samples.js';
import { colours } from '../../src/pictures/theme.js';
import { decode, runsInColumn } from './png.js';

/** Row backgrounds seen down a column between the rank and the name, where nothing else is drawn. */
function rowBackgrounds(data: LeaderboardData) {
  const image = decode(renderPicture({ kind: 'leaderboard', data }));
  return runsInColumn(image, 40 + 64, [colours.panel, colours.highlight], 20);
}

describe('leaderboard', () => {
  it('draws one row per member, the own row highlighted and set apart below the top ten', () => {
    const rows = rowBackgrounds(sampleLeaderboard);
    expect(rows).toHaveLength(11);
    expect(rows.map((row) => row.colour)).toEqual([...Array(10).fill(colours.panel), colours.highlight]);
    const gaps = rows.slice(1).map((row, i) => row.start - rows[i]!.end);
    const usual = gaps[0]!;
    expect(gaps.slice(0, 9).every((gap) => gap === usual)).toBe(true);
    expect(gaps[9]).toBeGreaterThan(usual + 20);
  });

  it('highlights the own row in place when it is in the top ten', () => {
    const data = { ...sampleLeaderboard, rows: sampleLeaderboard.rows.slice(0, 5).map((row) => ({ ...row, isMe: row.rank === 4 })) };
    const rows = rowBackgrounds(data);
    expect(rows.map((row) => row.colour)).toEqual([colours.panel, colours.panel, colours.panel, colours.highlight, colours.panel]);
    expect(leaderboardLayout(data).skip).toBeNull();
  });

  it('puts medal colours behind ranks one to three only', () => {
    const image = decode(renderPicture({ kind: 'leaderboard', data: sampleLeaderboard }));
    const { rows } = leaderboardLayout(sampleLeaderboard);
    // Just inside the medal's left edge, clear of the digit.
    const behindRank = (i: number) => [40 + 38 - 14, rows[i]!.rect.y + rows[i]!.rect.height / 2] as const;
    expect(image.is(...behindRank(0), colours.gold)).toBe(true);
    expect(image.is(...behindRank(1), colours.silver)).toBe(true);
    expect(image.is(...behindRank(2), colours.bronze)).toBe(true);
    for (const i of [3, 4, 9]) expect(image.is(...behindRank(i), colours.panel)).toBe(true);
  });

  it('lists the rows in the alt text, the own one marked', () => {
    const alt = describePicture({ kind: 'leaderboard', data: sampleLeaderboard });
    expect(alt).toContain('1. Grace Hopper 2480 XP, 126/140 correct');
    expect(alt).toContain('17. Ada Lovelace (you) 610 XP');
  });

  it('draws an empty board without rows', () => {
    expect(rowBackgrounds({ title: 'Nobody yet', rows: [] })).toHaveLength(0);
  });
});
