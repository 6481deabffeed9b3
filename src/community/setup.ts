import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { GuildContext } from '../guilds/guild-context.js';
import type { Logger } from '../logger.js';
import type { ScheduleService } from '../schedule/schedule-service.js';
import { parseLocalTime, parseTimezone, parseWeekday, WEEKDAYS } from '../schedule/local-time.js';
import type { ContentStore } from '../store/content-store.js';
import type { GuildStore, ScheduleRow } from '../store/guild-store.js';
import type { SetupStore } from '../store/setup-store.js';
import { stageRoleColour } from './role-colours.js';
import { createSetupRemoval } from './setup-removal.js';
import { PING_ROLE_NAME, STUDY_CHANNEL_NAME, type PingRoleSetting } from './setup-names.js';

export { PING_ROLE_NAME, STUDY_CHANNEL_NAME, type PingRoleSetting } from './setup-names.js';

export type { RemovalPlan, RemovalReport } from './setup-removal.js';
import { AdminError, type BotPermission, type ServerAdmin, type ServerSnapshot, type StartHereMessage } from './server-admin.js';

const MAX_ROLES = 250;
const ROLE_NAME_MAX = 100;
const REASON = 'Cohort /setup';


export interface SetupInput {
  guildId: string;
  /** Omitted: the channel of an earlier run, else a new #study-group. */
  channelId?: string;
  timezone: string;
  dailyTime: string;
  weeklyDay: string;
  weeklyTime: string;
}

/** What a run did, in lines a moderator reads: each names the thing, with a mention where Discord can show one. */
export interface SetupReport {
  created: string[];
  changed: string[];
  unchanged: string[];
  /** What Discord refused, and how to fix it; everything before it stays done and the next run carries on. */
  failure: string | null;
  channelId: string | null;
}

export interface SetupDeps {
  setup: SetupStore;
  guilds: GuildStore;
  guild: GuildContext;
  content: ContentStore;
  schedules: ScheduleService;
  pings: PingRoleSetting;
  admin: ServerAdmin;
  clock: Clock;
  logger: Logger;
}

const CHANNEL_NEEDS: BotPermission[] = ['View Channel', 'Send Messages', 'Embed Links', 'Create Public Threads', 'Send Messages in Threads', 'Pin Messages'];
const fitName = (name: string) => (name.length > ROLE_NAME_MAX ? `${name.slice(0, ROLE_NAME_MAX - 1)}…` : name);
const capitalise = (day: string) => day[0]!.toUpperCase() + day.slice(1);

