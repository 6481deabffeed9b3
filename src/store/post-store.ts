import type { Db } from './database.js';

export type PostKind = 'daily' | 'weekly' | 'results';
export type PostStatus = 'claimed' | 'sent' | 'failed' | 'skipped';
/** A daily post's thread: owed from the moment the post is recorded as sent until it exists or Discord refused for good. */
export type ThreadStatus = 'owed' | 'opened' | 'failed';

export interface PostRow {
  id: number;
  guildId: string;
  kind: PostKind;
  slot: string;
  dueAt: number;
  status: PostStatus;
  channelId: string;
  nonce: string;
  packId: string;
  planDay: number | null;
  topicId: string | null;
  questionKey: number | null;
  challengeId: string | null;
  aboutPostId: number | null;
  messageId: string | null;
  attempts: number;
  claimedAt: number;
  sentAt: number | null;
  closedAt: number | null;
  error: string | null;
  threadStatus: ThreadStatus | null;
  threadAttempts: number;
  threadError: string | null;
}

export type ClaimInput = Pick<PostRow, 'guildId' | 'kind' | 'slot' | 'dueAt' | 'channelId' | 'nonce' | 'packId'> &
  Partial<Pick<PostRow, 'planDay' | 'topicId' | 'questionKey' | 'challengeId' | 'aboutPostId'>> & { now: number };

const COLUMNS = `id, guild_id AS guildId, kind, slot, due_at AS dueAt, status, channel_id AS channelId, nonce, pack_id AS packId,
  plan_day AS planDay, topic_id AS topicId, question_key AS questionKey, challenge_id AS challengeId,
  about_post_id AS aboutPostId, message_id AS messageId, attempts, claimed_at AS claimedAt, sent_at AS sentAt,
  closed_at AS closedAt, error, thread_status AS threadStatus, thread_attempts AS threadAttempts, thread_error AS threadError`;

/** Posts still clicked are the recent ones; older rows are read again if anyone clicks them. */
const MAX_CACHED_POSTS = 10_000;

