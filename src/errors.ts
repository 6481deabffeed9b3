/**
 * Something the user did that we can explain: shown to them as is, not logged as a failure.
 * Anything else that escapes a handler is a bug, logged with a reference id.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** What a member typed, quoted back to them: short enough that an oversize value cannot break the reply. */
export function quote(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `"${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}"`;
}
