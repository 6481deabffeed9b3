import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import type { Services } from './context.js';
import { attachmentEntries, describeUpload, type UploadedFile } from './uploads.js';

/**
 * Turns a request's uploads into attachments of the message, stored where the CDN route serves them. Every upload
 * becomes an attachment (an `attachments[]` entry with its index only adds a filename or description).
 */
function storeUploads(services: Services, body: unknown, files: readonly UploadedFile[]): APIAttachment[] {
  const entries = attachmentEntries(body) ?? [];
  return files.map((file) => {
    const id = services.ids.next();
    const entry = entries.find((e) => String(e.id) === String(file.index));
    const attachment = describeUpload(id, file, entry, services.attachmentUrl(id, entry?.filename || file.filename));
    services.state.attachments.set(id, { attachment, content: file.data });
    return attachment;
  });
}

/** A new message's attachments: what it uploaded. */
export function attachOnCreate(services: Services, message: APIMessage, body: unknown, files: readonly UploadedFile[]): void {
  message.attachments = storeUploads(services, body, files);
  resolveEmbedImages(message);
}

/**
 * An edit's attachments, as Discord does it: with an `attachments` array, the message keeps the old attachments it
 * lists by id and drops the rest; without one, old attachments stay. New uploads are added either way.
 */
export function attachOnEdit(services: Services, message: APIMessage, body: unknown, files: readonly UploadedFile[]): void {
  const entries = attachmentEntries(body);
  if (!entries && files.length === 0) return;
  const listed = new Set(entries?.map((e) => String(e.id)));
  const kept = entries ? message.attachments.filter((a) => listed.has(a.id)) : message.attachments;
  message.attachments = [...kept, ...storeUploads(services, body, files)];
  resolveEmbedImages(message);
}

/**
 * Discord stores an embed's `attachment://name` image or thumbnail as the attachment's CDN address, with its size,
 * so what the bot reads back is what clients show. A name with no such attachment stays as sent (the contract check
 * reports it; Discord shows no image).
 */
function resolveEmbedImages(message: APIMessage): void {
  const byName = new Map(message.attachments.map((a) => [a.filename, a]));
  for (const embed of message.embeds) {
    for (const key of ['image', 'thumbnail'] as const) {
      const media = embed[key];
      const attachment = media?.url.startsWith('attachment://') ? byName.get(media.url.slice('attachment://'.length)) : undefined;
      if (!media || !attachment) continue;
      embed[key] = { ...media, url: attachment.url, proxy_url: attachment.proxy_url, ...(attachment.width ? { width: attachment.width, height: attachment.height! } : {}) };
    }
  }
}
