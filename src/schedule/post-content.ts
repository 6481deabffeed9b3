import type { Picture } from '../pictures/index.js';
import { createHash } from 'node:crypto';
import { postRef, type AnswerStore } from '../store/answer-store.js';
import type { ContentStore } from '../store/content-store.js';
import type { PostRow } from '../store/post-store.js';
import type { DailyPost, DailyReveal, WeeklyPost, WeeklyResults } from './channel-poster.js';

/** Discord accepts a nonce of up to 25 characters; the same slot always gets the same one. */
export function nonceFor(guildId: string, kind: string, slot: string): string {
  return createHash('sha256').update(`${guildId}:${kind}:${slot}`).digest('hex').slice(0, 25);
}

/** Shown in the post's footer and used to find the post again after a crash. */
export function markerFor(post: Pick<PostRow, 'kind' | 'slot'>): string {
  return `${post.kind} ${post.slot}`;
}

export interface DailyChoice {
  planDay: number;
  topicId: string;
  questionKey: number;
}

/** What a server's next daily post teaches: the next topic of the study plan and, each time round, its next question. */
export function chooseDaily(content: ContentStore, packId: string, day: number): DailyChoice | null {
  return dailyChooser(content)(packId, day);
}

/**
 * chooseDaily for many servers in a row: each pack's plan and live questions are read once, not once per server
 * (reading them was most of a tick's planning time). Make a new one for each batch so content changes are seen.
 */
export function dailyChooser(content: ContentStore): (packId: string, day: number, guildId?: string) => DailyChoice | null {
  const plans = new Map<string, DailyPlan>();
  return (packId, day, guildId) => {
    let plan = plans.get(packId);
    if (!plan) plans.set(packId, (plan = dailyPlan(content, packId)));
    const own = guildId ? content.serverQuestions(packId).get(guildId) : undefined;
    return pickDaily(own ? withOwnQuestions(plan, own) : plan, day);
  };
}

/** A server's own questions of a topic come round once the pack's for that topic have each been posted. */
function withOwnQuestions(plan: DailyPlan, own: readonly { key: number; topicId: string }[]): DailyPlan {
  const questions = new Map(plan.questions);
  for (const q of own) questions.set(q.topicId, [...(questions.get(q.topicId) ?? []), q.key]);
  return { topics: plan.topics, questions };
}

interface DailyPlan {
  topics: string[];
  /** Live question keys by topic, in key order. */
  questions: Map<string, number[]>;
}

function dailyPlan(content: ContentStore, packId: string): DailyPlan {
  const plan = content.studyPlan(packId);
  const questions = new Map<string, number[]>();
  for (const q of content.liveQuestions(packId)) {
    const keys = questions.get(q.topicId);
    if (keys) keys.push(q.key);
    else questions.set(q.topicId, [q.key]);
  }
  return { topics: plan.length > 0 ? plan : content.topics(packId).map((t) => t.id), questions };
}

function pickDaily({ topics, questions }: DailyPlan, day: number): DailyChoice | null {
  for (let offset = 0; offset < topics.length; offset++) {
    const index = (day + offset) % topics.length;
    const topicId = topics[index]!;
    const keys = questions.get(topicId);
    if (!keys) continue; // a retired or empty topic is passed over
    const round = Math.floor((day + offset) / topics.length);
    return { planDay: day + offset, topicId, questionKey: keys[round % keys.length]! };
  }
  return null;
}

export function chooseWeekly(content: ContentStore, packId: string, week: number): string | null {
  const challenges = content.challenges(packId);
  return challenges.length ? challenges[week % challenges.length]!.id : null;
}

export function dailyPost(content: ContentStore, post: PostRow): DailyPost {
  const topic = content.topic(post.packId, post.topicId!) ?? fail(post);
  const stage = content.stages(post.packId).find((s) => s.id === topic.stageId);
  const plan = content.studyPlan(post.packId);
  return {
    postId: post.id,
    marker: markerFor(post),
    day: (post.planDay ?? 0) + 1,
    planLength: plan.length || content.topics(post.packId).length,
    topic: { ...topic, stageTitle: stage?.title ?? '' },
    question: content.question(post.questionKey!) ?? fail(post),
  };
}

export function weeklyPost(content: ContentStore, post: PostRow): WeeklyPost {
  const challenge = content.challenge(post.packId, post.challengeId!) ?? fail(post);
  const stage = challenge.stageId ? content.stages(post.packId).find((s) => s.id === challenge.stageId) : undefined;
  return { postId: post.id, marker: markerFor(post), title: challenge.title, stageTitle: stage?.title ?? null, questionCount: challenge.questionIds.length };
}

export function dailyReveal(content: ContentStore, answers: AnswerStore, post: PostRow): DailyReveal {
  const question = content.question(post.questionKey!) ?? fail(post);
  const counts = question.options.map(() => 0);
  for (const answer of answers.forPost(post.guildId, 'daily', postRef(post.id))) counts[answer.choice] = (counts[answer.choice] ?? 0) + 1;
  return { question, counts };
}

/** Top ten by score (earlier finish first on ties), participation, and the question fewest got right. */
export function weeklyResults(content: ContentStore, answers: AnswerStore, weekly: PostRow, results: PostRow): WeeklyResults {
  const challenge = content.challenge(weekly.packId, weekly.challengeId!) ?? fail(weekly);
  const all = answers.forPost(weekly.guildId, 'weekly', postRef(weekly.id));
  const byUser = new Map<string, { score: number; answered: number; last: number }>();
  const byQuestion = new Map<number, { right: number; total: number }>();
  for (const a of all) {
    const u = byUser.get(a.userId) ?? { score: 0, answered: 0, last: 0 };
    byUser.set(a.userId, { score: u.score + (a.correct ? 1 : 0), answered: u.answered + 1, last: Math.max(u.last, a.answeredAt) });
    const q = byQuestion.get(a.questionKey) ?? { right: 0, total: 0 };
    byQuestion.set(a.questionKey, { right: q.right + (a.correct ? 1 : 0), total: q.total + 1 });
  }
  const ranked = [...byUser.entries()].sort(([, a], [, b]) => b.score - a.score || a.last - b.last);
  let hardest: WeeklyResults['hardest'] = null;
  for (const [key, q] of byQuestion) {
    const share = q.right / q.total;
    if (!hardest || share < hardest.correctShare) hardest = { prompt: content.question(key)?.prompt ?? '', correctShare: share };
  }
  return {
    marker: markerFor(results),
    title: challenge.title,
    top: ranked.slice(0, 10).map(([userId, u]) => ({ userId, score: u.score })),
    participants: byUser.size,
    finished: [...byUser.values()].filter((u) => u.answered >= challenge.questionIds.length).length,
    questionCount: challenge.questionIds.length,
    scores: scoreCounts([...byUser.values()].map((u) => u.score), challenge.questionIds.length),
    hardest,
  };
}

/** How many members got each score, from 0 to all questions right. */
function scoreCounts(scores: number[], questionCount: number): number[] {
  const counts = new Array<number>(questionCount + 1).fill(0);
  for (const score of scores) counts[Math.min(score, questionCount)]! += 1;
  return counts;
}

function fail(post: PostRow): never {
  throw new Error(`post ${post.id} refers to content that is no longer in pack ${post.packId}`);
}

/** The results chart: how many members got each score, and the hardest question. */
export function weeklyResultsPicture(results: WeeklyResults): Picture {
  return {
    kind: 'weekly-results',
    data: { title: results.title, questionCount: results.questionCount, scores: results.scores, participants: results.participants, hardest: results.hardest },
  };
}
