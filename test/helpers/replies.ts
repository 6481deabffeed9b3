import type { APIAttachment, APIEmbed, APIInteractionResponse } from 'discord-api-types/v10';
import type { InteractionHandle, LoopbackDiscord } from '../../src/loopback/index.js';

export const EPHEMERAL = 64;

export interface ReplyData {
  content?: string;
  flags?: number;
  embeds?: APIEmbed[];
  components?: { components: { custom_id?: string; label?: string; disabled?: boolean }[] }[];
  choices?: { name: string; value: string }[];
}

/** The message part of an interaction callback, loosely typed for assertions. */
export const replyOf = (response: APIInteractionResponse): ReplyData => ('data' in response ? (response.data as ReplyData) : {}) ?? {};

export const buttonsOf = (reply: ReplyData, row = 0) => reply.components?.[row]?.components ?? [];

/** The question key carried by a practice or review answer button: v1:pa:<key>:<round>:<choice>. */
export const questionKeyOf = (customId: string) => Number(customId.split(':')[2]);

/** Everything a person would read in a reply, as plain text: content, then each embed's title, description and fields. */
export function textOf(reply: ReplyData): string {
  const parts = [reply.content ?? ''];
  for (const embed of reply.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

/** What the member finally sees: the reply itself, or for a deferred command or click (type 5 or 6) the edit that follows. */
export async function finalReply(handle: InteractionHandle): Promise<ReplyData> {
  const first = await handle.response;
  return first.type === 5 || first.type === 6 ? ((await handle.waitForEdit()) as ReplyData) : replyOf(first);
}

/**
 * The files a stored message carries (filename, description, size, content type, width and height), e.g.
 * `attachmentsOf(handle.original())` or `attachmentsOf(handle.followUps[0])`.
 */
export const attachmentsOf = (message: { attachments?: readonly APIAttachment[] } | undefined): readonly APIAttachment[] => message?.attachments ?? [];

/** The bytes the bot uploaded for an attachment, to decode (a PNG with pngjs's `PNG.sync.read`). */
export function attachmentBytes(discord: LoopbackDiscord, attachment: Pick<APIAttachment, 'id'>): Buffer {
  const stored = discord.state.attachments.get(attachment.id);
  if (!stored) throw new Error(`No attachment ${attachment.id} on the loopback Discord`);
  return stored.content;
}
