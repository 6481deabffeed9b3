import type { Clock } from '../clock.js';
import type { DailyThreads } from '../community/daily-threads.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { Logger } from '../logger.js';
import type { AnswerStore } from '../store/answer-store.js';
import type { ContentStore } from '../store/content-store.js';
import type { GuildStore, ScheduleKind } from '../store/guild-store.js';
import type { PostRow, PostStore } from '../store/post-store.js';
import { describePicture, type PictureRenderer } from '../pictures/index.js';
import { PostError, type ChannelPoster, type PostImage, type WeeklyResults } from './channel-poster.js';
import { createClaims, GRACE_MS } from './claims.js';
import { dailyPost, dailyReveal, markerFor, nonceFor, weeklyPost, weeklyResults, weeklyResultsPicture } from './post-content.js';
import { latestDueSlot } from './slots.js';

/** Discord remembers a nonce for a few minutes; a claim older than this is looked for in the channel before resending. */
const NONCE_MEMORY_MS = 2 * 60 * 1000;
/** Posts to different servers go out side by side; the REST client queues them within Discord's rate limits. */
const CONCURRENCY = 16;

export interface SchedulerDeps {
  guilds: GuildStore;
  guild: GuildContext;
  posts: PostStore;
  content: ContentStore;
  answers: AnswerStore;
  poster: ChannelPoster;
  threads: DailyThreads;
  clock: Clock;
  logger: Logger;
  /** Draws the weekly results chart. */
  pictures: PictureRenderer;
  /** More work each tick does after the posts (settling champion periods, say); a step that fails is logged and skipped. */
  steps?: readonly TickStep[];
}

export interface TickStep {
  name: string;
  run(): Promise<void>;
}

/**
 * SQLite is the only source of truth: each tick works out which slots are due, claims each one in the database
 * (a unique row per server, kind and slot), and only then sends, with a nonce derived from the slot. Claimed but
 * unsent posts (a crash, a failed request) are sent again by the next tick with the same nonce.
 */
