import type { APIApplicationCommand, APIGuildMember, APIMessage, APIRole, APIUser, APIAttachment } from 'discord-api-types/v10';
import { DiscordErrors } from './errors.js';
import { buildChannel, buildMember, buildOverwrite, buildRoles, isThread, resolveRef, type StoredChannel } from './guild-builder.js';
import { channelPermissions, guildPermissions } from './permissions.js';
import type { SnowflakeFactory } from './snowflake.js';
import type { GuildSpec, MemberSpec } from './specs.js';

export type { StoredChannel } from './guild-builder.js';

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  botRoleId: string;
  roles: Map<string, APIRole>;
  members: Map<string, APIGuildMember & { user: APIUser }>;
  channelIds: string[];
}

/** What `addGuild` hands back: ids by the names used in the spec, so tests never hard-code snowflakes. */
export interface AddedGuild {
  id: string;
  everyoneRoleId: string;
  botRoleId: string;
  channels: Record<string, string>;
  roles: Record<string, string>;
  users: Record<string, string>;
}

/** Everything the fake Discord knows, kept in memory and readable by tests. */
export class LoopbackState {
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, StoredChannel>();
  readonly messages = new Map<string, APIMessage[]>();
  /** Messages sent with `enforce_nonce`, by bot and nonce: Discord returns the same message for a few minutes. */
  readonly nonces = new Map<string, { message: APIMessage; at: number }>();
  /**
   * Every uploaded file, served back at its `url`: files members upload as command options, and the bot's
   * attachments (a test reads a message's image with `attachments.get(message.attachments[0].id)?.content`).
   */
  readonly attachments = new Map<string, { attachment: APIAttachment; content: Buffer }>();
  globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();

  constructor(
    private readonly ids: SnowflakeFactory,
    readonly botUser: APIUser,
    private readonly now: () => number,
  ) {
    this.users.set(botUser.id, botUser);
  }

  addGuild(spec: GuildSpec): AddedGuild {
    const id = spec.id ?? this.ids.spread();
    const users: Record<string, string> = {};
    for (const member of spec.members ?? []) users[member.username] = this.ensureUser(member).id;
    const roles = buildRoles(id, spec, this.botUser, () => this.ids.next());
    const roleIds = Object.fromEntries([...roles.values()].map((r) => [r.name, r.id]));
    const botRoleId = [...roles.values()].find((r) => r.tags?.bot_id === this.botUser.id)!.id;
    const ownerName = spec.owner ?? spec.members?.[0]?.username;
    const ownerId = (ownerName && users[ownerName]) || this.ids.next();
    const guild: GuildRecord = { id, name: spec.name, ownerId, botRoleId, roles, members: new Map(), channelIds: [] };
    this.guilds.set(id, guild);
    const resolveRole = (ref: string) => resolveRef(ref, roleIds, roles, `role in guild ${spec.name}`);
    const joinedAt = new Date(this.now()).toISOString();
    for (const member of spec.members ?? []) {
      const user = this.users.get(users[member.username]!)!;
      guild.members.set(user.id, buildMember(user, (member.roles ?? []).map(resolveRole), member.nick, joinedAt));
    }
    const botRoles = [botRoleId, ...(spec.bot?.roles ?? []).map(resolveRole)];
    guild.members.set(this.botUser.id, buildMember(this.botUser, botRoles, null, joinedAt));
    const channels: Record<string, string> = {};
    for (const [position, channel] of (spec.channels ?? [{ name: 'general' }]).entries()) {
      const channelId = channel.id ?? this.ids.next();
      channels[channel.name] = channelId;
      const overwrites = (channel.overwrites ?? []).map((o) => buildOverwrite(id, o, resolveRole, users));
      const parentId = channel.parent ? (channels[channel.parent] ?? channel.parent) : null;
      this.channels.set(channelId, buildChannel(channelId, id, channel, position, overwrites, parentId));
      guild.channelIds.push(channelId);
    }
    return { id, everyoneRoleId: id, botRoleId, channels, roles: roleIds, users };
  }

  /** Members who join a guild after it was added (a benchmark that needs more clickers as it goes). Returns their ids. */
  addMembers(guildId: string, members: readonly MemberSpec[]): string[] {
    const guild = this.guild(guildId);
    const roleIds = Object.fromEntries([...guild.roles.values()].map((r) => [r.name, r.id]));
    const joinedAt = new Date(this.now()).toISOString();
    return members.map((member) => {
      const user = this.ensureUser(member);
      const roles = (member.roles ?? []).map((ref) => resolveRef(ref, roleIds, guild.roles, `role in guild ${guild.name}`));
      guild.members.set(user.id, buildMember(user, roles, member.nick, joinedAt));
      return user.id;
    });
  }

  guild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw DiscordErrors.unknownGuild();
    return guild;
  }

  channel(id: string): StoredChannel {
    const channel = this.channels.get(id);
    if (!channel) throw DiscordErrors.unknownChannel();
    return channel;
  }

  member(guildId: string, userId: string): APIGuildMember & { user: APIUser } {
    const member = this.guild(guildId).members.get(userId);
    if (!member) throw DiscordErrors.unknownMember();
    return member;
  }

  user(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw DiscordErrors.unknownUser();
    return user;
  }

  /** Every channel empty again, and no nonce remembered: as if no message had ever been sent. */
  clearMessages(): void {
    this.messages.clear();
    this.nonces.clear();
  }

  messagesIn(channelId: string): APIMessage[] {
    let list = this.messages.get(channelId);
    if (!list) this.messages.set(channelId, (list = []));
    return list;
  }

  /** Permissions of a member, in a channel when one is given (what Discord puts in `member.permissions`). */
  permissionsOf(guildId: string, userId: string, channelId?: string): bigint {
    const guild = this.guild(guildId);
    const subject = { userId, roleIds: this.member(guildId, userId).roles };
    const base = guildPermissions(subject, guild);
    if (!channelId) return base;
    const channel = this.channel(channelId);
    // A thread has no overwrites of its own: what members may do in it comes from its parent channel.
    const source = isThread(channel) ? this.channel(channel.parent_id!) : channel;
    return channelPermissions(base, subject, guildId, isThread(source) ? [] : source.permission_overwrites);
  }

  highestRolePosition(guildId: string, userId: string): number {
    const guild = this.guild(guildId);
    const positions = this.member(guildId, userId).roles.map((id) => guild.roles.get(id)?.position ?? 0);
    return Math.max(0, ...positions);
  }

  commandsFor(guildId?: string): APIApplicationCommand[] {
    return guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands;
  }

  private ensureUser(spec: MemberSpec): APIUser {
    const existing = spec.id ? this.users.get(spec.id) : [...this.users.values()].find((u) => u.username === spec.username);
    if (existing) return existing;
    const user: APIUser = {
      id: spec.id ?? this.ids.next(),
      username: spec.username,
      global_name: spec.globalName ?? null,
      discriminator: '0',
      avatar: null,
      bot: spec.bot ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }
}
