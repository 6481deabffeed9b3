import type { ContentStatsData, LeaderboardData, Picture, ProgressCardData, RoadmapData, WeeklyResultsData } from './types.js';

/** Realistic example data for the docs images and the tests: the ML Engineer roadmap. */
export const mlStageTitles = [
  'What a machine learning engineer does',
  'Mathematical foundations',
  'Statistics and probability',
  'Computer science fundamentals',
  'Data collection and preparation',
  'Modelling',
  'Evaluation and generalisation',
  'Software engineering for ML',
  'Deployment',
  'Monitoring and ethics',
] as const;

const stageShares = [1, 0.92, 0.8, 0.55, 0.3, 0.12, 0, 0, 0, 0];

export const sampleProgress: ProgressCardData = {
  displayName: 'Ada Lovelace',
  username: 'ada.l',
  xp: 1340,
  accuracy: 0.72,
  answered: 186,
  streak: 3,
  bestStreak: 9,
  reviewsDue: 4,
  stages: mlStageTitles.map((title, i) => ({
    title,
    share: stageShares[i]!,
    threshold: 0.7,
    completed: stageShares[i]! >= 0.7,
  })),
};

export const sampleRoadmap: RoadmapData = {
  title: 'ML Engineer roadmap',
  stages: mlStageTitles.map((title, i) => ({
    title,
    share: stageShares[i]!,
    state: stageShares[i]! >= 0.7 ? 'done' : stageShares[i]! > 0 ? 'in-progress' : 'not-started',
  })),
  currentIndex: 3,
};

const people: [string, string][] = [
  ['Grace Hopper', 'gracehopper'], ['Alan Turing', 'alan.t'], ['Katherine Johnson', 'kjohnson'],
  ['Linus', 'linus_t'], ['Margaret Hamilton', 'mhamilton'], ['Edsger', 'ewd'], ['Barbara Liskov', 'bliskov'],
  ['Donald Knuth', 'dek'], ['Frances Allen', 'fran.allen'], ['Ken Thompson', 'ken'],
];

export const sampleLeaderboard: LeaderboardData = {
  title: 'This month’s leaderboard',
  rows: [
    ...people.map(([name, username], i) => {
      const answered = 140 - i * 9;
      const correct = Math.round(answered * (0.9 - i * 0.025));
      return { rank: i + 1, name, username, xp: 2480 - i * 170 - (i % 3) * 35, correct, answered, isMe: false };
    }),
    { rank: 17, name: 'Ada Lovelace', username: 'ada.l', xp: 610, correct: 58, answered: 81, isMe: true },
  ],
};

export const sampleWeeklyResults: WeeklyResultsData = {
  title: 'Weekly quiz results',
  questionCount: 5,
  scores: [1, 3, 6, 9, 7, 4],
  participants: 30,
  hardest: { prompt: 'Which metric is least affected by class imbalance when comparing two classifiers?', correctShare: 0.27 },
};

export const sampleContentStats: ContentStatsData = {
  title: 'Question statistics: Evaluation and generalisation',
  questions: [
    {
      label: 'Why hold out a test set?',
      answered: 48,
      accuracy: 0.79,
      options: [
        { text: 'To estimate performance on unseen data', picks: 38, correct: true },
        { text: 'To speed up training', picks: 3, correct: false },
        { text: 'To tune the learning rate', picks: 7, correct: false },
      ],
    },
    {
      label: 'Which metric suits imbalanced classes?',
      answered: 44,
      accuracy: 0.27,
      options: [
        { text: 'Accuracy', picks: 21, correct: false },
        { text: 'Precision–recall AUC', picks: 12, correct: true },
        { text: 'Mean squared error', picks: 4, correct: false },
        { text: 'R²', picks: 7, correct: false },
      ],
    },
    {
      label: 'What does k-fold cross-validation reduce?',
      answered: 40,
      accuracy: 0.6,
      options: [
        { text: 'The variance of the performance estimate', picks: 24, correct: true },
        { text: 'Training time', picks: 5, correct: false },
        { text: 'The number of features', picks: 2, correct: false },
        { text: 'Model bias', picks: 9, correct: false },
      ],
    },
    {
      label: 'A model scores 99% on training data and 61% on test data. This is…',
      answered: 46,
      accuracy: 0.87,
      options: [
        { text: 'Overfitting', picks: 40, correct: true },
        { text: 'Underfitting', picks: 6, correct: false },
      ],
    },
    {
      label: 'When should you look at the test set?',
      answered: 0,
      accuracy: null,
      options: [
        { text: 'Once, at the very end', picks: 0, correct: true },
        { text: 'After each epoch', picks: 0, correct: false },
        { text: 'Whenever tuning hyperparameters', picks: 0, correct: false },
      ],
    },
  ],
};

/** One picture of each kind, from the samples above. */
export const samplePictures: Picture[] = [
  { kind: 'progress', data: sampleProgress },
  { kind: 'roadmap', data: sampleRoadmap },
  { kind: 'leaderboard', data: sampleLeaderboard },
  { kind: 'weekly-results', data: sampleWeeklyResults },
  { kind: 'content-stats', data: sampleContentStats },
];
