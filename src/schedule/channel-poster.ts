import type { QuestionRow, TopicRow } from '../store/content-store.js';

/** Why Discord refused a post: a missing channel or permission will not fix itself; anything else may. */
export type PostFailure = 'channel-missing' | 'forbidden' | 'transient';

export class PostError extends Error {
  override readonly name = 'PostError';
  constructor(
    readonly reason: PostFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface DailyPost {
  postId: number;
  marker: string;
  day: number;
  planLength: number;
  topic: TopicRow & { stageTitle: string };
  question: QuestionRow;
}

export interface WeeklyPost {
  postId: number;
  marker: string;
  title: string;
  stageTitle: string | null;
  questionCount: number;
}

export interface DailyReveal {
  question: QuestionRow;
  counts: number[];
}

export interface WeeklyResults {
  marker: string;
  title: string;
  top: { userId: string; score: number }[];
  participants: number;
  finished: number;
  questionCount: number;
  /** scores[k]: members who got k questions right. */
  scores: number[];
  hardest: { prompt: string; correctShare: number } | null;
}

/** A picture to post with a message (a PNG), with its alt text; the message's embed shows it. */
export interface PostImage {
  /** Letters, digits, `.`, `_` and `-`, e.g. `week-12-results.png`. */
  name: string;
  data: Buffer;
  description: string;
}

/**
 * How the scheduler reaches a channel. The domain owns this interface; src/discord implements it with discord.js,
 * and tests can implement it in memory. `nonce` makes a repeated send return the first message. `pingRoleId` is the
 * role a daily or weekly post mentions (and the only one it may ping), or null for none.
 */
export interface ChannelPoster {
  sendDaily(channelId: string, post: DailyPost, nonce: string, pingRoleId: string | null): Promise<string>;
  sendWeekly(channelId: string, post: WeeklyPost, nonce: string, pingRoleId: string | null): Promise<string>;
  /** With an `image`, the results embed shows it; a repeated nonce still returns the first message. */
  sendResults(channelId: string, results: WeeklyResults, nonce: string, image?: PostImage): Promise<string>;
  revealDaily(channelId: string, messageId: string, post: DailyPost, reveal: DailyReveal): Promise<void>;
  closeWeekly(channelId: string, messageId: string, post: WeeklyPost): Promise<void>;
  /** A short plain message (a congratulation), sent once per nonce. */
  sendNotice(channelId: string, text: string, nonce: string): Promise<string>;
  /** A message of ours among the channel's recent ones whose footer carries this marker. */
  findByMarker(channelId: string, marker: string): Promise<string | null>;
  /** A plain message of ours among the channel's recent ones with exactly this text. */
  findNotice(channelId: string, text: string): Promise<string | null>;
}
