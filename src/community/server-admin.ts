/**
 * What /setup needs from Discord, in the domain's terms. src/discord/server-admin.ts implements it with discord.js;
 * the domain never sees discord.js.
 */

/** The permissions /setup checks, named as Discord's settings pages name them. */
export type BotPermission =
  | 'Manage Roles'
  | 'Manage Channels'
  | 'View Channel'
  | 'Send Messages'
  | 'Embed Links'
  | 'Create Public Threads'
  | 'Send Messages in Threads'
  | 'Pin Messages';

export interface ServerRole {
  id: string;
  name: string;
  position: number;
  managed: boolean;
}

/** The server as Discord sees it now, read fresh at the start of a run. */
export interface ServerSnapshot {
  /** Every role but @everyone. */
  roles: ServerRole[];
  /** Discord's count, @everyone included (the ceiling is 250). */
  roleCount: number;
  botTopRole: { name: string; position: number };
  botPermissions: ReadonlySet<BotPermission>;
  /** What the bot may do in a channel; null when there is no such text channel in the server. */
  channelPermissions(channelId: string): ReadonlySet<BotPermission> | null;
  channelExists(channelId: string): boolean;
}

export interface StartHereMessage {
  packTitle: string;
  packDescription: string;
  stages: { title: string; roleId: string | null }[];
  pingRoleId: string | null;
  dailyLine: string;
  weeklyLine: string;
}

/** Why Discord refused: the fix differs (a permission, a limit, something a moderator deleted meanwhile). */
export type AdminFailure = 'forbidden' | 'limit' | 'gone' | 'other';

export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly reason: AdminFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface ServerAdmin {
  snapshot(guildId: string): Promise<ServerSnapshot>;
  createRole(guildId: string, role: { name: string; color: number; mentionable: boolean }, reason: string): Promise<ServerRole>;
  /** Puts each role at its position; the others keep their order around them. */
  moveRoles(guildId: string, positions: { id: string; position: number }[], reason: string): Promise<void>;
  /** Resolves false when the role was already gone. */
  deleteRole(guildId: string, roleId: string, reason: string): Promise<boolean>;
  createChannel(guildId: string, name: string, reason: string): Promise<string>;
  deleteChannel(channelId: string, reason: string): Promise<boolean>;
  sendStartHere(channelId: string, message: StartHereMessage, nonce: string): Promise<string>;
  /** Resolves false when the message is gone (deleted by a moderator). */
  editStartHere(channelId: string, messageId: string, message: StartHereMessage): Promise<boolean>;
  pin(channelId: string, messageId: string, reason: string): Promise<void>;
  deleteMessage(channelId: string, messageId: string): Promise<boolean>;
}
