import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
  type APIThreadChannel,
  type ChannelFlags,
  type ThreadChannelType,
} from 'discord-api-types/v10';
import { json, type RouteDefinition, type Services } from '../context.js';
import { DiscordErrors, DiscordHttpError, invalidFormBody, type FieldError } from '../errors.js';
import { hasPermission } from '../permissions.js';

const ARCHIVE_MINUTES: readonly number[] = [
  ThreadAutoArchiveDuration.OneHour, ThreadAutoArchiveDuration.OneDay, ThreadAutoArchiveDuration.ThreeDays, ThreadAutoArchiveDuration.OneWeek,
];

/** The body errors Discord reports for "start thread from message" (50035). */
function bodyErrors(body: unknown): FieldError[] {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { name?: unknown; auto_archive_duration?: unknown };
  const errors: FieldError[] = [];
  if (typeof b.name !== 'string' || b.name.length === 0) errors.push({ path: 'name', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  else if (b.name.length > 100) errors.push({ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  if (b.auto_archive_duration !== undefined && b.auto_archive_duration !== null && !ARCHIVE_MINUTES.includes(b.auto_archive_duration as number)) {
    errors.push({ path: 'auto_archive_duration', code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${ARCHIVE_MINUTES.join(', ')}}.` });
  }
  return errors;
}

/**
 * POST /channels/{channel.id}/messages/{message.id}/threads, as Discord does it: View Channel and Create Public
 * Threads in the parent, a thread that takes the message's id (so a message has at most one: 160004 on a second
 * attempt), a public thread in a text channel or an announcement thread in an announcement channel.
 */
export function threadRoutes(services: Services): RouteDefinition[] {
  const { state } = services;
  const bot = state.botUser.id;

  return [
    {
      method: 'POST',
      pattern: '/channels/:channel_id/messages/:message_id/threads',
      handle: (req) => {
        const parent = state.channel(req.params.channel_id!);
        const permissions = state.permissionsOf(parent.guild_id!, bot, parent.id);
        if (!hasPermission(permissions, PermissionFlagsBits.ViewChannel)) throw DiscordErrors.missingAccess();
        if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement) {
          throw new DiscordHttpError(400, { code: 50024, message: 'Cannot execute action on this channel type' });
        }
        const message = state.messagesIn(parent.id).find((m) => m.id === req.params.message_id);
        if (!message) throw DiscordErrors.unknownMessage();
        if (!hasPermission(permissions, PermissionFlagsBits.CreatePublicThreads)) throw DiscordErrors.missingPermissions();
        const errors = bodyErrors(req.body);
        if (errors.length > 0) throw invalidFormBody(errors);
        if (message.thread || state.channels.has(message.id)) {
          throw new DiscordHttpError(400, { code: 160004, message: 'A thread has already been created for this message' });
        }
        const body = req.body as { name: string; auto_archive_duration?: number | null; rate_limit_per_user?: number | null };
        const at = new Date(services.now()).toISOString();
        const type: ThreadChannelType = parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
        const thread: APIThreadChannel = {
          id: message.id,
          type,
          guild_id: parent.guild_id!,
          parent_id: parent.id,
          owner_id: bot,
          name: body.name,
          flags: 0 as ChannelFlags,
          last_message_id: null,
          rate_limit_per_user: body.rate_limit_per_user ?? 0,
          message_count: 0,
          member_count: 1,
          total_message_sent: 0,
          thread_metadata: {
            archived: false,
            auto_archive_duration: (body.auto_archive_duration ?? ThreadAutoArchiveDuration.OneDay) as ThreadAutoArchiveDuration,
            archive_timestamp: at,
            locked: false,
            create_timestamp: at,
          },
        };
        state.channels.set(thread.id, thread);
        message.thread = thread;
        services.gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }, GatewayIntentBits.Guilds);
        return json(thread, 201);
      },
    },
  ];
}
