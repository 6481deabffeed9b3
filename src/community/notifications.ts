import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import { RoleChangeError, type RoleGranter } from '../progress/role-granter.js';
import type { BotFacts, RoleFacts } from '../progress/stage-roles.js';
import type { GuildStore } from '../store/guild-store.js';

export interface PingRoleFacts extends RoleFacts {
  /** "Allow anyone to @mention this role" in the role's settings. */
  mentionable: boolean;
}

export interface PingBotFacts extends BotFacts {
  /** Mention @everyone, @here and All Roles: lets the bot ping a role that is not mentionable. */
  canMentionEveryone: boolean;
}

export type PingToggle = 'added' | 'removed';

const NO_PING_ROLE =
  'This server has no ping role yet, so there is nothing to sign up for. A moderator can pick one with `/schedule ping role:` (or create one with /setup).';

/** Explains, before anything is saved, what would stop the role from working as the ping role. */
export function pingRoleProblem(role: PingRoleFacts, bot: PingBotFacts): string | null {
  if (role.isEveryone) return 'I never ping @everyone. Create a role for study pings (Server Settings > Roles > Create Role) and pick that.';
  if (role.managed) return `@${role.name} is managed by an integration (a bot, a booster or a subscription role), so I cannot give it to members. Pick or create an ordinary role.`;
  if (!bot.canManageRoles) return 'I need the **Manage Roles** permission to give members the ping role. Turn it on for my role in Server Settings > Roles, then try again.';
  if (role.position >= bot.highestRole.position) {
    return `@${role.name} is not below my highest role (@${bot.highestRole.name}), and Discord only lets me give roles below it. In Server Settings > Roles, drag @${bot.highestRole.name} above @${role.name}, then try again.`;
  }
  if (!role.mentionable && !bot.canMentionEveryone) {
    return `Discord would not ping @${role.name}: it is not mentionable. In Server Settings > Roles > @${role.name}, turn on **Allow anyone to @mention this role**, then try again.`;
  }
  return null;
}

export interface NotificationDeps {
  guilds: GuildStore;
  guild: GuildContext;
  granter: RoleGranter;
  clock: Clock;
}

/** The server's ping role: which role the posts mention, and members signing up for it or leaving it. */
export function createNotifications({ guilds, guild, granter, clock }: NotificationDeps) {
  function setPingRole(guildId: string, roleId: string | null): void {
    guild.settings(guildId);
    guilds.setPingRole(guildId, roleId, clock.now());
  }

  return {
    pingRole: (guildId: string): string | null => guild.settings(guildId).pingRoleId,

    /** Saves the ping role without checks (for /setup, which has just created the role itself), or clears it. */
    setPingRole,

    /** A moderator's choice of an existing role, checked first with what the bot may do; null turns pings off. */
    choosePingRole(guildId: string, choice: { role: PingRoleFacts; bot: PingBotFacts } | null): string | null {
      const problem = choice && pingRoleProblem(choice.role, choice.bot);
      if (problem) throw new UserError(problem);
      setPingRole(guildId, choice?.role.id ?? null);
      return choice?.role.id ?? null;
    },

    /** Gives the member the ping role if they lack it (as the interaction shows their roles), or takes it away. */
    async toggle(guildId: string, userId: string, memberRoleIds: readonly string[]): Promise<PingToggle> {
      const roleId = guild.settings(guildId).pingRoleId;
      if (!roleId) throw new UserError(NO_PING_ROLE);
      const has = memberRoleIds.includes(roleId);
      try {
        if (has) await granter.remove(guildId, userId, roleId, 'Asked to stop study pings');
        else await granter.add(guildId, userId, roleId, 'Asked for study pings');
      } catch (error) {
        if (!(error instanceof RoleChangeError)) throw error;
        // The member is the one clicking, so a final refusal means the role is gone.
        throw new UserError(error.final
          ? `The ping role <@&${roleId}> no longer exists. A moderator can pick another with \`/schedule ping role:\`.`
          : `Discord would not change your roles. A moderator should give me **Manage Roles** and drag my role above <@&${roleId}> in Server Settings > Roles; then try again.`);
      }
      return has ? 'removed' : 'added';
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
