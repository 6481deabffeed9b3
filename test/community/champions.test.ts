import { describe, expect, it } from 'vitest';
import { createChampions } from '../../src/community/champions.js';
import { silentLogger } from '../../src/logger.js';
import { RoleChangeError, type RoleGranter } from '../../src/progress/role-granter.js';
import { createChampionStore } from '../../src/store/champion-store.js';
import { memoryPoster } from '../helpers/memory-poster.js';
import { progressWorld } from '../helpers/progress-world.js';
import { useTempDir } from '../helpers/temp-dir.js';

const ROLE = 'champ';
const bot = { canManageRoles: true, highestRole: { name: 'Cohort', position: 10 } };
const role = { id: ROLE, name: 'Champion', position: 3, managed: false, isEveryone: false };

describe('settling champion periods', () => {
  const tempDir = useTempDir();

  /** The champions domain on a real database with the mini pack; Discord is a record of role changes and notices. */
  function world(start = Date.parse('2026-11-23T08:00:00Z')) {
    const w = progressWorld(tempDir(), start);
    const roleChanges: string[] = [];
    const notices: { channelId: string; text: string; nonce: string }[] = [];
    let refuseAdds: RoleChangeError | null = null;
    const granter: RoleGranter = {
      add: async (_g, userId, roleId) => {
        if (refuseAdds) throw refuseAdds;
        roleChanges.push(`+${userId} ${roleId}`);
      },
      remove: async (_g, userId, roleId) => void roleChanges.push(`-${userId} ${roleId}`),
    };
    const poster = { ...memoryPoster(w.clock.now).poster, sendNotice: async (channelId: string, text: string, nonce: string) => (notices.push({ channelId, text, nonce }), 'm') };
    const champions = createChampions({ champions: createChampionStore(w.db), guilds: w.guilds, granter, poster, clock: w.clock, logger: silentLogger });
    w.guilds.upsertSchedule({ guildId: 'g', kind: 'weekly', channelId: 'study', localTime: '18:00', timezone: 'UTC', weekday: 5 }, 0);
    return { ...w, champions, roleChanges, notices, refuse: (error: RoleChangeError | null) => void (refuseAdds = error) };
  }

  it('given two members with the same XP, then the one who reached it first is champion', async () => {
    const w = world();
    w.answer('alice', 'averages-1'); // alice answered first...
    w.clock.advance(60_000);
    w.answer('bob', 'averages-1');
    w.clock.advance(60_000);
    w.answer('bob', 'averages-2'); // ...but bob reached 20 XP first
    w.clock.advance(60_000);
    w.answer('alice', 'averages-2');
    w.clock.advance(60_000);
    w.answer('bob', 'spread-1', false); // a wrong answer earns nothing, so it does not move bob's time
    w.champions.set('g', role, bot, 'week');
    w.clock.set(Date.parse('2026-11-30T00:01:00Z'));
    await w.champions.settleDue();
    expect(w.roleChanges).toEqual([`+bob ${ROLE}`]);
    expect(w.notices.map((n) => n.text)).toEqual([expect.stringContaining('<@bob> is the champion of the week of 23 November 2026 with 20 XP')]);
    expect(w.notices[0]!.nonce).toMatch(/^[0-9a-f]{25}$/);
  });

  it('given a period in which nobody earned XP, then the role is taken back and nothing is announced', async () => {
    const w = world();
    w.champions.set('g', role, bot, 'week');
    w.answer('alice', 'averages-1');
    w.clock.set(Date.parse('2026-11-30T00:01:00Z'));
    await w.champions.settleDue();
    w.answer('bob', 'averages-2', false);
    w.clock.set(Date.parse('2026-12-07T00:01:00Z'));
    await w.champions.settleDue();
    expect(w.roleChanges).toEqual([`+alice ${ROLE}`, `-alice ${ROLE}`]);
    expect(w.notices).toHaveLength(1);
    expect(w.champions.overview('g').latest).toMatchObject({ periodKey: '2026-W49', winnerId: null, done: true });

    // The week after, the new champion has nobody to take the role from.
    w.answer('bob', 'averages-1');
    w.clock.set(Date.parse('2026-12-14T00:01:00Z'));
    await w.champions.settleDue();
    expect(w.roleChanges.slice(2)).toEqual([`+bob ${ROLE}`]);
  });

  it('given the bot was down for weeks, then only the latest ended period is settled, and none that ended before the setting', async () => {
    const w = world(Date.parse('2026-11-25T08:00:00Z'));
    w.answer('alice', 'averages-1'); // in week 48, before the setting
    w.clock.set(Date.parse('2026-12-01T08:00:00Z')); // week 49: week 48 had ended before the setting was made
    w.champions.set('g', role, bot, 'week');
    await w.champions.settleDue();
    expect(w.roleChanges).toEqual([]);

    w.answer('bob', 'averages-1');
    w.clock.set(Date.parse('2026-12-16T08:00:00Z')); // weeks 49 and 50 have ended; 51 is under way
    w.answer('alice', 'averages-2');
    w.clock.set(Date.parse('2026-12-22T08:00:00Z'));
    await w.champions.settleDue();
    await w.champions.settleDue();
    expect(w.roleChanges).toEqual([`+alice ${ROLE}`]);
    expect(w.db.prepare('SELECT period_key FROM champion_periods').pluck().all()).toEqual(['2026-W51']);
  });

  it('given a gift Discord still refuses when the next period ends, then the old gift is dropped and the new champion handed over', async () => {
    const w = world();
    w.champions.set('g', role, bot, 'week');
    w.answer('alice', 'averages-1');
    w.refuse(new RoleChangeError('Discord refused (Missing Permissions)', false));
    w.clock.set(Date.parse('2026-11-30T00:01:00Z'));
    await w.champions.settleDue();
    expect(w.champions.overview('g').refused).toEqual([{ period: 'week', periodKey: '2026-W48', error: 'Discord refused (Missing Permissions)' }]);

    w.refuse(null);
    w.answer('bob', 'averages-1');
    w.clock.set(Date.parse('2026-12-07T00:01:00Z'));
    await w.champions.settleDue();
    // alice never got it, but taking it back is harmless; she is not given it afterwards.
    expect(w.roleChanges).toEqual([`+bob ${ROLE}`, `-alice ${ROLE}`]);
    expect(w.notices.map((n) => n.text)).toEqual([expect.stringContaining('<@bob> is the champion of the week of 30 November 2026')]);
    expect(w.champions.overview('g').refused).toEqual([]);
  });

  it('given the champion left the server, then the step is given up, not announced, and shown', async () => {
    const w = world();
    w.champions.set('g', role, bot, 'month');
    w.answer('alice', 'averages-1');
    w.refuse(new RoleChangeError('the member has left the server', true));
    w.clock.set(Date.parse('2026-12-01T00:00:00Z'));
    await w.champions.settleDue();
    await w.champions.settleDue();
    expect(w.notices).toEqual([]);
    expect(w.champions.overview('g').latest).toMatchObject({ periodKey: '2026-11', done: true, gaveUp: 'the member has left the server' });
  });
});
