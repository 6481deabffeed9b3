import { describe, expect, it } from 'vitest';
import { coveredText } from '../../src/pictures/fonts.js';
import { describePicture, fontCovers } from '../../src/pictures/index.js';
import { leaderboardLayout } from '../../src/pictures/leaderboard-image.js';
import { progressCardLayout } from '../../src/pictures/progress-card.js';
import { sampleLeaderboard, sampleProgress } from '../../src/pictures/samples.js';

const cardFor = (displayName: string, username = 'member_1') => ({ ...sampleProgress, displayName, username });

describe('names in scripts the font lacks', () => {
  it.each([['CJK', '王小明'], ['Arabic', 'علي'], ['emoji', 'Ada 🚀'], ['flag emoji', '🇫🇷']])(
    'given a %s display name, the card draws the username instead',
    (_, name) => {
      expect(fontCovers(name)).toBe(false);
      expect(progressCardLayout(cardFor(name)).name).toBe('member_1');
      // The alt text keeps the real name: screen readers are not limited by the font.
      expect(describePicture({ kind: 'progress', data: cardFor(name) })).toContain(`Progress card for ${name}:`);
    },
  );

  it('draws a Latin name with accents as it is', () => {
    expect(fontCovers('Zoë Ångström')).toBe(true);
    expect(progressCardLayout(cardFor('Zoë Ångström')).name).toBe('Zoë Ångström');
  });

  it('replaces what even the username lacks with question marks', () => {
    expect(progressCardLayout(cardFor('名字', '名字')).name).toBe('??');
  });

  it('replaces uncovered characters in other text rather than drawing empty boxes', () => {
    expect(coveredText('Modelling 🚀 and 数学')).toBe('Modelling ? and ??');
    expect(coveredText('Precision–recall AUC, R²')).toBe('Precision–recall AUC, R²');
  });

  it('applies the same choice to each leaderboard row', () => {
    const rows = sampleLeaderboard.rows.map((row, i) => (i === 1 ? { ...row, name: '😀😀' } : row));
    const names = leaderboardLayout({ ...sampleLeaderboard, rows }).rows.map((row) => row.name);
    expect(names[0]).toBe('Grace Hopper');
    expect(names[1]).toBe('alan.t');
  });
});
