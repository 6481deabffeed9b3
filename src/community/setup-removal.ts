import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { GuildStore } from '../store/guild-store.js';
import type { SetupStore } from '../store/setup-store.js';
import { AdminError, type ServerAdmin } from './server-admin.js';
import { PING_ROLE_NAME, STUDY_CHANNEL_NAME, type PingRoleSetting } from './setup-names.js';

export interface RemovalPlan {
  roleIds: string[];
  startMessage: { channelId: string; messageId: string } | null;
  createdChannelId: string | null;
  schedules: number;
}

export interface RemovalReport {
  deleted: string[];
  failure: string | null;
}

const REASON = 'Cohort /setup';

/** /setup remove: what /setup made goes again, one recorded step at a time, and nothing else is touched. */
export function createSetupRemoval({ setup, guilds, pings, admin, clock, logger }: {
  setup: SetupStore; guilds: GuildStore; pings: PingRoleSetting; admin: ServerAdmin; clock: Clock; logger: Logger;
}) {
  function plan(guildId: string): RemovalPlan {
    const state = setup.state(guildId);
    return {
      roleIds: [...setup.roles(guildId).map((r) => r.roleId), ...(state.pingRoleId ? [state.pingRoleId] : [])],
      startMessage: state.startMessageId && state.startChannelId ? { channelId: state.startChannelId, messageId: state.startMessageId } : null,
      createdChannelId: state.createdChannelId,
      schedules: guilds.schedules(guildId).length,
    };
  }

  async function remove(guildId: string): Promise<RemovalReport> {
    const report: RemovalReport = { deleted: [], failure: null };
    const state = setup.state(guildId);
    const todo = plan(guildId);
    const names = new Map((await admin.snapshot(guildId)).roles.map((r) => [r.id, r.name]));
    const gone = (deleted: boolean) => (deleted ? '' : ' (already gone)');
    let step = '';
    try {
      if (todo.startMessage && todo.startMessage.channelId !== todo.createdChannelId) {
        step = 'deleting the Start here message';
        report.deleted.push(`The Start here message${gone(await admin.deleteMessage(todo.startMessage.channelId, todo.startMessage.messageId))}`);
      }
      setup.set(guildId, 'startMessageId', null, clock.now());
      for (const roleId of setup.roles(guildId).map((r) => r.roleId)) {
        step = `deleting the role @${names.get(roleId) ?? roleId}`;
        const deleted = await admin.deleteRole(guildId, roleId, REASON);
        guilds.clearStageRole(guildId, roleId);
        setup.dropRole(guildId, roleId);
        report.deleted.push(`Stage role @${names.get(roleId) ?? roleId}${gone(deleted)}`);
      }
      if (state.pingRoleId) {
        step = 'deleting the ping role';
        const deleted = await admin.deleteRole(guildId, state.pingRoleId, REASON);
        if (pings.current(guildId) === state.pingRoleId) pings.set(guildId, null);
        setup.set(guildId, 'pingRoleId', null, clock.now());
        report.deleted.push(`Ping role @${names.get(state.pingRoleId) ?? PING_ROLE_NAME}${gone(deleted)}`);
      }
      if (todo.schedules > 0) {
        guilds.clearSchedules(guildId);
        report.deleted.push('The daily and weekly schedules');
      }
      if (state.createdChannelId) {
        step = `deleting <#${state.createdChannelId}>`;
        const deleted = await admin.deleteChannel(state.createdChannelId, REASON);
        report.deleted.push(`The channel #${STUDY_CHANNEL_NAME} I created, with its messages${gone(deleted)}`);
      }
      setup.forget(guildId);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      logger.warn({ guildId, step, reason: error.reason, err: error }, 'setup remove stopped: Discord refused');
      report.failure = `Stopped while ${step}: ${error.message}\nWhat is listed above is gone; fix that, then run /setup remove again to finish.`;
    }
    return report;
  }

  return { plan, remove };
}
