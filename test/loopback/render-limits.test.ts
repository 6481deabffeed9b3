import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadPackFromPath } from '../../src/content/load-pack.js';
import type { Pack } from '../../src/content/schema.js';
import { renderImportProblems } from '../../src/discord/render/content.js';
import { renderHistory } from '../../src/discord/render/history.js';
import { renderPracticeFeedback, renderPracticeQuestion } from '../../src/discord/render/practice.js';
import { renderRoleOverview } from '../../src/discord/render/roles.js';
import { renderDailyPost, renderDailyReveal, renderWeeklyPost, renderWeeklyResults } from '../../src/discord/render/scheduled.js';
import { renderTopicCard } from '../../src/discord/render/topic-card.js';
import { LIMITS } from '../../src/content/limits.js';
import type { QuestionRow } from '../../src/store/content-store.js';
import { limitViolations } from '../helpers/discord-limits.js';

const bundled = new URL('../../data/packs/ml-engineer', import.meta.url).pathname;

function load(): Pack {
  const result = loadPackFromPath(bundled);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.pack;
}

const asRow = (q: Pack['stages'][number]['topics'][number]['questions'][number], key: number): QuestionRow => ({
  ...q, key, packId: 'ml-engineer', topicId: 't', retired: false, guildId: null, authorId: null,
});

