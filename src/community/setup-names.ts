/** What /setup names the things it makes, and where the server's ping role is kept. */
export const STUDY_CHANNEL_NAME = 'study-group';
export const PING_ROLE_NAME = 'Study pings';

/** Where the server's ping role is kept (the notifications service owns it). */
export interface PingRoleSetting {
  current(guildId: string): string | null;
  set(guildId: string, roleId: string | null): void;
}
