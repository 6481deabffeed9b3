import type { APIEmbed } from 'discord.js';

/** Discord's message limits (see DISCORD-LIMITS in the docs the team keeps). */
export const DISCORD = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  attachments: 10,
  attachmentDescription: 1024,
  /** A bot's upload limit per message without server boosts, all files together. */
  uploadBytes: 10 * 1024 * 1024,
} as const;

/** Cuts text to fit, marking the cut, so dynamic text (names, lists) can never break a message. */
export function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export const BRAND_COLOUR = 0x3b82f6;
export const RIGHT_COLOUR = 0x22c55e;
export const WRONG_COLOUR = 0xef4444;
