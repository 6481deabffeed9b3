import type { RawFile } from 'discord.js';
import { DISCORD, fit } from './render/limits.js';

/** A file sent with a message, usually a PNG an embed shows with `image: { url: 'attachment://<name>' }`. */
export interface MessageFile {
  /** Letters, digits, `.`, `_` and `-` only: Discord rewrites other characters, and `attachment://` would miss. */
  name: string;
  data: Buffer;
  /** Alt text for screen readers; Discord takes it only through the body's `attachments`. */
  description: string;
}

/**
 * The files as Discord will take them: alt text cut to its limit. Too many files or too many bytes is a bug of
 * whoever rendered them (there is no honest way to shrink a picture here), so it fails loudly instead.
 */
export function checkedFiles(files: readonly MessageFile[] = []): MessageFile[] {
  if (files.length > DISCORD.attachments) throw new Error(`${files.length} files for one message; Discord takes ${DISCORD.attachments}`);
  const bytes = files.reduce((n, f) => n + f.data.length, 0);
  if (bytes > DISCORD.uploadBytes) throw new Error(`${bytes} bytes of files for one message; Discord takes ${DISCORD.uploadBytes}`);
  return files.map((f) => ({ ...f, description: fit(f.description, DISCORD.attachmentDescription) }));
}

/** For discord.js's interaction methods (`reply`, `update`), which build `attachments` themselves. */
export const discordJsFiles = (files: readonly MessageFile[]) => files.map((f) => ({ attachment: f.data, name: f.name, description: f.description }));

/**
 * For a request made with @discordjs/rest directly: the uploads, and the `attachments` the JSON needs to give each
 * upload its alt text. On an edit, `attachments` also says which old files stay: listing only these drops the rest.
 */
export function restUpload(files: readonly MessageFile[]): { attachments: { id: string; filename: string; description: string }[]; files: RawFile[] } {
  return {
    attachments: files.map((f, index) => ({ id: String(index), filename: f.name, description: f.description })),
    files: files.map((f) => ({ name: f.name, data: f.data, ...(f.name.endsWith('.png') ? { contentType: 'image/png' } : {}) })),
  };
}
