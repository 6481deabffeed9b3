import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, customIds, parseCustomId } from '../../src/discord/custom-id.js';

describe('component custom ids', () => {
  it('round-trips every kind of button', () => {
    expect(parseCustomId(customIds.practiceAnswer(123, 'k3x9', 3))).toEqual({ kind: 'practice-answer', questionKey: 123, round: 'k3x9', choice: 3 });
    expect(parseCustomId(customIds.reviewAnswer(9, 'zz', 1))).toEqual({ kind: 'review-answer', questionKey: 9, round: 'zz', choice: 1 });
    expect(parseCustomId(customIds.reviewNext())).toEqual({ kind: 'review-next' });
    expect(customIds.notifyToggle()).toBe('v1:nt');
    expect(parseCustomId(customIds.notifyToggle())).toEqual({ kind: 'notify-toggle' });
    expect(parseCustomId(customIds.dailyAnswer(5, 2))).toEqual({ kind: 'daily-answer', postId: 5, choice: 2 });
    expect(parseCustomId(customIds.weeklyStart(5))).toEqual({ kind: 'weekly-start', postId: 5 });
    expect(parseCustomId(customIds.weeklyAnswer(5, 4, 0))).toEqual({ kind: 'weekly-answer', postId: 5, index: 4, choice: 0 });
    expect(parseCustomId(customIds.practiceNext({ kind: 'topic', id: 'feature-scaling' }))).toEqual({
      kind: 'practice-next',
      scope: { kind: 'topic', id: 'feature-scaling' },
    });
    expect(parseCustomId(customIds.practiceNext({ kind: 'stage', id: 'modelling' }))).toEqual({ kind: 'practice-next', scope: { kind: 'stage', id: 'modelling' } });
    expect(parseCustomId(customIds.practiceNext({ kind: 'all' }))).toEqual({ kind: 'practice-next', scope: { kind: 'all' } });
    expect(parseCustomId(customIds.practiceNext({ kind: 'missed' }))).toEqual({ kind: 'practice-next', scope: { kind: 'missed' } });
    expect(customIds.historyMissed()).toBe('v1:hm');
    expect(parseCustomId(customIds.historyMissed())).toEqual({ kind: 'history-missed' });
    expect(parseCustomId('v1:hm:12')).toBeUndefined();
    expect(parseCustomId('v1:pn:m:x')).toBeUndefined();
  });

  it('stays within Discord\'s 100 characters for the longest ids a pack allows', () => {
    expect(customIds.practiceNext({ kind: 'topic', id: 'a'.repeat(60) }).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(customIds.practiceAnswer(Number.MAX_SAFE_INTEGER, 'z'.repeat(13), 4).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(customIds.weeklyAnswer(Number.MAX_SAFE_INTEGER, 49, 4).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
  });

  it.each([
    ['another version', 'v2:pa:1:r:0'],
    ['an unknown kind', 'v1:zz:1:r:0'],
    ['a choice out of range', 'v1:pa:1:r:9'],
    ['a negative key', 'v1:pa:-4:r:0'],
    ['a non-numeric key', 'v1:pa:abc:r:0'],
    ['a round with capitals', 'v1:pa:1:RR:0'],
    ['missing parts', 'v1:pa:1:r'],
    ['extra parts', 'v1:pa:1:r:0:7'],
    ['a notify toggle with arguments', 'v1:nt:1'],
    ['a weekly index out of range', 'v1:wa:1:50:0'],
    ['a bad scope', 'v1:pn:x:topic'],
    ['a scope id that is not a slug', 'v1:pn:t:DROP TABLE'],
    ['random bytes', '\u0000\u00ff\u1234::v1'],
    ['an over-long id', `v1:pn:t:${'a'.repeat(120)}`],
  ])('rejects %s', (_name, id) => {
    expect(parseCustomId(id)).toBeUndefined();
  });
});
