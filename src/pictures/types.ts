/** The plain data each picture is drawn from: no Discord objects, no database rows. */

export interface StageBar {
  title: string;
  /** 0..1 of the stage's questions answered correctly. */
  share: number;
  /** 0..1 share needed to complete the stage. */
  threshold: number;
  completed: boolean;
}

export interface ProgressCardData {
  displayName: string;
  username: string;
  xp: number;
  /** 0..1, or null before the first answer. */
  accuracy: number | null;
  answered: number;
  streak: number;
  bestStreak: number;
  reviewsDue: number;
  stages: StageBar[];
}

export type RoadmapStageState = 'done' | 'in-progress' | 'not-started';

export interface RoadmapData {
  title: string;
  stages: { title: string; state: RoadmapStageState; share: number }[];
  currentIndex: number | null;
}

export interface LeaderboardRowData {
  rank: number;
  name: string;
  username: string;
  xp: number;
  correct: number;
  answered: number;
  isMe: boolean;
}

export interface LeaderboardData {
  title: string;
  /** Up to 10, plus optionally the member's own row (isMe, rank > 10) last. */
  rows: LeaderboardRowData[];
}

export interface WeeklyResultsData {
  title: string;
  questionCount: number;
  /** scores[k] = members who got k right, k = 0..questionCount. */
  scores: number[];
  participants: number;
  hardest: { prompt: string; correctShare: number } | null;
}

export interface ContentStatsOption {
  text: string;
  picks: number;
  correct: boolean;
}

export interface ContentStatsQuestion {
  /** A short prompt. */
  label: string;
  answered: number;
  accuracy: number | null;
  options: ContentStatsOption[];
}

export interface ContentStatsData {
  title: string;
  /** Up to 10. */
  questions: ContentStatsQuestion[];
}

export type Picture =
  | { kind: 'progress'; data: ProgressCardData }
  | { kind: 'roadmap'; data: RoadmapData }
  | { kind: 'leaderboard'; data: LeaderboardData }
  | { kind: 'weekly-results'; data: WeeklyResultsData }
  | { kind: 'content-stats'; data: ContentStatsData };