/** Everything a study group needs, made in one command, and taken away again by another. */
export function createSetupService(deps: SetupDeps) {
  const { setup, guilds, guild, content, schedules, pings, admin, clock, logger } = deps;

  function checkPermissions(snapshot: ServerSnapshot, channelId: string | null): void {
    const missing: string[] = [];
    const where = `Server Settings > Roles > @${snapshot.botTopRole.name}`;
    if (!snapshot.botPermissions.has('Manage Roles')) missing.push(`**Manage Roles**: ${where}`);
    if (channelId === null) {
      if (!snapshot.botPermissions.has('Manage Channels')) missing.push(`**Manage Channels** (to create #${STUDY_CHANNEL_NAME}; or pass a channel): ${where}`);
      for (const need of CHANNEL_NEEDS) if (!snapshot.botPermissions.has(need)) missing.push(`**${need}**: ${where}`);
    } else {
      const allowed = snapshot.channelPermissions(channelId);
      if (!allowed) throw new UserError(`<#${channelId}> is not a text channel I can see in this server. Pick a text channel, or leave the channel out and I will create #${STUDY_CHANNEL_NAME}.`);
      for (const need of CHANNEL_NEEDS) if (!allowed.has(need)) missing.push(`**${need}** in <#${channelId}>: Edit Channel > Permissions > @${snapshot.botTopRole.name}`);
    }
    if (missing.length > 0) {
      throw new UserError(`I changed nothing: I am missing ${missing.length === 1 ? 'a permission' : 'these permissions'}.\n${missing.map((m) => `- ${m}`).join('\n')}\nGrant ${missing.length === 1 ? 'it' : 'them'}, then run /setup start again.`);
    }
  }

  /** Validated before anything is touched, so a typo changes nothing. */
  function parseInput(input: SetupInput) {
    return {
      timezone: parseTimezone(input.timezone),
      dailyTime: parseLocalTime(input.dailyTime),
      weeklyTime: parseLocalTime(input.weeklyTime),
      weekday: parseWeekday(input.weeklyDay),
    };
  }

  function sameSchedule(row: ScheduleRow | undefined, want: { channelId: string; localTime: string; timezone: string; weekday: number | null }): boolean {
    return !!row && !row.paused && row.channelId === want.channelId && row.localTime === want.localTime && row.timezone === want.timezone && row.weekday === want.weekday;
  }

  async function run(input: SetupInput): Promise<SetupReport> {
    const { guildId } = input;
    const parsed = parseInput(input);
    const now = () => clock.now();
    const report: SetupReport = { created: [], changed: [], unchanged: [], failure: null, channelId: null };
    const state = setup.state(guildId);
    const snapshot = await admin.snapshot(guildId);
    const existing = new Map(snapshot.roles.map((r) => [r.id, r]));

    const reusable = [state.channelId, state.createdChannelId].find((id): id is string => !!id && snapshot.channelExists(id));
    const chosenChannel = input.channelId ?? reusable ?? null;
    checkPermissions(snapshot, chosenChannel);

    const packId = guild.packId(guildId);
    const pack = content.pack(packId)!;
    const stages = content.stages(packId);
    const mine = new Map(setup.roles(guildId).filter((r) => r.packId === packId).map((r) => [r.stageId, r.roleId]));
    const mapped = new Map(guilds.stageRoles(guildId, packId).map((r) => [r.stageId, r.roleId]));
    // A stage a moderator already mapped to a role of their own keeps it; Cohort makes roles only for the rest.
    const keptByModerator = (stageId: string) => {
      const roleId = mapped.get(stageId);
      return roleId !== undefined && roleId !== mine.get(stageId) && existing.has(roleId) ? roleId : null;
    };
    const toCreate = stages.filter((s) => !keptByModerator(s.id) && !existing.has(mine.get(s.id) ?? ''));
    const pingNeeded = !existing.has(pings.current(guildId) ?? '') && !existing.has(state.pingRoleId ?? '');
    const more = toCreate.length + (pingNeeded ? 1 : 0);
    if (snapshot.roleCount + more > MAX_ROLES) {
      throw new UserError(
        `I changed nothing: this server has ${snapshot.roleCount} roles, I need to add ${more}, and Discord allows ${MAX_ROLES}. ` +
          `Delete ${snapshot.roleCount + more - MAX_ROLES} unused role(s) in Server Settings > Roles, then run /setup start again.`,
      );
    }

    let step = '';
    try {
      // 1. The study channel.
      let channelId = chosenChannel;
      if (channelId === null) {
        step = `creating #${STUDY_CHANNEL_NAME}`;
        channelId = await admin.createChannel(guildId, STUDY_CHANNEL_NAME, REASON);
        setup.set(guildId, 'createdChannelId', channelId, now());
        report.created.push(`Channel <#${channelId}>`);
      } else {
        report.unchanged.push(`Channel <#${channelId}>`);
      }
      report.channelId = channelId;
      if (state.channelId !== channelId) setup.set(guildId, 'channelId', channelId, now());

      // 2. One role per stage, recorded the moment Discord makes it.
      const stageRoles = new Map<string, string>();
      for (const [index, stage] of stages.entries()) {
        const kept = keptByModerator(stage.id);
        const ours = mine.get(stage.id);
        if (kept) {
          stageRoles.set(stage.id, kept);
          report.unchanged.push(`Stage role for **${stage.title}**: <@&${kept}> (chosen by a moderator, left as it is)`);
        } else if (ours && existing.has(ours)) {
          stageRoles.set(stage.id, ours);
          report.unchanged.push(`Stage role <@&${ours}>`);
        } else {
          step = `creating the role for stage **${stage.title}**`;
          const role = await admin.createRole(guildId, { name: fitName(stage.title), color: stageRoleColour(index, stages.length), mentionable: false }, REASON);
          setup.addRole(guildId, { packId, stageId: stage.id, roleId: role.id }, now());
          existing.set(role.id, role);
          stageRoles.set(stage.id, role.id);
          report.created.push(`Stage role <@&${role.id}>${ours ? ' (again: the earlier one was deleted)' : ''}`);
        }
      }

      // 3. Cohort's roles directly below its own highest role, in roadmap order (the last stage highest).
      step = 'moving the stage roles below my role';
      const after = await admin.snapshot(guildId);
      const ourIds = stages.filter((s) => !keptByModerator(s.id)).map((s) => stageRoles.get(s.id)!);
      const top = after.botTopRole.position;
      const wanted = ourIds.map((id, i) => ({ id, position: top - ourIds.length + i }));
      const positions = new Map(after.roles.map((r) => [r.id, r.position]));
      if (wanted.some((w) => positions.get(w.id) !== w.position)) {
        const above = wanted.filter((w) => (positions.get(w.id) ?? 0) >= top).map((w) => `<@&${w.id}>`);
        if (above.length > 0) {
          throw new AdminError('forbidden', `${above.join(', ')} ${above.length === 1 ? 'is' : 'are'} above my highest role (@${after.botTopRole.name}), so I cannot move ${above.length === 1 ? 'it' : 'them'}. In Server Settings > Roles, drag @${after.botTopRole.name} above ${above.length === 1 ? 'it' : 'them'}.`);
        }
        await admin.moveRoles(guildId, wanted, REASON);
        report.changed.push(`Placed ${wanted.length} stage role(s) directly below @${after.botTopRole.name}, in roadmap order`);
      } else if (wanted.length > 0) {
        report.unchanged.push('Stage roles in roadmap order below my role');
      }

      // 4. The stage map, in stack mode.
      const remapped = stages.filter((s) => mapped.get(s.id) !== stageRoles.get(s.id));
      for (const stage of remapped) guilds.setStageRole(guildId, packId, stage.id, stageRoles.get(stage.id)!, now());
      if (remapped.length > 0) report.changed.push(`Mapped ${remapped.length} stage(s) to their roles`);
      if (guild.settings(guildId).roleMode !== 'stack') {
        guilds.setRoleMode(guildId, 'stack', now());
        report.changed.push('Stage roles: members keep every stage role they earn (stack)');
      }

      // 5. The ping role: one a moderator picked stays; otherwise Cohort's own.
      let pingRoleId = pings.current(guildId);
      if (pingRoleId && existing.has(pingRoleId)) {
        report.unchanged.push(`Ping role <@&${pingRoleId}>`);
      } else if (state.pingRoleId && existing.has(state.pingRoleId)) {
        pingRoleId = state.pingRoleId;
        pings.set(guildId, pingRoleId);
        report.changed.push(`Ping role <@&${pingRoleId}> is used for pings again`);
      } else {
        step = 'creating the ping role';
        // Mentionable, so a post can ping it without the Mention @everyone permission.
        const role = await admin.createRole(guildId, { name: PING_ROLE_NAME, color: 0, mentionable: true }, REASON);
        setup.set(guildId, 'pingRoleId', role.id, now());
        pings.set(guildId, role.id);
        pingRoleId = role.id;
        report.created.push(`Ping role <@&${role.id}> (members opt in with the Notify me button or /notify)`);
      }

      // 6. The schedules.
      const rows = guilds.schedules(guildId);
      const daily = { channelId, localTime: parsed.dailyTime, timezone: parsed.timezone, weekday: null };
      const weekly = { channelId, localTime: parsed.weeklyTime, timezone: parsed.timezone, weekday: parsed.weekday };
      const dailyLine = `every day at ${parsed.dailyTime} (${parsed.timezone})`;
      const weeklyLine = `${capitalise(WEEKDAYS[parsed.weekday - 1]!)}s at ${parsed.weeklyTime} (${parsed.timezone})`;
      for (const [kind, want, line] of [['daily', daily, dailyLine], ['weekly', weekly, weeklyLine]] as const) {
        const row = rows.find((r) => r.kind === kind);
        const label = `${kind === 'daily' ? 'Daily concept and quiz' : 'Weekly challenge'}: ${line} in <#${channelId}>`;
        if (sameSchedule(row, want)) {
          report.unchanged.push(label);
          continue;
        }
        schedules.set(kind, { guildId, channelId, botCanPost: true, time: want.localTime, timezone: want.timezone, weekday: kind === 'weekly' ? WEEKDAYS[parsed.weekday - 1] : undefined });
        if (row?.paused) schedules.setPaused(guildId, false);
        (row ? report.changed : report.created).push(label);
      }

      // 7. The Start here message, edited in place when it exists, pinned once.
      const message: StartHereMessage = {
        packTitle: pack.title, packDescription: pack.description,
        stages: stages.map((s) => ({ title: s.title, roleId: stageRoles.get(s.id) ?? null })), pingRoleId, dailyLine, weeklyLine,
      };
      const digest = createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 16);
      let messageId = state.startChannelId === channelId ? state.startMessageId : null;
      if (state.startMessageId && state.startChannelId && state.startChannelId !== channelId) {
        step = 'deleting the old Start here message';
        await admin.deleteMessage(state.startChannelId, state.startMessageId);
        setup.set(guildId, 'startMessageId', null, now());
        setup.set(guildId, 'startPinned', false, now());
      }
      if (messageId && state.startDigest === digest) {
        report.unchanged.push('Start here message');
      } else if (messageId) {
        step = 'updating the Start here message';
        if (await admin.editStartHere(channelId, messageId, message)) report.changed.push('Start here message updated');
        else messageId = null;
      }
      if (!messageId) {
        step = 'posting the Start here message';
        // A new message gets a new nonce (within minutes, Discord would hand back a deleted one for the old nonce).
        const nonce = state.startMessageId === null && state.startNonce ? state.startNonce : `${guildId}.${clock.now().toString(36).slice(-5)}`.slice(-25);
        setup.set(guildId, 'startNonce', nonce, now());
        messageId = await admin.sendStartHere(channelId, message, nonce);
        setup.set(guildId, 'startChannelId', channelId, now());
        setup.set(guildId, 'startMessageId', messageId, now());
        setup.set(guildId, 'startPinned', false, now());
        report.created.push(`Start here message in <#${channelId}>`);
      }
      setup.set(guildId, 'startDigest', digest, now());
      if (!setup.state(guildId).startPinned) {
        step = 'pinning the Start here message';
        await admin.pin(channelId, messageId, REASON);
        setup.set(guildId, 'startPinned', true, now());
        report.created.push('Pinned the Start here message');
      }
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      logger.warn({ guildId, step, reason: error.reason, err: error }, 'setup stopped: Discord refused');
      report.failure = `Stopped while ${step}: ${error.message}\nWhat is listed above is done and kept; fix that, then run /setup start again to finish.`;
    }
    return report;
  }

  return { run, ...createSetupRemoval(deps) };
}

export type SetupService = ReturnType<typeof createSetupService>;
