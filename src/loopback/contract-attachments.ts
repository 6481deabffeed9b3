import { attachmentEntries, attachmentReferences, MAX_ATTACHMENTS, totalBytes, UPLOAD_LIMIT_BYTES } from './uploads.js';

/** An upload as the contract check needs it: no bytes, only what Discord looks at. */
export interface UploadSummary {
  index: number;
  filename: string;
  size: number;
}

export interface AttachmentIssue {
  kind: 'limit' | 'attachment';
  at: string;
  message: string;
}

/**
 * Discord replaces other characters in an uploaded file's name (a space becomes `_`), so an embed's
 * `attachment://` reference to the name the bot chose would no longer match.
 */
const SAFE_FILENAME = /^[A-Za-z0-9._-]+$/;

/**
 * The bookkeeping between a message body's `attachments`, the files uploaded with it and its embeds'
 * `attachment://` references. `before` is the message's attachments when the request edits one.
 */
export function attachmentIssues(message: unknown, files: readonly UploadSummary[], before: readonly { id: string; filename: string }[] | undefined, prefix: string): AttachmentIssue[] {
  const issues: AttachmentIssue[] = [];
  const issue = (kind: AttachmentIssue['kind'], at: string, text: string) => issues.push({ kind, at: `${prefix}${at}`, message: text });
  const entries = attachmentEntries(message);
  if (files.length > MAX_ATTACHMENTS) issue('limit', 'files', `Must be ${MAX_ATTACHMENTS} or fewer in length.`);
  if (totalBytes(files) > UPLOAD_LIMIT_BYTES) issue('limit', 'files', `Request entity too large: uploads total more than ${UPLOAD_LIMIT_BYTES} bytes (40005)`);

  const names: string[] = [];
  for (const file of files) {
    const entry = entries?.find((e) => String(e.id) === String(file.index));
    const name = entry?.filename || file.filename;
    if (!SAFE_FILENAME.test(name)) issue('attachment', `files[${file.index}]`, `Filename "${name}" has characters Discord rewrites; use letters, digits, ".", "_" and "-"`);
    names.push(name);
  }
  const kept = before === undefined ? [] : entries ? before.filter((a) => entries.some((e) => String(e.id) === a.id)) : before;
  names.push(...kept.map((a) => a.filename));
  entries?.forEach((entry, i) => {
    const id = String(entry.id);
    if (files.some((f) => String(f.index) === id) || kept.some((a) => a.id === id)) return;
    const what = before === undefined ? `no file files[${id}] was uploaded` : `neither an uploaded files[${id}] nor an attachment of the message`;
    issue('attachment', `attachments[${i}].id`, `Attachment ${id}: ${what}`);
  });
  if (kept.length + files.length > MAX_ATTACHMENTS) issue('limit', 'attachments', `A message has at most ${MAX_ATTACHMENTS} attachments`);
  for (const ref of attachmentReferences(message)) {
    if (!names.includes(ref.name)) issue('attachment', ref.at, `attachment://${ref.name} names no attachment of this message`);
  }
  return issues;
}
