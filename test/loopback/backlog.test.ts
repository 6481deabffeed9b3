import { SnowflakeUtil } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ACK_FIRST, WORK_PER_TURN, createBacklogMonitor } from '../../src/discord/backlog.js';

describe('when to acknowledge an interaction before its work', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const idAt = (ms: number) => SnowflakeUtil.generate({ timestamp: ms }).toString();

  it('acknowledges first an interaction that arrives old, not one that arrives fresh', () => {
    const backlog = createBacklogMonitor(() => now);
    expect(backlog.behind(idAt(now - 50))).toBe(false);
    expect(backlog.behind(idAt(now - ACK_FIRST.ageMs - 1))).toBe(true);
  });

  it('acknowledges first while too many interactions are in the bot at once, and stops once they are done', () => {
    const backlog = createBacklogMonitor(() => now);
    const fresh = idAt(now);
    const done = Array.from({ length: ACK_FIRST.inFlight }, () => backlog.enter());
    expect(backlog.behind(fresh)).toBe(false);
    const oneMore = backlog.enter();
    expect(backlog.behind(fresh)).toBe(true);
    oneMore();
    oneMore(); // leaving twice counts once
    expect(backlog.behind(fresh)).toBe(false);
    for (const leave of done) leave();
    expect(backlog.behind(fresh)).toBe(false);
  });

  it('lets the work after acknowledgements go ahead a few at a time, a turn of the event loop between groups', async () => {
    const backlog = createBacklogMonitor(() => now);
    const resumedInTurn: number[] = [];
    // A counter that moves once per turn of the event loop (each setImmediate re-arms for the next turn).
    let turn = 0;
    let counting = true;
    const count = () => {
      turn += 1;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await Promise.all(Array.from({ length: WORK_PER_TURN * 3 }, () => backlog.later().then(() => resumedInTurn.push(turn))));
    counting = false;
    const groups = new Map<number, number>();
    for (const t of resumedInTurn) groups.set(t, (groups.get(t) ?? 0) + 1);
    expect(resumedInTurn).toHaveLength(WORK_PER_TURN * 3);
    expect(Math.max(...groups.values())).toBeLessThanOrEqual(WORK_PER_TURN);
    expect(groups.size).toBeGreaterThanOrEqual(3);
  });
});
