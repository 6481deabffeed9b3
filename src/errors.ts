/**
 * Something the user did that we can explain: shown to them as is, not logged as a failure.
 * Anything else that escapes a handler is a bug, logged with a reference id.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
