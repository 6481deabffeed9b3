import { PostError, type ChannelPoster, type DailyPost, type DailyReveal, type PostImage, type WeeklyPost, type WeeklyResults } from '../../src/schedule/channel-poster.js';

export interface SentMessage {
  id: string;
  channelId: string;
  kind: 'daily' | 'weekly' | 'results';
  nonce: string;
  marker: string;
  at: number;
  content: DailyPost | WeeklyPost | WeeklyResults;
  /** The picture a results post carried, if any. */
  image?: PostImage;
}

/**
 * A channel poster that keeps messages in memory, the way Discord would for the scheduler's purposes: a repeated
 * nonce returns the first message; a channel can be made to refuse or to fail transiently.
 */
export function memoryPoster(now: () => number) {
  const messages: SentMessage[] = [];
  const reveals: { messageId: string; reveal: DailyReveal }[] = [];
  const closed: string[] = [];
  const refusing = new Map<string, PostError['reason']>();
  let transientFailures = 0;
  let nextId = 1000;

  function send(channelId: string, kind: SentMessage['kind'], content: SentMessage['content'], marker: string, nonce: string, image?: PostImage): Promise<string> {
    const reason = refusing.get(channelId);
    if (reason) return Promise.reject(new PostError(reason, `refused: ${reason}`));
    if (transientFailures > 0) {
      transientFailures -= 1;
      return Promise.reject(new PostError('transient', 'Discord answered 503'));
    }
    const existing = messages.find((m) => m.channelId === channelId && m.nonce === nonce);
    if (existing) return Promise.resolve(existing.id);
    const message: SentMessage = { id: String(nextId++), channelId, kind, nonce, marker, at: now(), content, ...(image ? { image } : {}) };
    messages.push(message);
    return Promise.resolve(message.id);
  }

  const poster: ChannelPoster = {
    sendDaily: (channelId, post, nonce) => send(channelId, 'daily', post, post.marker, nonce),
    sendWeekly: (channelId, post, nonce) => send(channelId, 'weekly', post, post.marker, nonce),
    sendResults: (channelId, results, nonce, image) => send(channelId, 'results', results, results.marker, nonce, image),
    sendNotice: async () => 'notice',
    revealDaily: async (_channelId, messageId, _post, reveal) => void reveals.push({ messageId, reveal }),
    closeWeekly: async (_channelId, messageId) => void closed.push(messageId),
    findNotice: async () => null,
    findByMarker: async (channelId, marker) => messages.find((m) => m.channelId === channelId && m.marker === marker)?.id ?? null,
  };
  return {
    poster,
    messages,
    reveals,
    closed,
    refuse: (channelId: string, reason: PostError['reason']) => refusing.set(channelId, reason),
    failNext: (count: number) => void (transientFailures = count),
  };
}
