import { describe, expect, it } from 'vitest';
import { findByIdOrTitle, rankByTitle } from '../../src/content/search.js';

const topics = [
  { id: 'gradient-descent', title: 'Gradient descent' },
  { id: 'dimensionality-reduction', title: 'Dimensionality reduction' },
  { id: 'descriptive-statistics', title: 'Descriptive statistics' },
  { id: 'data-drift', title: 'Data drift and concept drift' },
];

describe('ranking topics for autocomplete', () => {
  it('puts title prefixes before word prefixes before substrings', () => {
    // "Dimensionality" holds d-e-s in order: a typo-tolerant match, ranked after every real match.
    expect(rankByTitle(topics, 'des').map((t) => t.id)).toEqual(['descriptive-statistics', 'gradient-descent', 'dimensionality-reduction']);
    expect(rankByTitle(topics, 'drift').map((t) => t.id)).toEqual(['data-drift']);
  });

  it('tolerates a typo by matching letters in order', () => {
    expect(rankByTitle(topics, 'dimred').map((t) => t.id)).toEqual(['dimensionality-reduction']);
  });

  it('returns the curriculum order for an empty query, capped at the limit', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, title: `Topic ${i}` }));
    expect(rankByTitle(many, '')).toHaveLength(25);
    expect(rankByTitle(many, 'topic')).toHaveLength(25);
  });

  it('finds by id or exact title, case-insensitively', () => {
    expect(findByIdOrTitle(topics, 'GRADIENT DESCENT')?.id).toBe('gradient-descent');
    expect(findByIdOrTitle(topics, 'data-drift')?.id).toBe('data-drift');
    expect(findByIdOrTitle(topics, 'gradient')).toBeUndefined();
  });
});
