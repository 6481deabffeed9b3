import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, customIds, parseCustomId } from '../../src/discord/custom-id.js';

describe('component custom ids', () => {
  it('round-trips every kind of button', () => {
    expect(parseCustomId(customIds.practiceAnswer(123, 3))).toEqual({ kind: 'practice-answer', questionKey: 123, choice: 3 });
    expect(parseCustomId(customIds.practiceNext({ kind: 'topic', id: 'feature-scaling' }))).toEqual({
      kind: 'practice-next',
      scope: { kind: 'topic', id: 'feature-scaling' },
    });
    expect(parseCustomId(customIds.practiceNext({ kind: 'stage', id: 'modelling' }))).toEqual({ kind: 'practice-next', scope: { kind: 'stage', id: 'modelling' } });
    expect(parseCustomId(customIds.practiceNext({ kind: 'all' }))).toEqual({ kind: 'practice-next', scope: { kind: 'all' } });
  });

  it('stays within Discord\'s 100 characters for the longest ids a pack allows', () => {
    expect(customIds.practiceNext({ kind: 'topic', id: 'a'.repeat(60) }).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(customIds.practiceAnswer(Number.MAX_SAFE_INTEGER, 4).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
  });

  it.each([
    ['another version', 'v2:pa:1:0'],
    ['an unknown kind', 'v1:zz:1:0'],
    ['a choice out of range', 'v1:pa:1:9'],
    ['a negative key', 'v1:pa:-4:0'],
    ['a non-numeric key', 'v1:pa:abc:0'],
    ['missing parts', 'v1:pa:1'],
    ['extra parts', 'v1:pa:1:0:7'],
    ['a bad scope', 'v1:pn:x:topic'],
    ['a scope id that is not a slug', 'v1:pn:t:DROP TABLE'],
    ['random bytes', '\u0000\u00ff\u1234::v1'],
    ['an over-long id', `v1:pn:t:${'a'.repeat(120)}`],
  ])('rejects %s', (_name, id) => {
    expect(parseCustomId(id)).toBeUndefined();
  });
});
