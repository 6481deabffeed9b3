import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { progressWorld } from '../helpers/progress-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const PROCESSES = 4;

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('concurrent answers', () => {
  const tempDir = useTempDir();

  it('1,000 answers from 4 processes at once, a tenth of them repeats, leave every member\'s totals exactly right', async () => {
    const dir = tempDir();
    const world = progressWorld(dir);
    const questions = world.db.prepare("SELECT id, answer FROM questions WHERE pack_id = 'mini'").all() as { id: string; answer: number }[];
    world.db.close();

    const random = seeded(42);
    const unique = Array.from({ length: 900 }, (_, i) => {
      const q = questions[Math.floor(random() * questions.length)]!;
      return { userId: `u${Math.floor(random() * 60)}`, questionId: q.id, choice: random() < 0.6 ? q.answer : (q.answer + 1) % 2, ref: `msg-${i}`, right: false };
    }).map((e) => ({ ...e, right: e.choice === questions.find((q) => q.id === e.questionId)!.answer }));
    // The repeats are exact copies (a retried interaction, a double click), sent from a different process.
    const events = [...unique, ...unique.filter((_, i) => i % 9 === 0)];
    expect(events).toHaveLength(1000);
    const shares: (typeof events)[] = Array.from({ length: PROCESSES }, () => []);
    events.forEach((event, i) => shares[(i + Math.floor(i / unique.length)) % PROCESSES]!.push(event));
    for (const share of shares) share.sort(() => random() - 0.5);

    const outputs = await Promise.all(
      shares.map((share, i) => {
        const file = join(dir, `events-${i}.json`);
        writeFileSync(file, JSON.stringify(share));
        return run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/progress/answer-worker.ts'), join(dir, 'cohort.sqlite'), file], { timeout: 60_000 });
      }),
    );
    const recorded = outputs.reduce((n, o) => n + (JSON.parse(o.stdout) as { recorded: number }).recorded, 0);
    expect(recorded).toBe(900);

    const expected = new Map<string, { answered: number; correct: number; xp: number }>();
    for (const e of unique) {
      const totals = expected.get(e.userId) ?? { answered: 0, correct: 0, xp: 0 };
      expected.set(e.userId, { answered: totals.answered + 1, correct: totals.correct + (e.right ? 1 : 0), xp: totals.xp + (e.right ? 10 : 0) });
    }
    const check = progressWorld(dir);
    const actual = new Map((check.db.prepare("SELECT user_id AS userId, answered, correct, xp FROM member_stats WHERE guild_id = 'g'").all() as
      { userId: string; answered: number; correct: number; xp: number }[]).map(({ userId, ...t }) => [userId, t]));
    expect(actual).toEqual(expected);
    expect(check.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(900);
    check.db.close();
  });
});
