/**
 * Colours and sizes shared by every picture. The card is an opaque dark slate so it reads the same
 * on Discord's dark and light themes; text colours keep at least 4.5:1 contrast against it.
 */
export const PICTURE_WIDTH = 960;

export const colours = {
  card: '#1b2130',
  panel: '#262e40',
  panelRaised: '#2f3950',
  track: '#3a4459',
  text: '#f3f5f9',
  muted: '#a3afc2',
  faint: '#7d899e',
  accent: '#5b9cf6',
  completed: '#34c77b',
  threshold: '#f5b83d',
  highlight: '#2d4470',
  highlightEdge: '#7fb2ff',
  gold: '#f2c14e',
  silver: '#c5ceda',
  bronze: '#d38a4a',
  correct: '#34c77b',
  /** Distractor shades: warm and distinct from each other and from the green of the right answer. */
  distractors: ['#ef5b5b', '#f59f3a', '#b57cf0', '#e76fb1', '#8fa3bf'] as const,
} as const;

export const layout = {
  /** Space between the card's edge and its content. */
  padding: 40,
  cardRadius: 24,
  titleSize: 30,
} as const;
