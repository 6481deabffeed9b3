import { DiscordAPIError, RESTJSONErrorCodes, Routes, type APIMessage, type Client } from 'discord.js';
import { PostError, type ChannelPoster } from '../schedule/channel-poster.js';
import type { Reply } from './command.js';
import { checkedFiles, restUpload } from './files.js';
import { renderDailyPost, renderDailyReveal, renderWeeklyPost, renderWeeklyResults } from './render/scheduled.js';

/** Turns Discord's refusals into what the scheduler needs to know, with the fix a moderator can apply. */
function asPostError(error: unknown, channelId: string): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  if (error.code === RESTJSONErrorCodes.UnknownChannel || error.status === 404) {
    return new PostError('channel-missing', `The channel <#${channelId}> no longer exists. Choose another with /schedule.`);
  }
  if (error.code === RESTJSONErrorCodes.MissingAccess || error.code === RESTJSONErrorCodes.MissingPermissions || error.status === 403) {
    return new PostError('forbidden', `I may not post in <#${channelId}>: give my role View Channel, Send Messages and Embed Links there, then /schedule resume or /schedule post-now.`);
  }
  return new PostError('transient', error.message);
}

/** Scheduled posts through the bot's REST client (and so within its rate limits). */
export function createChannelPoster(client: Client): ChannelPoster {
  // Mentions in scheduled posts name members without pinging them; only the server's ping role, when a post carries
  // it, may ping (never @everyone or @here).
  const body = (reply: Reply, pingRoleId: string | null = null) => ({
    content: reply.content, embeds: reply.embeds ?? [], components: reply.components ?? [],
    allowed_mentions: pingRoleId ? { parse: [], roles: [pingRoleId] } : { parse: [] },
  });

  async function send(channelId: string, reply: Reply, nonce: string, pingRoleId: string | null = null): Promise<string> {
    // Files go as multipart/form-data; the nonce rides in its JSON part, so a retried upload still posts once.
    const files = checkedFiles(reply.files);
    const upload = restUpload(files);
    const json = { ...body(reply, pingRoleId), nonce, enforce_nonce: true, ...(files.length > 0 ? { attachments: upload.attachments } : {}) };
    try {
      const message = (await client.rest.post(Routes.channelMessages(channelId), { body: json, files: upload.files })) as APIMessage;
      return message.id;
    } catch (error) {
      throw asPostError(error, channelId);
    }
  }

  async function edit(channelId: string, messageId: string, reply: Reply): Promise<void> {
    try {
      await client.rest.patch(Routes.channelMessage(channelId, messageId), { body: body(reply) });
    } catch (error) {
      throw asPostError(error, channelId);
    }
  }

  /** A message of ours among the channel's 50 latest that matches. */
  async function findRecent(channelId: string, matches: (message: APIMessage) => boolean): Promise<string | null> {
    try {
      const recent = (await client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: '50' }) })) as APIMessage[];
      return recent.find((m) => m.author.id === client.user?.id && matches(m))?.id ?? null;
    } catch (error) {
      throw asPostError(error, channelId);
    }
  }

  return {
    sendDaily: (channelId, post, nonce, pingRoleId) => send(channelId, renderDailyPost(post, pingRoleId), nonce, pingRoleId),
    sendWeekly: (channelId, post, nonce, pingRoleId) => send(channelId, renderWeeklyPost(post, false, pingRoleId), nonce, pingRoleId),
    sendResults: (channelId, results, nonce, image) => send(channelId, renderWeeklyResults(results, image), nonce),
    sendNotice: (channelId, text, nonce) => send(channelId, { content: text }, nonce),
    revealDaily: (channelId, messageId, post, reveal) => edit(channelId, messageId, renderDailyReveal(post, reveal)),
    closeWeekly: (channelId, messageId, post) => edit(channelId, messageId, renderWeeklyPost(post, true)),
    findByMarker: (channelId, marker) => findRecent(channelId, (m) => m.embeds.some((e) => e.footer?.text.endsWith(marker))),
    findNotice: (channelId, text) => findRecent(channelId, (m) => m.content === text),
  };
}
