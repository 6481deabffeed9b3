import { createHash } from 'node:crypto';
import type { GuildContext } from '../guilds/guild-context.js';
import type { Logger } from '../logger.js';
import type { ChannelPoster } from '../schedule/channel-poster.js';
import type { GuildStore } from '../store/guild-store.js';
import type { CompletedStage } from './tracker.js';

/** Where a server has chosen to celebrate completed stages: its study channel (the daily post's). */
export function createCompletionAnnouncer(guilds: GuildStore, guild: GuildContext, poster: ChannelPoster, logger: Logger) {
  return {
    announce(guildId: string, userId: string, completed: CompletedStage): void {
      if (!guild.settings(guildId).announceCompletions) return;
      const schedules = guilds.schedules(guildId);
      const channelId = (schedules.find((s) => s.kind === 'daily') ?? schedules[0])?.channelId;
      if (!channelId) return;
      const nonce = createHash('sha256').update(`done:${guildId}:${userId}:${completed.stageId}`).digest('hex').slice(0, 25);
      poster
        .sendNotice(channelId, `🎉 <@${userId}> completed the stage **${completed.title}**!`, nonce)
        .catch((error: unknown) => logger.warn({ guildId, userId, err: error }, 'could not announce a completed stage'));
    },
  };
}

export type CompletionAnnouncer = ReturnType<typeof createCompletionAnnouncer>;
