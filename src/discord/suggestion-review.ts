import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction } from 'discord.js';
import { UserError } from '../errors.js';
import type { Services } from '../services.js';
import type { ComponentReply } from './command.js';
import { renderReview } from './render/suggestions.js';

const ONLY_MODERATORS = 'Only moderators can review suggestions: it needs the **Manage Server** permission.';

/** Review buttons and forms are refused to members without Manage Server, whatever a tampered id claims. */
export function requireModerator(interaction: ButtonInteraction | ModalSubmitInteraction | ChatInputCommandInteraction): void {
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) throw new UserError(ONLY_MODERATORS);
}

/** The queue's current view: the next waiting suggestion after `afterId`, with its topic's title. */
export function reviewView(services: Services, guildId: string, afterId = 0, note?: string): ComponentReply {
  const view = services.suggestions.next(guildId, afterId);
  const topic = view.suggestion ? services.catalog.topics(guildId).find((t) => t.id === view.suggestion!.topicId)?.title ?? null : null;
  return renderReview(view, topic, note);
}
