import { DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes, Routes, type Client } from 'discord.js';
import { ThreadError, type ThreadOpener } from '../community/thread-opener.js';

const forbidden = (channelId: string) =>
  `I may not create threads in <#${channelId}>: give my role **Create Public Threads** there (channel settings > Permissions), or turn threads off with /schedule threads.`;

/**
 * Whether the bot may start a thread in the channel, as its cache shows; true when the cache cannot tell, and then
 * Discord decides. Asking first spares Discord a refused request (it limits those per bot).
 */
export function botMayCreateThreads(client: Client, channelId: string): boolean {
  const channel = client.channels.cache.get(channelId);
  if (!channel || channel.isDMBased() || channel.isThread()) return true;
  const me = channel.guild.members.me;
  if (!me) return true;
  return channel.permissionsFor(me).has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.CreatePublicThreads]);
}

function explain(error: unknown, channelId: string): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  if (error.code === RESTJSONErrorCodes.MissingAccess || error.code === RESTJSONErrorCodes.MissingPermissions || error.status === 403) {
    return new ThreadError(forbidden(channelId), true);
  }
  if (error.code === RESTJSONErrorCodes.UnknownMessage || error.code === RESTJSONErrorCodes.UnknownChannel || error.status === 404) {
    return new ThreadError('the post or its channel was deleted before its thread was opened', true);
  }
  if (error.code === RESTJSONErrorCodes.MaximumActiveThreads || error.status >= 500 || error.status === 429) {
    return new ThreadError(`Discord answered ${error.status}: ${error.message}`, false);
  }
  return new ThreadError(`Discord refused the thread (${error.status} ${error.code}): ${error.message}`, true);
}

/** Threads on messages through the bot's REST client (and so within its rate limits). */
export function createThreadOpener(client: Client): ThreadOpener {
  return {
    async openOnMessage(channelId, messageId, name, autoArchiveMinutes) {
      if (!botMayCreateThreads(client, channelId)) throw new ThreadError(forbidden(channelId), true);
      try {
        await client.rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: autoArchiveMinutes } });
      } catch (error) {
        // The thread was made by an earlier attempt (a crash, or a response lost on the way): that is what we wanted.
        if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) return;
        throw explain(error, channelId);
      }
    },
  };
}
