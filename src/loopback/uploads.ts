import type { APIAttachment } from 'discord-api-types/v10';

/** One `files[n]` part of a multipart/form-data request, as the route handlers see it. */
export interface UploadedFile {
  /** The `n` of `files[n]`: what an `attachments[]` entry's `id` refers to. */
  index: number;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** An entry of a message body's `attachments`: an upload's index, or an existing attachment's id on edit. */
export interface AttachmentEntry {
  id: string | number;
  filename?: string | null;
  description?: string | null;
}

/** Discord's default upload limit for a bot's message, all files together (boosted servers allow more). */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

/**
 * A request body: JSON as is; multipart by its `payload_json` part (where discord.js puts the JSON), with every
 * file part as an upload. Parts named otherwise than `files[n]` are numbered in order, as Discord does.
 */
export async function parseRequestBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!contentType?.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const payload = form.get('payload_json');
  const files: UploadedFile[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') continue;
    const index = Number(/^files\[(\d+)\]$/.exec(key)?.[1] ?? files.length);
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ index, filename: value.name, contentType: value.type || sniffContentType(data), data });
  }
  return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files };
}

export const totalBytes = (files: readonly { data?: Buffer; size?: number }[]) => files.reduce((n, f) => n + (f.data?.length ?? f.size ?? 0), 0);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sniffContentType(data: Buffer): string {
  return data.subarray(0, 8).equals(PNG_SIGNATURE) ? 'image/png' : 'application/octet-stream';
}

/** Width and height from a PNG's IHDR chunk (Discord reports them for images); none for anything else. */
export function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The attachment Discord makes of an upload: its metadata as messages carry it. */
export function describeUpload(id: string, file: UploadedFile, entry: AttachmentEntry | undefined, url: string): APIAttachment {
  const filename = entry?.filename || file.filename;
  return {
    id,
    filename,
    size: file.data.length,
    url,
    proxy_url: url,
    content_type: file.contentType,
    ...(entry?.description ? { description: entry.description } : {}),
    ...pngSize(file.data),
  };
}

export function attachmentEntries(body: unknown): AttachmentEntry[] | undefined {
  const list = typeof body === 'object' && body !== null ? (body as { attachments?: unknown }).attachments : undefined;
  return Array.isArray(list) ? (list.filter((e) => typeof e === 'object' && e !== null) as AttachmentEntry[]) : undefined;
}

/** Names an embed refers to with `attachment://name` (image, thumbnail, author and footer icons), with where. */
export function attachmentReferences(body: unknown): { at: string; name: string }[] {
  const embeds = typeof body === 'object' && body !== null ? (body as { embeds?: unknown }).embeds : undefined;
  if (!Array.isArray(embeds)) return [];
  const refs: { at: string; name: string }[] = [];
  embeds.forEach((embed: Record<string, { url?: unknown; icon_url?: unknown } | undefined>, i) => {
    const urls = { 'image.url': embed?.image?.url, 'thumbnail.url': embed?.thumbnail?.url, 'author.icon_url': embed?.author?.icon_url, 'footer.icon_url': embed?.footer?.icon_url };
    for (const [at, url] of Object.entries(urls)) {
      if (typeof url === 'string' && url.startsWith('attachment://')) refs.push({ at: `embeds[${i}].${at}`, name: url.slice('attachment://'.length) });
    }
  });
  return refs;
}