export function createScheduler(deps: SchedulerDeps) {
  const { guilds, guild, posts, content, answers, poster, threads, pictures, clock, logger, steps = [] } = deps;
  const inFlight = new Set<number>();
  const revealing = new Map<number, Promise<void>>();
  let running: Promise<void> | null = null;
  const claims = createClaims(deps);

  async function send(post: PostRow): Promise<string> {
    const ping = () => guild.settings(post.guildId).pingRoleId;
    if (post.kind === 'daily') return poster.sendDaily(post.channelId, dailyPost(content, post), post.nonce, ping());
    if (post.kind === 'weekly') return poster.sendWeekly(post.channelId, weeklyPost(content, post), post.nonce, ping());
    const weekly = posts.byId(post.aboutPostId!)!;
    if (weekly.messageId) await poster.closeWeekly(weekly.channelId, weekly.messageId, weeklyPost(content, weekly)).catch(() => undefined);
    const results = weeklyResults(content, answers, weekly, post);
    return poster.sendResults(post.channelId, results, post.nonce, await resultsChart(results));
  }

  /** A chart that cannot be drawn never holds back the results: they go out as text. */
  async function resultsChart(results: WeeklyResults): Promise<PostImage | undefined> {
    if (results.participants === 0) return undefined;
    const picture = weeklyResultsPicture(results);
    try {
      return { name: 'weekly-results.png', data: await pictures.render(picture), description: describePicture(picture) };
    } catch (error) {
      logger.warn({ err: error }, 'could not draw the weekly results chart; posting the results as text');
      return undefined;
    }
  }

  /**
   * Sends a claimed post once; on a permanent refusal records why, on a transient one leaves it for the next tick.
   * A daily post that went out opens its thread (recorded as owed with the post, so a crash cannot lose it), then
   * reveals the server's previous one at once, in the same tick or command.
   */
  async function publish(post: PostRow): Promise<void> {
    if (inFlight.has(post.id)) return;
    inFlight.add(post.id);
    const scheduleKind: ScheduleKind = post.kind === 'daily' ? 'daily' : 'weekly';
    let sent = false;
    const threadOwed = threads.wanted(post);
    try {
      posts.countAttempt(post.id);
      const recovered = clock.now() - post.claimedAt > NONCE_MEMORY_MS ? await poster.findByMarker(post.channelId, markerFor(post)) : null;
      const messageId = recovered ?? (await send(post));
      posts.markSent(post.id, messageId, clock.now(), threadOwed);
      sent = true;
      guilds.setScheduleError(post.guildId, scheduleKind, null);
      logger.info({ guildId: post.guildId, kind: post.kind, slot: post.slot, messageId, recovered: recovered !== null }, 'scheduled post sent');
      if (post.kind === 'weekly') closeEarlierChallenges(post);
    } catch (error) {
      if (error instanceof PostError && error.reason !== 'transient') {
        posts.markFailed(post.id, error.message);
        guilds.setScheduleError(post.guildId, scheduleKind, error.message);
        logger.warn({ guildId: post.guildId, kind: post.kind, slot: post.slot, reason: error.reason }, 'Discord refused a scheduled post');
      } else if (clock.now() - post.dueAt > GRACE_MS[scheduleKind]) {
        posts.markFailed(post.id, `gave up: ${(error as Error).message}`);
        logger.error({ guildId: post.guildId, kind: post.kind, slot: post.slot, err: error }, 'scheduled post gave up after its grace window');
      } else {
        logger.warn({ guildId: post.guildId, kind: post.kind, slot: post.slot, err: error }, 'scheduled post failed; will retry');
      }
    } finally {
      inFlight.delete(post.id);
    }
    if (sent && threadOwed) await threads.open(post.id);
    if (sent && post.kind === 'daily') await revealEarlierDailies(post);
  }

  /** Each row is read when its turn comes, so it is fresh (a post-now may have sent it meanwhile). */
  async function publishClaimed(postId: number): Promise<void> {
    const post = posts.byId(postId);
    if (post?.status === 'claimed') await publish(post);
  }

  /** The previous challenge closes when the next is out: no more answers, then a results post (claimed like any other). */
  function closeEarlierChallenges(latest: PostRow): void {
    for (const open of posts.openPosts(latest.guildId, 'weekly')) {
      if (open.id === latest.id || open.dueAt > latest.dueAt) continue;
      posts.markClosed(open.id, clock.now());
      posts.claim({
        guildId: open.guildId, kind: 'results', slot: open.slot, dueAt: clock.now(), channelId: open.channelId,
        nonce: nonceFor(open.guildId, 'results', open.slot), packId: open.packId, aboutPostId: open.id, now: clock.now(),
      });
    }
  }

  /** Only this server's open dailies, so a post costs one indexed lookup rather than a scan of every server. */
  async function revealEarlierDailies(latest: PostRow): Promise<void> {
    for (const open of posts.openPosts(latest.guildId, 'daily')) {
      if (open.dueAt < latest.dueAt) await reveal(open);
    }
  }

  /**
   * Edits a daily post to show its answer, then closes it. A reveal already on its way is joined, not repeated: the
   * tick's sweep and a post going out may both reach the same post.
   */
  function reveal(post: PostRow): Promise<void> {
    const pending = revealing.get(post.id);
    if (pending) return pending;
    // .finally runs after the set below, even when the reveal fails before its first await.
    const work = revealNow(post).finally(() => revealing.delete(post.id));
    revealing.set(post.id, work);
    return work;
  }

  async function revealNow(post: PostRow): Promise<void> {
    if (posts.byId(post.id)?.closedAt !== null) return; // closed since the row was read
    try {
      await poster.revealDaily(post.channelId, post.messageId!, dailyPost(content, post), dailyReveal(content, answers, post));
      posts.markClosed(post.id, clock.now());
    } catch (error) {
      if (error instanceof PostError && error.reason !== 'transient') posts.markClosed(post.id, clock.now(), error.message);
      else logger.warn({ guildId: post.guildId, postId: post.id, err: error }, 'could not reveal a daily answer; will retry');
    }
  }

  /** The sweep: dailies a day old, and any whose reveal with the next post failed and is due a retry. */
  async function sweepReveals(): Promise<void> {
    for (const post of posts.dailyToReveal(clock.now())) await reveal(post);
  }

  async function runTick(): Promise<void> {
    // Threads still owed from earlier (a crash or a failed request); those of this tick's posts are opened as they go out.
    const threadsOwed = threads.owed();
    await claims.claimAllDue();
    const first = posts.unsentIds();
    await inParallel(first, publishClaimed);
    // Sending a weekly challenge claims the results post of the one before: send that in the same tick.
    const tried = new Set(first);
    await inParallel(posts.unsentIds().filter((id) => !tried.has(id)), publishClaimed);
    await inParallel(threadsOwed, threads.open);
    await sweepReveals();
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        logger.error({ step: step.name, err: error }, 'a tick step failed');
      }
    }
  }

  return {
    /** Posts whatever is due, then runs the extra steps. Overlapping calls share one run, so a double tick cannot double-post. */
    tick(): Promise<void> {
      running ??= runTick().finally(() => (running = null));
      return running;
    },

    /** Resolves when no tick is running (for a clean shutdown). */
    idle: (): Promise<void> => running?.catch(() => undefined) ?? Promise.resolve(),

    /**
     * Posts now. If the current slot is due and not yet posted, this is that slot; otherwise an extra post that
     * leaves the schedule as it is.
     */
    async postNow(guildId: string, kind: ScheduleKind): Promise<{ ok: true; post: PostRow } | { ok: false; error: string }> {
      const schedule = guilds.activeSchedules().find((s) => s.guildId === guildId && s.kind === kind) ??
        guilds.schedules(guildId).map((s) => ({ ...s, activeSince: 0 })).find((s) => s.kind === kind);
      if (!schedule) return { ok: false, error: `There is no ${kind} schedule yet. Set one with /schedule ${kind} first.` };
      const packId = guild.packId(guildId);
      const now = clock.now();
      const due = latestDueSlot(schedule, now);
      const current = due.dueAt >= schedule.activeSince && now - due.dueAt <= GRACE_MS[kind] && !posts.bySlot(guildId, kind, due.key);
      const slot = current ? due : { key: `manual-${now}`, dueAt: now };
      const claimed = claims.claimDue({ ...schedule, activeSince: 0 }, slot, packId);
      if (!claimed) return { ok: false, error: guilds.schedules(guildId).find((s) => s.kind === kind)?.lastError ?? 'Nothing to post.' };
      await publish(claimed);
      const post = posts.byId(claimed.id)!;
      return post.status === 'sent' ? { ok: true, post } : { ok: false, error: post.error ?? 'Discord did not accept the message; the next tick will try again.' };
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
