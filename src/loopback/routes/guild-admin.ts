import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, type APIRole, type RoleFlags } from 'discord-api-types/v10';
import { json, noContent, type RouteDefinition, type RouteRequest, type Services } from '../context.js';
import { DiscordErrors, DiscordHttpError, invalidFormBody } from '../errors.js';
import { buildChannel } from '../guild-builder.js';
import { hasPermission } from '../permissions.js';
import type { GuildRecord } from '../state.js';

/** Discord's ceiling on roles in one server (30005). */
export const MAX_GUILD_ROLES = 250;

type RoleBody = { name?: string; permissions?: string | number | null; color?: number | null; hoist?: boolean | null; mentionable?: boolean | null };

/**
 * What a server's managers do in Server Settings, as a bot does it over REST: create, reorder, edit and delete
 * roles, create and delete channels, pin messages. Discord's rules apply: the permission each needs, and the role
 * hierarchy (a bot touches only roles strictly below its highest role, and never grants a permission it lacks).
 */
export function guildAdminRoutes(services: Services): RouteDefinition[] {
  const { state } = services;
  const bot = state.botUser.id;

  const requireGuildPermission = (guild: GuildRecord, flag: bigint) => {
    if (!hasPermission(state.permissionsOf(guild.id, bot), flag)) throw DiscordErrors.missingPermissions();
  };
  const botTop = (guild: GuildRecord) => (guild.ownerId === bot ? Number.POSITIVE_INFINITY : state.highestRolePosition(guild.id, bot));
  const manageableRole = (guild: GuildRecord, roleId: string): APIRole => {
    requireGuildPermission(guild, PermissionFlagsBits.ManageRoles);
    const role = guild.roles.get(roleId);
    if (!role) throw DiscordErrors.unknownRole();
    if (role.id === guild.id || role.managed || role.position >= botTop(guild)) throw DiscordErrors.missingPermissions();
    return role;
  };
  const roleEvent = (guild: GuildRecord, role: APIRole, kind: 'create' | 'update') =>
    services.gateway.dispatch(kind === 'create' ? GatewayDispatchEvents.GuildRoleCreate : GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guild.id, role }, GatewayIntentBits.Guilds);
  const checkRoleBody = (guild: GuildRecord, body: RoleBody) => {
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 100)) {
      throw invalidFormBody([{ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]);
    }
    const asked = BigInt(body.permissions ?? 0);
    // A bot may only hand out permissions it has itself.
    if ((asked & ~state.permissionsOf(guild.id, bot)) !== 0n) throw DiscordErrors.missingPermissions();
  };
  const applyRoleBody = (role: APIRole, body: RoleBody) => {
    if (body.name !== undefined) role.name = body.name;
    if (body.permissions !== undefined && body.permissions !== null) role.permissions = String(body.permissions);
    if (body.color !== undefined && body.color !== null) {
      role.color = body.color;
      role.colors = { primary_color: body.color, secondary_color: null, tertiary_color: null };
    }
    if (body.hoist !== undefined && body.hoist !== null) role.hoist = body.hoist;
    if (body.mentionable !== undefined && body.mentionable !== null) role.mentionable = body.mentionable;
  };
  /** Positions 1..n in the order given, @everyone staying at 0; announces the roles that moved. */
  const renumber = (guild: GuildRecord, ordered: APIRole[]) => {
    ordered.forEach((role, index) => {
      if (role.position === index + 1) return;
      role.position = index + 1;
      roleEvent(guild, role, 'update');
    });
  };
  const byPosition = (guild: GuildRecord) =>
    [...guild.roles.values()].filter((r) => r.id !== guild.id).sort((a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));

  const createRole = (req: RouteRequest) => {
    const guild = state.guild(req.params.guild_id!);
    requireGuildPermission(guild, PermissionFlagsBits.ManageRoles);
    if (guild.roles.size >= MAX_GUILD_ROLES) throw new DiscordHttpError(400, { code: 30005, message: `Maximum number of server roles reached (${MAX_GUILD_ROLES})` });
    const body = (req.body ?? {}) as RoleBody;
    checkRoleBody(guild, body);
    const role: APIRole = {
      id: services.ids.next(), name: 'new role', color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: '0', managed: false, mentionable: false, flags: 0 as RoleFlags,
    };
    applyRoleBody(role, body);
    // A new role lands at the bottom, just above @everyone; every other role moves up one.
    renumber(guild, [role, ...byPosition(guild)]);
    guild.roles.set(role.id, role);
    roleEvent(guild, role, 'create');
    return json(role);
  };

  const moveRoles = (req: RouteRequest) => {
    const guild = state.guild(req.params.guild_id!);
    requireGuildPermission(guild, PermissionFlagsBits.ManageRoles);
    const moves = (Array.isArray(req.body) ? req.body : []) as { id: string; position?: number | null }[];
    const top = botTop(guild);
    for (const move of moves) {
      manageableRole(guild, move.id);
      if (move.position != null && move.position >= top) throw DiscordErrors.missingPermissions();
    }
    // The moved roles take the places asked for; the others keep their order around them.
    const moved = moves.filter((m) => m.position != null).sort((a, b) => a.position! - b.position!);
    const movedIds = new Set(moved.map((m) => m.id));
    const ordered = byPosition(guild).filter((r) => !movedIds.has(r.id));
    for (const move of moved) ordered.splice(Math.max(0, Math.min(ordered.length, move.position! - 1)), 0, guild.roles.get(move.id)!);
    renumber(guild, ordered);
    return json([...guild.roles.values()].sort((a, b) => a.position - b.position));
  };

  const editRole = (req: RouteRequest) => {
    const guild = state.guild(req.params.guild_id!);
    const role = manageableRole(guild, req.params.role_id!);
    const body = (req.body ?? {}) as RoleBody;
    checkRoleBody(guild, body);
    applyRoleBody(role, body);
    roleEvent(guild, role, 'update');
    return json(role);
  };

  const deleteRole = (req: RouteRequest) => {
    const guild = state.guild(req.params.guild_id!);
    const role = manageableRole(guild, req.params.role_id!);
    guild.roles.delete(role.id);
    for (const member of guild.members.values()) member.roles = member.roles.filter((id) => id !== role.id);
    renumber(guild, byPosition(guild));
    services.gateway.dispatch(GatewayDispatchEvents.GuildRoleDelete, { guild_id: guild.id, role_id: role.id }, GatewayIntentBits.Guilds);
    return noContent();
  };

  const createChannel = (req: RouteRequest) => {
    const guild = state.guild(req.params.guild_id!);
    requireGuildPermission(guild, PermissionFlagsBits.ManageChannels);
    const body = (req.body ?? {}) as { name?: string; type?: number; topic?: string };
    if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 100) {
      throw invalidFormBody([{ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]);
    }
    const type = body.type ?? ChannelType.GuildText;
    if (type !== ChannelType.GuildText && type !== ChannelType.GuildAnnouncement) throw new DiscordHttpError(400, { code: 50035, message: 'Invalid Form Body' });
    const id = services.ids.next();
    // Discord keeps text channel names lowercase, with dashes for spaces.
    const name = body.name.toLowerCase().replace(/\s+/g, '-');
    const channel = buildChannel(id, guild.id, { name, type, topic: body.topic }, guild.channelIds.length, [], null);
    state.channels.set(id, channel);
    guild.channelIds.push(id);
    services.gateway.dispatch(GatewayDispatchEvents.ChannelCreate, channel, GatewayIntentBits.Guilds);
    return json(channel, 201);
  };

  const deleteChannel = (req: RouteRequest) => {
    const channel = state.channel(req.params.channel_id!);
    const guild = state.guild(channel.guild_id!);
    if (!hasPermission(state.permissionsOf(guild.id, bot, channel.id), PermissionFlagsBits.ManageChannels)) throw DiscordErrors.missingPermissions();
    state.channels.delete(channel.id);
    state.messages.delete(channel.id);
    guild.channelIds.splice(guild.channelIds.indexOf(channel.id), 1);
    services.gateway.dispatch(GatewayDispatchEvents.ChannelDelete, channel, GatewayIntentBits.Guilds);
    return json(channel);
  };

  const pin = (req: RouteRequest, pinned: boolean) => {
    const channel = state.channel(req.params.channel_id!);
    const permissions = state.permissionsOf(channel.guild_id!, bot, channel.id);
    if (!hasPermission(permissions, PermissionFlagsBits.ViewChannel)) throw DiscordErrors.missingAccess();
    if (!hasPermission(permissions, PermissionFlagsBits.PinMessages)) throw DiscordErrors.missingPermissions();
    const message = state.messagesIn(channel.id).find((m) => m.id === req.params.message_id);
    if (!message) throw DiscordErrors.unknownMessage();
    if (message.pinned !== pinned) {
      if (pinned && state.messagesIn(channel.id).filter((m) => m.pinned).length >= 250) {
        throw new DiscordHttpError(400, { code: 30003, message: 'Maximum number of pins reached (250)' });
      }
      message.pinned = pinned;
      services.announce('update', message);
    }
    return noContent();
  };

  return [
    { method: 'POST', pattern: '/guilds/:guild_id/roles', handle: createRole },
    { method: 'PATCH', pattern: '/guilds/:guild_id/roles', handle: moveRoles },
    { method: 'PATCH', pattern: '/guilds/:guild_id/roles/:role_id', handle: editRole },
    { method: 'DELETE', pattern: '/guilds/:guild_id/roles/:role_id', handle: deleteRole },
    { method: 'POST', pattern: '/guilds/:guild_id/channels', handle: createChannel },
    { method: 'DELETE', pattern: '/channels/:channel_id', handle: deleteChannel },
    { method: 'PUT', pattern: '/channels/:channel_id/messages/pins/:message_id', handle: (req) => pin(req, true) },
    { method: 'DELETE', pattern: '/channels/:channel_id/messages/pins/:message_id', handle: (req) => pin(req, false) },
  ];
}
