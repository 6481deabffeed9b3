import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import { postRef, type AnswerStore } from '../store/answer-store.js';
import type { ContentStore, QuestionRow } from '../store/content-store.js';
import type { PostRow, PostStore } from '../store/post-store.js';
import { feedbackFrom, type AnswerFeedback } from './practice.js';
import { localDay } from '../progress/rules.js';
import { guildTimezone, type ProgressTracker } from '../progress/tracker.js';
import type { GuildStore } from '../store/guild-store.js';

export type ChallengeStep =
  | { kind: 'question'; index: number; total: number; question: QuestionRow }
  | { kind: 'done'; score: number; total: number };

export interface ScheduledQuizDeps {
  posts: PostStore;
  content: ContentStore;
  answers: AnswerStore;
  tracker: ProgressTracker;
  guilds: GuildStore;
  clock: Clock;
}

const CLOSED_DAILY = 'This quiz has closed: its answer is now shown on the post. The newest daily post has today\'s question.';
const CLOSED_WEEKLY = 'This challenge has closed. The newest weekly post has this week\'s challenge.';

/** Answers to the daily quiz post and the weekly challenge: first answer counts, re-checked against the post. */
export function createScheduledQuiz({ posts, content, answers, tracker, guilds, clock }: ScheduledQuizDeps) {
  function openPost(guildId: string, postId: number, kind: 'daily' | 'weekly'): PostRow {
    const post = posts.byId(postId);
    if (!post || post.guildId !== guildId || post.kind !== kind || post.status !== 'sent') {
      throw new UserError('That button does not belong to a post of this server. Use the newest post in the study channel.');
    }
    if (post.closedAt !== null) throw new UserError(kind === 'daily' ? CLOSED_DAILY : CLOSED_WEEKLY);
    return post;
  }

  function challengeQuestions(post: PostRow): QuestionRow[] {
    const challenge = content.challenge(post.packId, post.challengeId!);
    if (!challenge) throw new UserError(CLOSED_WEEKLY);
    return challenge.questionIds.map((id) => content.questionById(post.packId, id)).filter((q): q is QuestionRow => q !== undefined);
  }

  async function record(guildId: string, userId: string, post: PostRow, source: 'daily' | 'weekly', question: QuestionRow, choice: number): Promise<AnswerFeedback> {
    if (choice >= question.options.length) throw new UserError('That button is out of date. Use the newest post in the study channel.');
    const recorded = await tracker.submit({ guildId, userId, question, choice, source, sourceRef: postRef(post.id), onItsDay: source === 'daily' && onItsDay(post) });
    return feedbackFrom(question, recorded);
  }

  /** A daily quiz answered on the local day it was posted earns the daily bonus. */
  function onItsDay(post: PostRow): boolean {
    const zone = guildTimezone(guilds, post.guildId);
    const postedOn = post.slot.startsWith('manual-') ? localDay(post.sentAt ?? post.dueAt, zone) : post.slot;
    return localDay(clock.now(), zone) === postedOn;
  }

  function step(guildId: string, userId: string, post: PostRow): ChallengeStep {
    const questions = challengeQuestions(post);
    const given = answers.forPost(guildId, 'weekly', postRef(post.id)).filter((a) => a.userId === userId);
    const answered = new Set(given.map((a) => a.questionKey));
    const index = questions.findIndex((q) => !answered.has(q.key));
    if (index < 0) return { kind: 'done', score: given.filter((a) => a.correct).length, total: questions.length };
    return { kind: 'question', index, total: questions.length, question: questions[index]! };
  }

  return {
    answerDaily(guildId: string, userId: string, postId: number, choice: number): Promise<AnswerFeedback> {
      const post = openPost(guildId, postId, 'daily');
      const question = content.question(post.questionKey!);
      if (!question) throw new UserError(CLOSED_DAILY);
      return record(guildId, userId, post, 'daily', question, choice);
    },

    /** Where the member stands in a challenge: the first question they have not answered, or their score. */
    startWeekly(guildId: string, userId: string, postId: number): ChallengeStep {
      return step(guildId, userId, openPost(guildId, postId, 'weekly'));
    },

    async answerWeekly(guildId: string, userId: string, postId: number, index: number, choice: number): Promise<{ feedback: AnswerFeedback; next: ChallengeStep }> {
      const post = openPost(guildId, postId, 'weekly');
      const question = challengeQuestions(post)[index];
      if (!question) throw new UserError('That button is out of date. Press Start on the challenge post again.');
      const feedback = await record(guildId, userId, post, 'weekly', question, choice);
      return { feedback, next: step(guildId, userId, post) };
    },
  };
}

export type ScheduledQuiz = ReturnType<typeof createScheduledQuiz>;
