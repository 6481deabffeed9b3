import type { Clock } from '../clock.js';
import type { GuildSettings, GuildStore } from '../store/guild-store.js';

/** Resolves a server's settings (created with defaults on first use): every service starts here. */
export function createGuildContext(guilds: GuildStore, clock: Clock, defaultPackId: string) {
  return {
    settings: (guildId: string): GuildSettings => guilds.settings(guildId, defaultPackId, clock.now()),
    packId: (guildId: string): string => guilds.settings(guildId, defaultPackId, clock.now()).packId,
  };
}

export type GuildContext = ReturnType<typeof createGuildContext>;
