import {
  MessageFlags,
  MessageType,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIUser,
} from 'discord-api-types/v10';
import { DiscordErrors, invalidFormBody } from './errors.js';
import { isEmptyMessage, messageLimitErrors } from './message-limits.js';

/** The message fields a bot may send, in any of the places it can send them (channel, callback, webhook). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  nonce?: string | number;
  enforce_nonce?: boolean;
  tts?: boolean;
  message_reference?: { message_id?: string; channel_id?: string; guild_id?: string };
}

export interface MessageOrigin {
  id: string;
  at: number;
  channelId: string;
  guildId?: string | undefined;
  author: APIUser;
  type?: MessageType;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  users?: ReadonlyMap<string, APIUser>;
}

export function asMessageBody(body: unknown): MessageBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as MessageBody) : {};
}

/** Rejects what Discord rejects: over-long fields (50035) and, for new messages, empty ones (50006). */
export function checkMessageBody(body: unknown, options: { creating: boolean }): void {
  const errors = messageLimitErrors(body);
  if (errors.length > 0) throw invalidFormBody(errors);
  if (options.creating && isEmptyMessage(body)) throw DiscordErrors.emptyMessage();
}

export function buildMessage(origin: MessageOrigin, body: MessageBody): APIMessage {
  const referenced = body.message_reference?.message_id;
  const message: APIMessage = {
    id: origin.id,
    channel_id: origin.channelId,
    author: origin.author,
    content: body.content ?? '',
    timestamp: new Date(origin.at).toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    mention_everyone: false,
    mentions: mentionedUsers(body.content ?? '', origin.users),
    mention_roles: [...(body.content ?? '').matchAll(/<@&(\d+)>/g)].map((m) => m[1]!),
    attachments: [],
    embeds: (body.embeds ?? []).map((embed) => ({ type: 'rich', ...embed }) as APIEmbed),
    components: body.components ?? [],
    pinned: false,
    type: origin.type ?? (referenced ? MessageType.Reply : MessageType.Default),
    flags: (body.flags ?? 0) as MessageFlags,
  };
  if (body.nonce !== undefined) message.nonce = body.nonce;
  if (origin.webhookId) message.webhook_id = origin.webhookId;
  if (origin.applicationId) message.application_id = origin.applicationId;
  if (origin.interactionMetadata) message.interaction_metadata = origin.interactionMetadata;
  if (referenced) message.message_reference = { message_id: referenced, channel_id: origin.channelId, ...(origin.guildId ? { guild_id: origin.guildId } : {}) };
  if (origin.guildId) (message as APIMessage & { guild_id: string }).guild_id = origin.guildId;
  return message;
}

/** PATCH semantics: only fields present in the body change; `null` clears. */
export function applyMessageEdit(message: APIMessage, body: MessageBody, at: number): APIMessage {
  const raw = body as Record<string, unknown>;
  if ('content' in raw) message.content = body.content ?? '';
  if ('embeds' in raw) message.embeds = (body.embeds ?? []).map((embed) => ({ type: 'rich', ...embed }) as APIEmbed);
  if ('components' in raw) message.components = body.components ?? [];
  if ('flags' in raw && body.flags !== undefined) {
    // Only SUPPRESS_EMBEDS may change on edit; a Loading placeholder stops loading once edited.
    const keep = (message.flags ?? 0) & ~(MessageFlags.SuppressEmbeds | MessageFlags.Loading);
    message.flags = (keep | (body.flags & MessageFlags.SuppressEmbeds)) as MessageFlags;
  } else {
    message.flags = ((message.flags ?? 0) & ~MessageFlags.Loading) as MessageFlags;
  }
  message.edited_timestamp = new Date(at).toISOString();
  return message;
}

function mentionedUsers(content: string, users?: ReadonlyMap<string, APIUser>): APIUser[] {
  if (!users) return [];
  const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!));
  return [...ids].flatMap((id) => (users.has(id) ? [users.get(id)!] : []));
}
