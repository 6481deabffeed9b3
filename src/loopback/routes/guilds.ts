import { GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, type GatewayGuildMemberUpdateDispatchData } from 'discord-api-types/v10';
import { json, noContent, type RouteDefinition, type RouteRequest, type Services } from '../context.js';
import { DiscordErrors } from '../errors.js';
import { hasPermission } from '../permissions.js';
import { apiGuild, apiMember } from '../shapes.js';

export function guildRoutes(services: Services): RouteDefinition[] {
  const { state } = services;
  const bot = state.botUser.id;

  /**
   * Discord's rule for adding or removing a role: the bot needs Manage Roles, and the role must sit
   * strictly below the bot's highest role and be neither managed nor @everyone. The guild owner is exempt
   * from the hierarchy check, but a bot never owns the guild here.
   */
  const changeRoles = (req: RouteRequest, change: (roles: string[], roleId: string) => string[]) => {
    const guild = state.guild(req.params.guild_id!);
    const member = state.member(guild.id, req.params.user_id!);
    const role = guild.roles.get(req.params.role_id!);
    if (!role) throw DiscordErrors.unknownRole();
    const permissions = state.permissionsOf(guild.id, bot);
    const allowed =
      hasPermission(permissions, PermissionFlagsBits.ManageRoles) &&
      role.id !== guild.id &&
      !role.managed &&
      (guild.ownerId === bot || role.position < state.highestRolePosition(guild.id, bot));
    if (!allowed) throw DiscordErrors.missingPermissions();
    const before = member.roles.join(',');
    member.roles = change(member.roles, role.id);
    if (member.roles.join(',') !== before) {
      const update: GatewayGuildMemberUpdateDispatchData = { ...apiMember(member), avatar: member.avatar ?? null, banner: member.banner ?? null, guild_id: guild.id };
      services.gateway.dispatch(GatewayDispatchEvents.GuildMemberUpdate, update, GatewayIntentBits.GuildMembers);
    }
    return noContent();
  };

  return [
    { method: 'GET', pattern: '/guilds/:guild_id', handle: (req) => json(apiGuild(state.guild(req.params.guild_id!))) },
    { method: 'GET', pattern: '/guilds/:guild_id/roles', handle: (req) => json([...state.guild(req.params.guild_id!).roles.values()]) },
    {
      method: 'GET',
      pattern: '/guilds/:guild_id/channels',
      handle: (req) => json(state.guild(req.params.guild_id!).channelIds.map((id) => state.channel(id))),
    },
    {
      method: 'GET',
      pattern: '/guilds/:guild_id/members',
      handle: (req) => {
        const limit = Math.min(1000, Number(req.query.get('limit') ?? 1));
        return json([...state.guild(req.params.guild_id!).members.values()].slice(0, limit).map(apiMember));
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guild_id/members/:user_id',
      handle: (req) => json(apiMember(state.member(req.params.guild_id!, req.params.user_id!))),
    },
    {
      method: 'PUT',
      pattern: '/guilds/:guild_id/members/:user_id/roles/:role_id',
      handle: (req) => changeRoles(req, (roles, id) => (roles.includes(id) ? roles : [...roles, id])),
    },
    {
      method: 'DELETE',
      pattern: '/guilds/:guild_id/members/:user_id/roles/:role_id',
      handle: (req) => changeRoles(req, (roles, id) => roles.filter((r) => r !== id)),
    },
  ];
}