describe('everything rendered fits Discord', () => {
  let pack: Pack;
  beforeAll(() => (pack = load()));

  it('every concept card in the bundled pack', () => {
    for (const stage of pack.stages) {
      for (const topic of stage.topics) {
        const reply = renderTopicCard({ ...topic, stageId: stage.id, position: 0, stageTitle: stage.title, questionCount: topic.questions.length });
        expect(limitViolations(reply), topic.id).toEqual([]);
      }
    }
  });

  it('every question and its feedback, right and wrong', () => {
    let key = 1;
    for (const q of pack.stages.flatMap((s) => s.topics.flatMap((t) => t.questions))) {
      const row = asRow(q, key++);
      expect(limitViolations(renderPracticeQuestion({ question: row, round: 'z'.repeat(13), scope: { kind: 'topic', id: 'a'.repeat(60) }, allMastered: true })), q.id).toEqual([]);
      const wrong = (q.answer + 1) % q.options.length;
      expect(limitViolations(renderPracticeFeedback({ question: row, choice: wrong, correct: false, isNew: false, xp: 0, completed: null }, { kind: 'all' })), q.id).toEqual([]);
    }
  });

  it('every daily post, its reveal, a weekly post and a full results post', () => {
    let key = 1;
    for (const stage of pack.stages) {
      for (const topic of stage.topics) {
        for (const q of topic.questions) {
          const post = { postId: key, marker: 'daily 2026-11-23', day: 999, planLength: 999, topic: { ...topic, stageId: stage.id, position: 0, stageTitle: stage.title }, question: asRow(q, key++) };
          expect(limitViolations(renderDailyPost(post)), q.id).toEqual([]);
          expect(limitViolations(renderDailyReveal(post, { question: post.question, counts: q.options.map(() => 123456) })), q.id).toEqual([]);
        }
      }
    }
    const weekly = { postId: Number.MAX_SAFE_INTEGER, marker: 'weekly 2026-W48', title: 'T'.repeat(LIMITS.title), stageTitle: 'S'.repeat(LIMITS.title), questionCount: 5 };
    expect(limitViolations(renderWeeklyPost(weekly))).toEqual([]);
    expect(limitViolations(renderWeeklyPost(weekly, true))).toEqual([]);
    const results = {
      marker: 'results 2026-W48', title: 'T'.repeat(LIMITS.title), participants: 100_000, finished: 99_999, questionCount: 5, scores: [1, 2, 3, 4, 5, 99_984],
      top: Array.from({ length: 10 }, (_, i) => ({ userId: '1'.repeat(20), score: i })), hardest: { prompt: 'p'.repeat(LIMITS.prompt), correctShare: 0.01 },
    };
    expect(limitViolations(renderWeeklyResults(results))).toEqual([]);
  });

  it('the largest card and question the pack format allows', () => {
    const longest = 'x'.repeat(LIMITS.topicSummary);
    const card = renderTopicCard({
      id: 'a'.repeat(60), stageId: 's', position: 0, title: 'T'.repeat(LIMITS.title), summary: longest,
      keyPoints: Array(LIMITS.keyPoints).fill('k'.repeat(LIMITS.keyPoint)),
      sources: Array(LIMITS.sources).fill({ document: 'd'.repeat(LIMITS.document), section: 's'.repeat(LIMITS.section) }),
      stageTitle: 'S'.repeat(LIMITS.title), questionCount: 100,
    });
    expect(limitViolations(card)).toEqual([]);
    const question: QuestionRow = {
      key: Number.MAX_SAFE_INTEGER, packId: 'p', id: 'q', topicId: 't', prompt: 'p'.repeat(LIMITS.prompt),
      options: Array.from({ length: LIMITS.maxOptions }, (_, i) => `${i}`.repeat(LIMITS.option)), answer: 4,
      explanation: 'e'.repeat(LIMITS.explanation), difficulty: 3, retired: false, guildId: '1'.repeat(20), authorId: '1'.repeat(20),
    };
    expect(limitViolations(renderPracticeQuestion({ question, round: 'z'.repeat(13), scope: { kind: 'all' }, allMastered: false }))).toEqual([]);
    expect(limitViolations(renderPracticeFeedback({ question, choice: 0, correct: false, isNew: false, xp: 0, completed: { stageId: 's', title: 'S'.repeat(80), roleIds: ['1'.repeat(20)] } }, { kind: 'stage', id: 'b'.repeat(60) }))).toEqual([]);
  });

  it('an import with hundreds of problems, and a role overview of 25 stages', () => {
    const problems = Array.from({ length: 500 }, (_, i) => ({ file: 'f.yaml', path: `stages[${i}].topics[0].questions[0].options[1]`, message: 'is too long: at most 200 characters'.repeat(3) }));
    const reply = renderImportProblems('a'.repeat(300), problems);
    expect(limitViolations(reply)).toEqual([]);
    expect(reply.embeds?.[0]?.description).toMatch(/and \d+ more/);
    const pending = Array.from({ length: 300 }, () => ({ guildId: 'g', userId: '1'.repeat(20), roleId: '2'.repeat(20), action: 'add' as const, status: 'pending' as const, attempts: 9, lastError: 'e'.repeat(200) }));
    const overview = { mode: 'stack' as const, threshold: 0.8, announce: true, stages: Array(25).fill({ stageTitle: 'S'.repeat(80), roleId: '1'.repeat(20) }), pending };
    expect(limitViolations(renderRoleOverview(overview, 'n'.repeat(500)))).toEqual([]);
  });

  it('/history with 25 posts of the longest titles leaves out the oldest lines that do not fit, and says so', () => {
    const entry = (i: number) => ({
      day: '2026-11-23', topicTitle: 'T'.repeat(120), guildId: '1'.repeat(20), channelId: '2'.repeat(20), messageId: String(10n ** 19n + BigInt(i)),
      questionKey: i, outcome: { kind: 'wrong' as const, choice: 4 },
    });
    const reply = renderHistory({ timezone: 'America/Argentina/ComodRivadavia', entries: Array.from({ length: 25 }, (_, i) => entry(i)), missed: 25 });
    expect(limitViolations(reply)).toEqual([]);
    const lines = reply.embeds![0]!.description!.split('\n');
    expect(lines.at(-1)).toMatch(/^…and \d+ older posts that did not fit here\.$/);
    expect(lines[0]).toContain(`/${'1'.repeat(20)}/${'2'.repeat(20)}/${10n ** 19n}`);
  });

  it('every command definition stays within Discord\'s command limits', () => {
    expect(commands.length).toBeLessThanOrEqual(100);
    for (const { data } of commands) {
      expect(data.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(data.description.length).toBeGreaterThan(0);
      expect(data.description.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(data).length, data.name).toBeLessThan(8000);
      expect(data.options?.length ?? 0).toBeLessThanOrEqual(25);
    }
  });
});
