import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client } from 'discord.js';
import { RoleChangeError, type RoleGranter } from '../progress/role-granter.js';

/** Explains a refusal in terms a moderator can act on. */
function explain(error: unknown, roleId: string): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  switch (error.code) {
    case RESTJSONErrorCodes.UnknownMember:
      return new RoleChangeError('the member has left the server', true);
    case RESTJSONErrorCodes.UnknownRole:
      return new RoleChangeError(`the role <@&${roleId}> no longer exists: choose another with /roles set (stages) or /roles champion`, true);
    case RESTJSONErrorCodes.MissingPermissions:
    case RESTJSONErrorCodes.MissingAccess:
      return new RoleChangeError(`Discord refused (Missing Permissions): give me Manage Roles and drag my role above <@&${roleId}>`, false);
    default:
      return new RoleChangeError(`Discord answered ${error.status}: ${error.message}`, false);
  }
}

export function createRoleGranter(client: Client): RoleGranter {
  return {
    async add(guildId, userId, roleId, reason) {
      await client.rest.put(Routes.guildMemberRole(guildId, userId, roleId), { reason }).catch((error: unknown) => Promise.reject(explain(error, roleId)));
    },
    async remove(guildId, userId, roleId, reason) {
      await client.rest.delete(Routes.guildMemberRole(guildId, userId, roleId), { reason }).catch((error: unknown) => Promise.reject(explain(error, roleId)));
    },
  };
}
