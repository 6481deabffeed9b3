/** Why Discord would not change a member's role; the message says what a moderator can do about it. */
export class RoleChangeError extends Error {
  override readonly name = 'RoleChangeError';
  constructor(
    message: string,
    /** The member left or the role is gone: retrying will not help. */
    readonly final: boolean,
  ) {
    super(message);
  }
}

/** How progress reaches Discord's roles. The domain owns it; src/discord implements it. */
export interface RoleGranter {
  add(guildId: string, userId: string, roleId: string, reason: string): Promise<void>;
  remove(guildId: string, userId: string, roleId: string, reason: string): Promise<void>;
}
