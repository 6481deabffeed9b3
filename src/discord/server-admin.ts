import { DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes, Routes, type APIMessage, type APIRole, type Client, type PermissionsBitField } from 'discord.js';
import { AdminError, type BotPermission, type ServerAdmin, type ServerRole } from '../community/server-admin.js';
import { renderStartHere } from './render/setup.js';

const FLAGS: Record<BotPermission, bigint> = {
  'Manage Roles': PermissionFlagsBits.ManageRoles,
  'Manage Channels': PermissionFlagsBits.ManageChannels,
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  'Create Public Threads': PermissionFlagsBits.CreatePublicThreads,
  'Send Messages in Threads': PermissionFlagsBits.SendMessagesInThreads,
  'Pin Messages': PermissionFlagsBits.PinMessages,
};

const named = (permissions: Readonly<PermissionsBitField>): Set<BotPermission> =>
  new Set((Object.keys(FLAGS) as BotPermission[]).filter((name) => permissions.has(FLAGS[name])));

/** Discord's refusal, in words a moderator can act on. */
function explain(error: unknown): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  switch (error.code) {
    case RESTJSONErrorCodes.MissingPermissions:
    case RESTJSONErrorCodes.MissingAccess:
      return new AdminError('forbidden', 'Discord refused (Missing Permissions). Check that my role has the permission for this and sits above the roles I manage (Server Settings > Roles).');
    case RESTJSONErrorCodes.MaximumNumberOfGuildRolesReached:
      return new AdminError('limit', 'the server has reached Discord\'s 250 roles. Delete unused roles in Server Settings > Roles.');
    case RESTJSONErrorCodes.MaximumNumberOfPinsReachedForTheChannel:
      return new AdminError('limit', 'the channel has reached Discord\'s 250 pinned messages. Unpin an old one.');
    case RESTJSONErrorCodes.UnknownRole:
    case RESTJSONErrorCodes.UnknownChannel:
    case RESTJSONErrorCodes.UnknownMessage:
      return new AdminError('gone', `it no longer exists (${error.message}).`);
    default:
      return new AdminError('other', `Discord answered ${error.status} (${error.message}).`);
  }
}

const attempt = <T>(work: Promise<T>): Promise<T> => work.catch((error: unknown) => Promise.reject(explain(error)));
/** Deleting what is already gone is done. */
const removal = (work: Promise<unknown>): Promise<boolean> =>
  work.then(
    () => true,
    (error: unknown) => {
      const reason = explain(error);
      return reason instanceof AdminError && reason.reason === 'gone' ? false : Promise.reject(reason);
    },
  );

const toRole = (role: APIRole): ServerRole => ({ id: role.id, name: role.name, position: role.position, managed: role.managed });

/** /setup's view of a server and its changes to it, through the bot's REST client (so within its rate limits). */
export function createServerAdmin(client: Client): ServerAdmin {
  return {
    async snapshot(guildId) {
      const guild = client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId));
      const roles = await guild.roles.fetch(undefined, { force: true });
      const me = await guild.members.fetchMe({ force: true });
      return {
        roles: [...roles.values()].filter((r) => r.id !== guild.id).map((r) => ({ id: r.id, name: r.name, position: r.position, managed: r.managed })),
        roleCount: roles.size,
        botTopRole: { name: me.roles.highest.name, position: me.roles.highest.position },
        botPermissions: named(me.permissions),
        channelPermissions(channelId) {
          const channel = guild.channels.cache.get(channelId);
          return channel?.isTextBased() && !channel.isThread() ? named(channel.permissionsFor(me)) : null;
        },
        channelExists: (channelId) => guild.channels.cache.has(channelId),
      };
    },
    createRole: (guildId, role, reason) =>
      attempt(client.rest.post(Routes.guildRoles(guildId), { body: { name: role.name, color: role.color, hoist: false, mentionable: role.mentionable, permissions: '0' }, reason })).then((r) => toRole(r as APIRole)),
    moveRoles: async (guildId, positions, reason) => void (await attempt(client.rest.patch(Routes.guildRoles(guildId), { body: positions, reason }))),
    deleteRole: (guildId, roleId, reason) => removal(client.rest.delete(Routes.guildRole(guildId, roleId), { reason })),
    createChannel: (guildId, name, reason) =>
      attempt(client.rest.post(Routes.guildChannels(guildId), { body: { name, type: 0, topic: 'Daily concepts, quizzes and the weekly challenge' }, reason })).then((c) => (c as { id: string }).id),
    deleteChannel: (channelId, reason) => removal(client.rest.delete(Routes.channel(channelId), { reason })),
    async sendStartHere(channelId, message, nonce) {
      const body = { ...renderStartHere(message), nonce, enforce_nonce: true };
      return ((await attempt(client.rest.post(Routes.channelMessages(channelId), { body }))) as APIMessage).id;
    },
    editStartHere: (channelId, messageId, message) => removal(client.rest.patch(Routes.channelMessage(channelId, messageId), { body: renderStartHere(message) })),
    pin: async (channelId, messageId, reason) => void (await attempt(client.rest.put(Routes.channelMessagesPin(channelId, messageId), { reason }))),
    deleteMessage: (channelId, messageId) => removal(client.rest.delete(Routes.channelMessage(channelId, messageId))),
  };
}
