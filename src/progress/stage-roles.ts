import type { Clock } from '../clock.js';
import type { Catalog } from '../content/catalog.js';
import { UserError } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { GuildStore, RoleMode } from '../store/guild-store.js';
import type { ProgressStore } from '../store/progress-store.js';

/** What Discord says about a role, as the handler saw it. */
export interface RoleFacts {
  id: string;
  name: string;
  position: number;
  managed: boolean;
  isEveryone: boolean;
}

/** What the bot itself may do in the server. */
export interface BotFacts {
  canManageRoles: boolean;
  highestRole: { name: string; position: number };
}

export interface StageRoleView {
  stageId: string;
  stageTitle: string;
  roleId: string | null;
}

/** What a role is for, in the words of the messages about it. */
export type RoleUse = 'stage' | 'champion';

const USE_WORDS: Record<RoleUse, { marks: string; owner: string; give: string }> = {
  stage: { marks: 'a stage', owner: 'the stage', give: 'give stage roles' },
  champion: { marks: 'the champion', owner: 'the champion', give: 'hand the champion role over' },
};

/** Explains, before anything is saved, exactly what would stop Discord from letting the bot give the role. */
export function roleProblem(role: RoleFacts, bot: BotFacts, use: RoleUse = 'stage'): string | null {
  const words = USE_WORDS[use];
  if (role.isEveryone) return `Everyone already has @everyone, so it cannot mark ${words.marks}. Create a role for ${words.owner} (Server Settings > Roles > Create Role) and pick that.`;
  if (role.managed) return `@${role.name} is managed by an integration (a bot, a booster or a subscription role), so nobody can hand it out. Pick or create an ordinary role.`;
  if (!bot.canManageRoles) return `I need the **Manage Roles** permission to ${words.give}. Turn it on for my role in Server Settings > Roles, then try again.`;
  if (role.position >= bot.highestRole.position) {
    return `@${role.name} is not below my highest role (@${bot.highestRole.name}), and Discord only lets me give roles below it. In Server Settings > Roles, drag @${bot.highestRole.name} above @${role.name}, then try again.`;
  }
  return null;
}

export function createStageRoleService(guilds: GuildStore, guild: GuildContext, catalog: Catalog, progress: ProgressStore, clock: Clock) {
  return {
    set(guildId: string, stageText: string, role: RoleFacts, bot: BotFacts): StageRoleView {
      const stage = catalog.findStage(guildId, stageText);
      const problem = roleProblem(role, bot);
      if (problem) throw new UserError(problem);
      guilds.setStageRole(guildId, guild.packId(guildId), stage.id, role.id, clock.now());
      return { stageId: stage.id, stageTitle: stage.title, roleId: role.id };
    },

    setMode(guildId: string, mode: RoleMode): RoleMode {
      guild.settings(guildId);
      guilds.setRoleMode(guildId, mode, clock.now());
      return mode;
    },

    setThreshold(guildId: string, percent: number): number {
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
        throw new UserError(`${percent}% is not a usable threshold. Give a whole number from 1 to 100, e.g. 80.`);
      }
      guild.settings(guildId);
      guilds.setThreshold(guildId, percent / 100, clock.now());
      return percent;
    },

    setAnnounce(guildId: string, on: boolean): boolean {
      guild.settings(guildId);
      guilds.setAnnounce(guildId, on, clock.now());
      return on;
    },

    /** Every stage with its role (or none yet), the server's settings, and role changes Discord has not accepted yet. */
    overview(guildId: string) {
      const settings = guild.settings(guildId);
      const mapped = new Map(guilds.stageRoles(guildId, settings.packId).map((r) => [r.stageId, r.roleId]));
      const stages: StageRoleView[] = catalog.stages(guildId).map((s) => ({ stageId: s.id, stageTitle: s.title, roleId: mapped.get(s.id) ?? null }));
      return {
        mode: settings.roleMode, threshold: settings.completionThreshold, announce: settings.announceCompletions, stages,
        pending: progress.pendingAwards(guildId),
      };
    },
  };
}

export type StageRoleService = ReturnType<typeof createStageRoleService>;
