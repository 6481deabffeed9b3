import { ChannelType, PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { json, noContent, type RouteDefinition, type RouteRequest, type Services } from '../context.js';
import { DiscordErrors, DiscordHttpError, invalidFormBody } from '../errors.js';
import { attachOnCreate, attachOnEdit } from '../message-attachments.js';
import { applyMessageEdit, asMessageBody, buildMessage, checkMessageBody } from '../messages.js';
import { hasPermission } from '../permissions.js';
import { isThread, type StoredChannel } from '../guild-builder.js';

export function channelRoutes(services: Services): RouteDefinition[] {
  const { state } = services;
  const bot = state.botUser.id;
  // author + nonce -> message, for enforce_nonce (Discord documents uniqueness per author, not per channel).
  const { nonces } = state;

  const visibleChannel = (req: RouteRequest) => {
    const channel = state.channel(req.params.channel_id!);
    if (!hasPermission(state.permissionsOf(channel.guild_id!, bot, channel.id), PermissionFlagsBits.ViewChannel)) throw DiscordErrors.missingAccess();
    return channel;
  };
  /** The bot's mentions ping only mentionable roles, unless it may mention everyone there. */
  const mentionContext = (channel: StoredChannel) => ({
    users: state.users,
    roles: state.guild(channel.guild_id!).roles,
    canMentionEveryone: hasPermission(state.permissionsOf(channel.guild_id!, bot, channel.id), PermissionFlagsBits.MentionEveryone),
  });
  const findMessage = (req: RouteRequest) => {
    const channel = visibleChannel(req);
    const message = state.messagesIn(channel.id).find((m) => m.id === req.params.message_id);
    if (!message) throw DiscordErrors.unknownMessage();
    return message;
  };

  return [
    { method: 'GET', pattern: '/channels/:channel_id', handle: (req) => json(visibleChannel(req)) },
    {
      method: 'GET',
      pattern: '/channels/:channel_id/messages',
      handle: (req) => {
        const limit = Math.min(100, Number(req.query.get('limit') ?? 50));
        return json([...state.messagesIn(visibleChannel(req).id)].reverse().slice(0, limit));
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channel_id/messages',
      handle: (req) => {
        const channel = visibleChannel(req);
        if (channel.type === ChannelType.GuildCategory) throw new DiscordHttpError(400, { code: 50008, message: 'Cannot send messages in a non-text channel' });
        const send = isThread(channel) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
        if (!hasPermission(state.permissionsOf(channel.guild_id!, bot, channel.id), send)) throw DiscordErrors.missingPermissions();
        const body = asMessageBody(req.body);
        checkMessageBody(body, { creating: true, files: req.files.length });
        const { nonce } = body;
        if (typeof nonce === 'string' && nonce.length > 25) {
          throw invalidFormBody([{ path: 'nonce', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }]);
        }
        const key = `${bot}:${String(nonce)}`;
        const earlier = nonces.get(key);
        if (body.enforce_nonce && nonce !== undefined && earlier && services.now() - earlier.at < services.limits.nonceWindowMs) {
          return json(earlier.message);
        }
        const message = buildMessage(
          { id: services.ids.next(), at: services.now(), channelId: channel.id, guildId: channel.guild_id, author: state.botUser, ...mentionContext(channel) },
          body,
        );
        attachOnCreate(services, message, body, req.files);
        state.messagesIn(channel.id).push(message);
        if (body.enforce_nonce && nonce !== undefined) nonces.set(key, { message, at: services.now() });
        services.announce('create', message);
        return json(message);
      },
    },
    { method: 'GET', pattern: '/channels/:channel_id/messages/:message_id', handle: (req) => json(findMessage(req)) },
    {
      method: 'PATCH',
      pattern: '/channels/:channel_id/messages/:message_id',
      attachmentsBefore: (req) => findMessage(req).attachments,
      handle: (req) => {
        const message = findMessage(req);
        if (message.author.id !== bot) throw DiscordErrors.cannotEditOthers();
        checkMessageBody(req.body, { creating: false });
        applyMessageEdit(message, asMessageBody(req.body), services.now(), mentionContext(state.channel(message.channel_id)));
        attachOnEdit(services, message, req.body, req.files);
        services.announce('update', message);
        return json(message);
      },
    },
    {
      method: 'DELETE',
      pattern: '/channels/:channel_id/messages/:message_id',
      handle: (req) => {
        const message = findMessage(req);
        const channel = state.channel(message.channel_id);
        const canManage = hasPermission(state.permissionsOf(channel.guild_id!, bot, channel.id), PermissionFlagsBits.ManageMessages);
        if (message.author.id !== bot && !canManage) throw DiscordErrors.missingPermissions();
        const list = state.messagesIn(channel.id);
        list.splice(list.indexOf(message), 1);
        services.announce('delete', message);
        return noContent();
      },
    },
  ];
}
