import {
  MessageFlags,
  MessageType,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIRole,
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
  allowed_mentions?: AllowedMentions;
}

/** Which mentions in the content may notify anyone; without it Discord parses them all. */
export interface AllowedMentions {
  parse?: ('users' | 'roles' | 'everyone')[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

/** What decides whether a mention notifies: the guild's roles (only mentionable ones ping) and the author's rights. */
export interface MentionContext {
  users?: ReadonlyMap<string, APIUser> | undefined;
  roles?: ReadonlyMap<string, APIRole> | undefined;
  /** Mention @everyone, @here and All Roles: pings any role and @everyone. Default true (webhooks and callbacks). */
  canMentionEveryone?: boolean | undefined;
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
  roles?: ReadonlyMap<string, APIRole>;
  canMentionEveryone?: boolean;
}

export function asMessageBody(body: unknown): MessageBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as MessageBody) : {};
}

/** Rejects what Discord rejects: over-long fields (50035) and, for new messages, empty ones (50006; a file is not empty). */
export function checkMessageBody(body: unknown, options: { creating: boolean; files?: number }): void {
  const errors = [...messageLimitErrors(body), ...allowedMentionErrors(asMessageBody(body).allowed_mentions)];
  if (errors.length > 0) throw invalidFormBody(errors);
  if (options.creating && !options.files && isEmptyMessage(body)) throw DiscordErrors.emptyMessage();
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
    ...resolveMentions(body.content ?? '', body.allowed_mentions, origin),
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
export function applyMessageEdit(message: APIMessage, body: MessageBody, at: number, mentions: MentionContext = {}): APIMessage {
  const raw = body as Record<string, unknown>;
  if ('content' in raw) {
    message.content = body.content ?? '';
    Object.assign(message, resolveMentions(message.content, body.allowed_mentions, mentions));
  }
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

/**
 * Who a message notifies, as Discord fills `mentions`, `mention_roles` and `mention_everyone`: only mentions the
 * content makes and `allowed_mentions` permits; a role only if it is mentionable or the author may mention all roles.
 */
function resolveMentions(content: string, allowed: AllowedMentions | undefined, context: MentionContext) {
  const parse = new Set(allowed ? (allowed.parse ?? []) : ['users', 'roles', 'everyone']);
  const mayPing = context.canMentionEveryone ?? true;
  const userIds = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!));
  const roleIds = new Set([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!));
  const users = context.users;
  return {
    mention_everyone: parse.has('everyone') && mayPing && /@(everyone|here)\b/.test(content),
    mentions: [...userIds]
      .filter((id) => parse.has('users') || (allowed?.users ?? []).includes(id))
      .flatMap((id) => (users?.has(id) ? [users.get(id)!] : [])),
    mention_roles: [...roleIds]
      .filter((id) => parse.has('roles') || (allowed?.roles ?? []).includes(id))
      .filter((id) => !context.roles || (context.roles.has(id) && (mayPing || context.roles.get(id)!.mentionable))),
  };
}

/** Discord refuses a type both parsed and listed, and lists of more than 100 ids. */
function allowedMentionErrors(allowed: AllowedMentions | undefined) {
  if (!allowed) return [];
  return (['users', 'roles'] as const).flatMap((kind) => {
    const listed = allowed[kind];
    if (listed && allowed.parse?.includes(kind)) {
      return [{ path: 'allowed_mentions', code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.` }];
    }
    if (listed && listed.length > 100) return [{ path: `allowed_mentions.${kind}`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' }];
    return [];
  });
}