/** The ledger of scheduled posts: claim before send, then record what happened. */
export function createPostStore(db: Db) {
  const s = {
    claim: db.prepare(`INSERT INTO posts (guild_id, kind, slot, due_at, status, channel_id, nonce, pack_id, plan_day, topic_id,
        question_key, challenge_id, about_post_id, claimed_at)
      VALUES (@guildId, @kind, @slot, @dueAt, @status, @channelId, @nonce, @packId, @planDay, @topicId, @questionKey,
        @challengeId, @aboutPostId, @now)
      ON CONFLICT (guild_id, kind, slot) DO NOTHING`),
    bySlot: db.prepare(`SELECT ${COLUMNS} FROM posts WHERE guild_id = ? AND kind = ? AND slot = ?`),
    byId: db.prepare(`SELECT ${COLUMNS} FROM posts WHERE id = ?`),
    unsent: db.prepare(`SELECT ${COLUMNS} FROM posts WHERE status = 'claimed' ORDER BY due_at`),
    unsentIds: db.prepare(`SELECT id FROM posts WHERE status = 'claimed' ORDER BY due_at, id`),
    attempt: db.prepare('UPDATE posts SET attempts = attempts + 1 WHERE id = ?'),
    sent: db.prepare(`UPDATE posts SET status = 'sent', message_id = @messageId, sent_at = @now, error = NULL,
      thread_status = CASE WHEN @threadOwed = 1 THEN 'owed' ELSE thread_status END WHERE id = @id AND status = 'claimed'`),
    threadOwedIds: db.prepare(`SELECT id FROM posts WHERE thread_status = 'owed' ORDER BY id`),
    threadAttempt: db.prepare(`UPDATE posts SET thread_attempts = thread_attempts + 1 WHERE id = ?`),
    threadDone: db.prepare(`UPDATE posts SET thread_status = ?, thread_error = ? WHERE id = ? AND thread_status = 'owed'`),
    failed: db.prepare(`UPDATE posts SET status = 'failed', error = ? WHERE id = ? AND status = 'claimed'`),
    closed: db.prepare('UPDATE posts SET closed_at = ?, error = coalesce(?, error) WHERE id = ? AND closed_at IS NULL'),
    countPosted: db.prepare(`SELECT count(*) FROM posts WHERE guild_id = ? AND kind = ? AND pack_id = ? AND status IN ('claimed', 'sent')`),
    latestOpen: db.prepare(`SELECT ${COLUMNS} FROM posts WHERE guild_id = ? AND kind = ? AND status = 'sent' AND closed_at IS NULL
      ORDER BY due_at DESC, id DESC`),
    dailyToReveal: db.prepare(`SELECT ${COLUMNS} FROM posts p WHERE kind = 'daily' AND status = 'sent' AND closed_at IS NULL
      AND (sent_at <= @cutoff OR EXISTS (SELECT 1 FROM posts n WHERE n.guild_id = p.guild_id AND n.kind = 'daily'
        AND n.status = 'sent' AND n.due_at > p.due_at))`),
  };
  // Every click on a post reads its row; a row changes only through the writes below, which forget it.
  const byIdCache = new Map<number, Readonly<PostRow>>();
  const forget = (id: number) => byIdCache.delete(id);
  const remember = (row: PostRow) => {
    if (byIdCache.size >= MAX_CACHED_POSTS) byIdCache.delete(byIdCache.keys().next().value!);
    byIdCache.set(row.id, Object.freeze(row));
  };
  return {
    /** Runs `work` as one transaction: many claims commit together (one commit, not one each) or not at all. */
    atomically<T>(work: () => T): T {
      try {
        return db.transaction(work)();
      } catch (error) {
        byIdCache.clear(); // rows read inside the transaction may show what was rolled back
        throw error;
      }
    },
    /** Inserts the claim; returns the row that holds the slot and whether this call made it. */
    claim(input: ClaimInput, status: 'claimed' | 'skipped' = 'claimed'): { post: PostRow; claimed: boolean } {
      const { changes } = s.claim.run({
        planDay: null, topicId: null, questionKey: null, challengeId: null, aboutPostId: null, ...input, status,
      });
      return { post: s.bySlot.get(input.guildId, input.kind, input.slot) as PostRow, claimed: changes === 1 };
    },
    bySlot: (guildId: string, kind: PostKind, slot: string) => s.bySlot.get(guildId, kind, slot) as PostRow | undefined,
    byId(id: number): PostRow | undefined {
      let row = byIdCache.get(id);
      if (!row) {
        row = s.byId.get(id) as PostRow | undefined;
        if (!row) return undefined;
        remember(row);
      }
      return { ...row };
    },
    unsent: () => s.unsent.all() as PostRow[],
    /** The same, as ids only: reading a thousand whole rows at once holds the event loop for several milliseconds. */
    unsentIds: () => s.unsentIds.pluck().all() as number[],
    countAttempt: (id: number) => void (s.attempt.run(id), forget(id)),
    /** `threadOwed` records, in the same write, that a thread is still to be opened on the message. */
    markSent: (id: number, messageId: string, now: number, threadOwed = false) =>
      (forget(id), s.sent.run({ id, messageId, now, threadOwed: threadOwed ? 1 : 0 }).changes === 1),
    /** Sent posts whose thread is still to be opened (a crash or a failed request came between). */
    threadOwedIds: () => s.threadOwedIds.pluck().all() as number[],
    countThreadAttempt: (id: number) => void (s.threadAttempt.run(id), forget(id)),
    markThreadOpened: (id: number) => void (s.threadDone.run('opened', null, id), forget(id)),
    markThreadFailed: (id: number, error: string) => void (s.threadDone.run('failed', error, id), forget(id)),
    markFailed: (id: number, error: string) => void (s.failed.run(error, id), forget(id)),
    markClosed: (id: number, now: number, error?: string) => void (s.closed.run(now, error ?? null, id), forget(id)),
    /** How many posts of this kind the server has had from this pack: the position in the study plan. */
    countPosted: (guildId: string, kind: PostKind, packId: string) => s.countPosted.pluck().get(guildId, kind, packId) as number,
    openPosts: (guildId: string, kind: PostKind) => s.latestOpen.all(guildId, kind) as PostRow[],
    /** Daily posts whose answer should now be revealed: a newer one is out, or a day has passed. */
    dailyToReveal: (now: number) => s.dailyToReveal.all({ cutoff: now - 24 * 60 * 60 * 1000 }) as PostRow[],
  };
}

export type PostStore = ReturnType<typeof createPostStore>;
