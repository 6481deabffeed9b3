import type { ChannelType } from 'discord-api-types/v10';

/** Guild layout a test asks for. Roles, members and overwrites refer to each other by name. */
export interface GuildSpec {
  id?: string;
  name: string;
  /** Defaults to a single text channel named `general`. */
  channels?: ChannelSpec[];
  /** Positions default to list order, starting at 1: later roles sit higher. */
  roles?: RoleSpec[];
  members?: MemberSpec[];
  everyonePermissions?: bigint;
  /** Username of the owner; defaults to the first member. The owner has every permission. */
  owner?: string;
  /**
   * The bot's own managed role (as Discord creates on invite). Defaults: a few text permissions plus
   * Manage Roles, positioned above every role in `roles`.
   */
  bot?: { permissions?: bigint; position?: number; roles?: string[] };
}

export type ChannelKind = ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildCategory | ChannelType.GuildVoice;

export interface ChannelSpec {
  id?: string;
  name: string;
  type?: ChannelKind;
  /** Name of a category listed earlier. */
  parent?: string;
  topic?: string;
  overwrites?: OverwriteSpec[];
}

/** `role` is a role name, a role id or `@everyone`; `user` is a member's username or id. */
export interface OverwriteSpec {
  role?: string;
  user?: string;
  allow?: bigint;
  deny?: bigint;
}

export interface RoleSpec {
  id?: string;
  name: string;
  permissions?: bigint;
  position?: number;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  managed?: boolean;
}

export interface MemberSpec {
  id?: string;
  username: string;
  globalName?: string;
  bot?: boolean;
  nick?: string;
  /** Role names or ids. */
  roles?: string[];
}
