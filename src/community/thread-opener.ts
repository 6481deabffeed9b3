/** Discord keeps an idle thread visible for one of these many minutes before archiving it. */
export type ThreadArchiveMinutes = 60 | 1440 | 4320 | 10080;

/** Why Discord would not open a thread; `final` when retrying cannot help (a missing permission, a deleted message). */
export class ThreadError extends Error {
  override readonly name = 'ThreadError';
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

/** How the community features reach Discord's threads. The domain owns it; src/discord implements it. */
export interface ThreadOpener {
  /**
   * Opens a public thread started from a message (the thread takes the message's id). Resolves as well when the
   * message already has its thread, so a retry after a crash never makes a second one.
   */
  openOnMessage(channelId: string, messageId: string, name: string, autoArchiveMinutes: ThreadArchiveMinutes): Promise<void>;
}
