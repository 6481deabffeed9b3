import { renderPicture } from '../../src/pictures/index.js';
import { createDailyThreads } from '../../src/community/daily-threads.js';
import type { ThreadOpener } from '../../src/community/thread-opener.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { createGuildContext } from '../../src/guilds/guild-context.js';
import { loadPackFromPath } from '../../src/content/load-pack.js';
import { silentLogger } from '../../src/logger.js';
import { createAnswerStore } from '../../src/store/answer-store.js';
import { createContentStore } from '../../src/store/content-store.js';
import { syncPack } from '../../src/store/content-sync.js';
import type { Db } from '../../src/store/database.js';
import { createGuildStore, type ScheduleKind } from '../../src/store/guild-store.js';
import { createPostStore } from '../../src/store/post-store.js';
import { migratedDb } from './db.js';
import { manualClock } from './bot.js';
import { memoryPoster } from './memory-poster.js';

const mini = new URL('../fixtures/packs/mini', import.meta.url).pathname;

/** The scheduler with a real SQLite file, the mini pack, a hand-moved clock and an in-memory Discord. */
export function schedulerWorld(dir: string, start: number) {
  const db: Db = migratedDb(dir);
  const loaded = loadPackFromPath(mini);
  if (!loaded.ok) throw new Error('fixture pack invalid');
  syncPack(db, loaded, { origin: 'bundled', now: 0 });
  const clock = manualClock(start);
  const discord = memoryPoster(clock.now);
  const guilds = createGuildStore(db);
  const guild = createGuildContext(guilds, clock, 'mini');
  const posts = createPostStore(db);
  const content = createContentStore(db);
  // Threads as Discord keeps them: one per message, a second attempt is the same thread.
  const threads = new Map<string, string>();
  const opener: ThreadOpener = { openOnMessage: async (_channelId, messageId, name) => void threads.set(messageId, threads.get(messageId) ?? name) };
  const make = () =>
    createScheduler({
      guilds, guild, posts, content, answers: createAnswerStore(db), poster: discord.poster, clock, logger: silentLogger,
      threads: createDailyThreads({ guilds, guild, posts, content, opener, clock, logger: silentLogger }),
      // The renderers themselves, on this thread: the scheduler's tests need the picture, not the pool.
      pictures: { render: async (picture) => renderPicture(picture) },
    });
  return {
    db, clock, discord, guilds, posts, threads,
    scheduler: make(),
    /** A new scheduler on the same database: what a restarted process would have. */
    restart() {
      this.scheduler = make();
    },
    schedule(guildId: string, kind: ScheduleKind, localTime: string, timezone: string, options: { weekday?: number; channelId?: string; since?: number } = {}) {
      guilds.upsertSchedule({ guildId, kind, channelId: options.channelId ?? `chan-${guildId}`, localTime, timezone, weekday: options.weekday ?? null }, options.since ?? 0);
    },
  };
}
