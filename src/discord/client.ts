import { Client, GatewayIntentBits, Options } from 'discord.js';
import { Agent, type Dispatcher } from 'undici';

export interface ClientSettings {
  /** Base URL of the REST API without version; the gateway address is then asked of it. */
  apiUrl?: string | undefined;
  /** How long one REST request may take before discord.js aborts and retries it (its default is 15 s). */
  restTimeoutMs?: number | undefined;
  /** The connections REST requests go through (createRestPool); its owner closes them after the client. */
  dispatcher: Dispatcher;
  /** Gateway shards, all in this process; undefined: as many as GET /gateway/bot recommends. */
  shardCount?: number | undefined;
  /** Discord's global REST limit for this bot (50 a second unless Discord raised it). */
  globalRequestsPerSecond?: number | undefined;
}

/**
 * Connections kept open to the REST API, per pool. A request holds its connection for a round trip (tens of ms to
 * Discord), so the pool bounds the requests in flight: 256 connections carry thousands of requests a second. Without
 * a bound, and with undici's default 4 s keep-alive, a burst of clicks opened a connection for every request that
 * found the others busy and closed them again soon after: TCP and TLS handshakes just when the bot was behind.
 */
export const REST_CONNECTIONS = 256;

/** An interaction's first response, which Discord wants within 3 seconds. */
const INTERACTION_CALLBACK = /\/interactions\/\d+\/[^/]+\/callback(\?|$)/;

export interface RestPool {
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/**
 * Two pools of keep-alive connections: one only for interaction callbacks, one for everything else. A thousand
 * scheduled posts or a queue of follow-ups then never stand between a member's click and its acknowledgement.
 */
export function createRestPool(): RestPool {
  const options = { connections: REST_CONNECTIONS, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connect: { timeout: 30_000 } };
  const others = new Agent(options);
  const callbacks = new Agent(options);
  const dispatcher = others.compose((dispatch) => (request, handler) =>
    INTERACTION_CALLBACK.test(request.path) ? callbacks.dispatch(request, handler) : dispatch(request, handler));
  return {
    dispatcher,
    async close() {
      await Promise.all([others.close(), callbacks.close()]);
    },
  };
}

/**
 * The bot needs only the Guilds intent: slash commands and buttons arrive as interactions, and it never reads
 * message content or member lists (no privileged intents to enable in the developer portal).
 *
 * Every interaction carries the member, user and message it concerns, so the bot caches none of them (only
 * its own member, which role checks need): otherwise each member who ever clicked would stay in memory.
 */
export function createDiscordClient(settings: ClientSettings): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // discord.js's own sharding: 'auto' asks GET /gateway/bot how many; each shard identifies in turn (max_concurrency).
    ...(settings.shardCount
      ? { shards: Array.from({ length: settings.shardCount }, (_, id) => id), shardCount: settings.shardCount }
      : { shards: 'auto' as const }),
    rest: {
      agent: settings.dispatcher,
      ...(settings.globalRequestsPerSecond ? { globalRequestsPerSecond: settings.globalRequestsPerSecond } : {}),
      ...(settings.apiUrl ? { api: settings.apiUrl } : {}),
      ...(settings.restTimeoutMs ? { timeout: settings.restTimeoutMs } : {}),
    },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });
}
