import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { PingToggle } from '../../community/notifications.js';
import type { Reply } from '../command.js';
import { customIds } from '../custom-id.js';

/** "Notify me": any message can carry it (the daily posts' pings, the pinned "Start here" message). */
export function notifyButtonRow(): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Notify me', emoji: { name: '🔔' }, custom_id: customIds.notifyToggle() }],
  };
}

/** The private answer to the button or /notify. */
export function renderNotifyToggle(outcome: PingToggle): Reply {
  return {
    ephemeral: true,
    content: outcome === 'added'
      ? 'You will be pinged when the daily concept and the weekly challenge are posted. Press **Notify me** again (or use /notify) to stop.'
      : 'You will no longer be pinged for new posts. Press **Notify me** (or use /notify) any time to get pings again.',
  };
}

/** The mention a daily or weekly post opens with, when the server has a ping role. */
export function pingLine(pingRoleId: string | null | undefined, text: string): string | undefined {
  return pingRoleId ? `<@&${pingRoleId}> ${text}` : undefined;
}
