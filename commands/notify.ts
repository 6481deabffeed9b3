import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { memberRoleIds } from '../src/discord/member-roles.js';
import { renderNotifyToggle } from '../src/discord/render/notify.js';

export const notify: SlashCommand = {
  // Changing a role is a REST call before the answer: deferring keeps within Discord's 3 seconds.
  defer: { ephemeral: true },
  data: new SlashCommandBuilder()
    .setName('notify')
    .setDescription('Get pinged when the daily concept and weekly challenge are posted (or stop)')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  async execute(interaction, services, { guildId, userId }) {
    return renderNotifyToggle(await services.notifications.toggle(guildId, userId, memberRoleIds(interaction.member)));
  },
};
