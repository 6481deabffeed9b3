import {
  ChannelType,
  OverwriteType,
  type APIGuildCategoryChannel,
  type APIGuildMember,
  type APIGuildVoiceChannel,
  type APINewsChannel,
  type APIThreadChannel,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GuildMemberFlags,
  type RoleFlags,
} from 'discord-api-types/v10';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.js';
import type { ChannelSpec, GuildSpec, OverwriteSpec, RoleSpec } from './specs.js';

/** Pure builders that turn a test's GuildSpec into Discord objects. */

export type StoredChannel = APITextChannel | APINewsChannel | APIGuildCategoryChannel | APIGuildVoiceChannel | APIThreadChannel;

export function isThread(channel: StoredChannel): channel is APIThreadChannel {
  return channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread || channel.type === ChannelType.AnnouncementThread;
}

/** @everyone (id = guild id), the spec's roles, and the bot's managed role as Discord creates it on invite. */
export function buildRoles(guildId: string, spec: GuildSpec, botUser: APIUser, nextId: () => string): Map<string, APIRole> {
  const everyone = role(guildId, '@everyone', 0, spec.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS);
  const specs = spec.roles ?? [];
  const list = specs.map((r, index) => role(r.id ?? nextId(), r.name, r.position ?? index + 1, r.permissions ?? 0n, r));
  const botRole = role(nextId(), botUser.username, spec.bot?.position ?? specs.length + 1, spec.bot?.permissions ?? DEFAULT_BOT_PERMISSIONS, {
    managed: true,
  });
  botRole.tags = { bot_id: botUser.id };
  return new Map([everyone, ...list, botRole].map((r) => [r.id, r]));
}

export function buildMember(user: APIUser, roles: string[], nick: string | null | undefined, joinedAt: string): APIGuildMember & { user: APIUser } {
  return {
    user,
    roles,
    nick: nick ?? null,
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    premium_since: null,
    avatar: null,
    banner: null,
    communication_disabled_until: null,
  };
}

export function buildChannel(
  id: string,
  guildId: string,
  spec: ChannelSpec,
  position: number,
  permission_overwrites: APIOverwrite[],
  parent_id: string | null,
): StoredChannel {
  const base = { id, guild_id: guildId, name: spec.name, position, permission_overwrites, parent_id, nsfw: false, flags: 0 };
  const type = spec.type ?? ChannelType.GuildText;
  switch (type) {
    case ChannelType.GuildCategory:
      return { ...base, type, parent_id: null };
    case ChannelType.GuildVoice:
      return { ...base, type, bitrate: 64000, user_limit: 0, rtc_region: null, last_message_id: null, rate_limit_per_user: 0 };
    default:
      return { ...base, type, topic: spec.topic ?? null, last_message_id: null, rate_limit_per_user: 0, last_pin_timestamp: null };
  }
}

export function buildOverwrite(
  guildId: string,
  spec: OverwriteSpec,
  resolveRole: (ref: string) => string,
  users: Record<string, string>,
): APIOverwrite {
  const allow = (spec.allow ?? 0n).toString();
  const deny = (spec.deny ?? 0n).toString();
  if (spec.user) return { id: users[spec.user] ?? spec.user, type: OverwriteType.Member, allow, deny };
  const roleRef = spec.role ?? '@everyone';
  return { id: roleRef === '@everyone' ? guildId : resolveRole(roleRef), type: OverwriteType.Role, allow, deny };
}

/** A name from the spec or an existing id; a typo in a test fails loudly instead of silently. */
export function resolveRef(ref: string, byName: Record<string, string>, byId: ReadonlyMap<string, unknown>, what: string): string {
  const id = byName[ref] ?? (byId.has(ref) ? ref : undefined);
  if (!id) throw new Error(`Unknown ${what}: ${ref}`);
  return id;
}

function role(id: string, name: string, position: number, permissions: bigint, spec?: Partial<RoleSpec>): APIRole {
  const color = spec?.color ?? 0;
  return {
    id,
    name,
    color,
    colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: spec?.hoist ?? false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: spec?.managed ?? false,
    mentionable: spec?.mentionable ?? false,
    flags: 0 as RoleFlags,
  };
}
