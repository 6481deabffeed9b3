import type { Clock } from '../clock.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { Logger } from '../logger.js';
import type { ContentStore } from '../store/content-store.js';
import type { GuildStore } from '../store/guild-store.js';
import type { PostRow, PostStore } from '../store/post-store.js';
import { ThreadError, type ThreadOpener } from './thread-opener.js';

/** Discord's limit on a thread name. */
export const THREAD_NAME_MAX = 100;
/** A day: the thread stays open while the day's post is the current one. */
export const THREAD_ARCHIVE_MINUTES = 1440;
/** A thread still owed this long after its post is given up: the day it was for is over. */
const THREAD_GRACE_MS = 6 * 60 * 60 * 1000;

export interface DailyThreadDeps {
  guilds: GuildStore;
  guild: GuildContext;
  posts: PostStore;
  content: ContentStore;
  opener: ThreadOpener;
  clock: Clock;
  logger: Logger;
}

/** The topic's title, on one line and within Discord's limit. */
export function threadName(title: string): string {
  const oneLine = title.replace(/\s+/g, ' ').trim() || 'Today\'s discussion';
  return oneLine.length > THREAD_NAME_MAX ? `${oneLine.slice(0, THREAD_NAME_MAX - 1)}…` : oneLine;
}

/**
 * A discussion thread on each daily post. The post row says a thread is owed in the same write that records it as
 * sent; the thread is then opened and the row updated. A crash in between leaves it owed, and the next tick opens
 * it: Discord gives a message at most one thread, and answers a second attempt with "already created", so a retry
 * never makes two. A thread that cannot be made never holds back the post.
 */
export function createDailyThreads({ guilds, guild, posts, content, opener, clock, logger }: DailyThreadDeps) {
  const opening = new Map<number, Promise<void>>();

  async function openNow(postId: number): Promise<void> {
    const post = posts.byId(postId);
    if (post?.threadStatus !== 'owed' || !post.messageId) return;
    posts.countThreadAttempt(post.id);
    const context = { guildId: post.guildId, postId: post.id, messageId: post.messageId };
    try {
      const title = content.topic(post.packId, post.topicId ?? '')?.title ?? `Daily post ${post.slot}`;
      await opener.openOnMessage(post.channelId, post.messageId, threadName(title), THREAD_ARCHIVE_MINUTES);
      posts.markThreadOpened(post.id);
      logger.info(context, 'daily thread opened');
    } catch (error) {
      if (error instanceof ThreadError && error.final) {
        posts.markThreadFailed(post.id, error.message);
        logger.warn({ ...context, reason: error.message }, 'Discord refused a daily thread; the post stays without one');
      } else if (clock.now() - (post.sentAt ?? post.claimedAt) > THREAD_GRACE_MS) {
        posts.markThreadFailed(post.id, `gave up: ${(error as Error).message}`);
        logger.error({ ...context, err: error }, 'daily thread gave up after its grace window');
      } else {
        logger.warn({ ...context, err: error }, 'could not open a daily thread; will retry');
      }
    }
  }

  return {
    /** Whether a post just sent should open a thread: daily posts, in servers that have not turned threads off. */
    wanted: (post: Pick<PostRow, 'kind' | 'guildId'>): boolean => post.kind === 'daily' && guild.settings(post.guildId).dailyThreads,

    /** Opens the thread a post owes, if it still does. Two callers reaching the same post share one attempt. */
    open(postId: number): Promise<void> {
      const pending = opening.get(postId);
      if (pending) return pending;
      const work = openNow(postId).finally(() => opening.delete(postId));
      opening.set(postId, work);
      return work;
    },

    /** Posts whose thread is still owed (a crash or a failed request after the post went out). */
    owed: (): number[] => posts.threadOwedIds(),

    /**
     * Turns threads on daily posts on or off, and says what will happen; `botCanCreateThreadsIn` tells whether
     * Discord would let the bot open one in a channel (null when unknown).
     */
    setEnabled(guildId: string, on: boolean, botCanCreateThreadsIn: (channelId: string) => boolean | null): string {
      guild.settings(guildId);
      guilds.setDailyThreads(guildId, on, clock.now());
      if (!on) return 'Daily posts will no longer open a thread. Turn it back on with `/schedule threads enabled:True`.';
      const daily = guilds.schedules(guildId).find((s) => s.kind === 'daily');
      const saved = 'Each daily post will open a thread named after its topic, for questions and discussion.';
      if (daily && botCanCreateThreadsIn(daily.channelId) === false) {
        return `${saved}\n\nBut I can't create threads in <#${daily.channelId}> yet: give my role **Create Public Threads** there ` +
          '(channel settings > Permissions). Until then the posts go out without a thread.';
      }
      return saved;
    },
  };
}

export type DailyThreads = ReturnType<typeof createDailyThreads>;
