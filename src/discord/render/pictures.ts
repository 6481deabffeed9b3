import type { QuestionStats } from '../../content/question-stats.js';
import type { Logger } from '../../logger.js';
import { describePicture, type Picture, type PictureRenderer } from '../../pictures/index.js';
import type { Leaderboard, ProgressSummary, Roadmap } from '../../progress/progress-service.js';
import type { Reply } from '../command.js';

export type { PictureRenderer };

export interface MemberName {
  userId: string;
  displayName: string;
  username: string;
}

export function progressPicture(member: MemberName, summary: ProgressSummary, roadmap: Roadmap): Picture {
  return {
    kind: 'progress',
    data: {
      displayName: member.displayName, username: member.username, xp: summary.xp, accuracy: summary.accuracy, answered: summary.answered,
      streak: summary.streak, bestStreak: summary.bestStreak, reviewsDue: summary.reviewsDue,
      stages: roadmap.stages.map((s) => ({ title: s.title, share: s.share, threshold: roadmap.threshold, completed: s.complete })),
    },
  };
}

export function roadmapPicture(title: string, roadmap: Roadmap): Picture {
  const current = roadmap.stages.findIndex((s) => s.stageId === roadmap.currentStageId);
  return {
    kind: 'roadmap',
    data: {
      title,
      stages: roadmap.stages.map((s) => ({ title: s.title, share: s.share, state: s.complete ? 'done' : s.mastered > 0 ? 'in-progress' : 'not-started' })),
      currentIndex: current < 0 ? null : current,
    },
  };
}

export function leaderboardPicture(title: string, board: Leaderboard, names: ReadonlyMap<string, MemberName>, me: string): Picture {
  const row = (r: Leaderboard['top'][number], rank: number) => {
    const name = names.get(r.userId);
    return { rank, name: name?.displayName ?? 'a former member', username: name?.username ?? 'unknown', xp: r.xp, correct: r.correct, answered: r.answered, isMe: r.userId === me };
  };
  const rows = board.top.map((r, i) => row(r, i + 1));
  if (board.me && board.me.rank > board.top.length) rows.push(row(board.me, board.me.rank));
  return { kind: 'leaderboard', data: { title, rows } };
}

/** The hardest questions shown, as text and as a chart (more would make the picture too large to load quickly). */
export const STATS_QUESTIONS = 8;

export function contentStatsPicture(stats: QuestionStats): Picture {
  return {
    kind: 'content-stats',
    data: {
      title: `Question statistics: ${stats.scopeTitle}`,
      questions: stats.questions.slice(0, STATS_QUESTIONS).map((q) => ({
        label: q.prompt, answered: q.answered, accuracy: q.accuracy,
        options: q.options.map((text, i) => ({ text, picks: q.picks[i] ?? 0, correct: i === q.answer })),
      })),
    },
  };
}

/**
 * The reply with the picture attached and shown in its first embed. The embed keeps the same facts as text, so a
 * picture that cannot be drawn (a worker that died, say) leaves a complete answer without it.
 */
export async function withPicture(reply: Reply, picture: Picture, deps: { pictures: PictureRenderer; logger: Logger }): Promise<Reply> {
  const name = `${picture.kind}.png`;
  let data: Buffer;
  try {
    data = await deps.pictures.render(picture);
  } catch (error) {
    deps.logger.warn({ kind: picture.kind, err: error }, 'could not draw a picture; answering with text only');
    return reply;
  }
  const [first, ...rest] = reply.embeds ?? [{}];
  return {
    ...reply,
    embeds: [{ ...first, image: { url: `attachment://${name}` } }, ...rest],
    files: [...(reply.files ?? []), { name, data, description: describePicture(picture) }],
  };
}
