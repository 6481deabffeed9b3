import { ButtonStyle, ComponentType } from 'discord.js';
import type { RemovalPlan, RemovalReport, SetupReport } from '../../community/setup.js';
import type { StartHereMessage } from '../../community/server-admin.js';
import type { Reply } from '../command.js';
import { customIds } from '../custom-id.js';
import { BRAND_COLOUR, DISCORD, fit, RIGHT_COLOUR, WRONG_COLOUR } from './limits.js';
import { notifyButtonRow } from './notify.js';

const section = (title: string, lines: string[]) => (lines.length ? `**${title}**\n${lines.map((l) => `- ${l}`).join('\n')}` : '');

/** The pinned message a newcomer reads first: what the group is, the stages, how to take part. */
export function renderStartHere(message: StartHereMessage) {
  const stages = message.stages.map((s, i) => `${i + 1}. ${s.roleId ? `<@&${s.roleId}>` : s.title}`).join('\n');
  return {
    embeds: [
      {
        title: fit(`Start here: ${message.packTitle}`, DISCORD.embedTitle),
        color: BRAND_COLOUR,
        description: fit(
          `${message.packDescription}\n\nThis channel is the study group. A concept card with a quiz question is posted ${message.dailyLine}, ` +
            `and a five-question challenge ${message.weeklyLine}. Answer with the buttons: only you see whether you were right.`,
          DISCORD.embedDescription,
        ),
        fields: [
          { name: 'The roadmap', value: fit(`${stages}\n\nComplete a stage (answer enough of its questions correctly) to earn its role.`, DISCORD.fieldValue) },
          {
            name: 'How to study',
            value: '`/quiz`: a practice question whenever you like, from any topic or one you pick.\n' +
              '`/review`: the questions you missed or are due to see again, spaced out so they stick.\n' +
              '`/progress`: your XP, streak, accuracy and how far along each stage you are.\n' +
              '`/roadmap` and `/topic`: the stages and their concept cards. `/help` lists everything.',
          },
          {
            name: 'Pings',
            value: message.pingRoleId
              ? `Press **Notify me** (or use \`/notify\`) to get <@&${message.pingRoleId}> and be pinged when a post goes out. Press it again to stop.`
              : 'Posts do not ping anyone.',
          },
        ],
      },
    ],
    components: message.pingRoleId ? [notifyButtonRow()] : [],
    allowed_mentions: { parse: [] },
  };
}

export function renderSetupReport(report: SetupReport): Reply {
  const body = [
    section('Created', report.created),
    section('Changed', report.changed),
    section('Already in place', report.unchanged),
    report.failure ? `**Not finished**\n${report.failure}` : '',
  ].filter(Boolean).join('\n\n');
  return {
    ephemeral: true,
    embeds: [{
      title: report.failure ? 'Setup stopped part-way' : 'Setup done',
      color: report.failure ? WRONG_COLOUR : RIGHT_COLOUR,
      description: fit(body || 'Nothing to do.', DISCORD.embedDescription),
      footer: report.failure ? undefined : { text: 'Run /setup start again at any time: it changes only what differs.' },
    }],
  };
}

export function renderRemovalPlan(plan: RemovalPlan): Reply {
  const nothing = plan.roleIds.length === 0 && !plan.startMessage && !plan.createdChannelId && plan.schedules === 0;
  if (nothing) return { ephemeral: true, content: 'There is nothing of /setup to remove in this server.' };
  const lines = [
    plan.roleIds.length ? `the ${plan.roleIds.length} role(s) I created: ${plan.roleIds.map((id) => `<@&${id}>`).join(' ')}` : '',
    plan.startMessage ? 'the Start here message' : '',
    plan.schedules ? 'the daily and weekly schedules (nothing more is posted)' : '',
    plan.createdChannelId ? `the channel <#${plan.createdChannelId}> I created, **with every message in it**` : '',
  ].filter(Boolean);
  return {
    ephemeral: true,
    embeds: [{
      title: 'Remove what /setup made?',
      color: WRONG_COLOUR,
      description: fit(`This deletes ${lines.join('; ')}.\nMembers' progress and answers stay, and nothing I did not create is touched.`, DISCORD.embedDescription),
    }],
    components: [{
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Remove', custom_id: customIds.setupRemove() },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Keep everything', custom_id: customIds.setupKeep() },
      ],
    }],
  };
}

export function renderRemovalReport(report: RemovalReport): Reply {
  const body = [section('Deleted', report.deleted), report.failure ? `**Not finished**\n${report.failure}` : ''].filter(Boolean).join('\n\n');
  return {
    embeds: [{ title: report.failure ? 'Removal stopped part-way' : 'Removed', color: report.failure ? WRONG_COLOUR : BRAND_COLOUR, description: fit(body || 'Nothing was left to remove.', DISCORD.embedDescription) }],
    components: [],
  };
}
