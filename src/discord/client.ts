import { Client, GatewayIntentBits, Options } from 'discord.js';

export interface ClientSettings {
  /** Base URL of the REST API without version; the gateway address is then asked of it. */
  apiUrl?: string | undefined;
  /** How long one REST request may take before discord.js aborts and retries it (its default is 15 s). */
  restTimeoutMs?: number | undefined;
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
    rest: { ...(settings.apiUrl ? { api: settings.apiUrl } : {}), ...(settings.restTimeoutMs ? { timeout: settings.restTimeoutMs } : {}) },
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
