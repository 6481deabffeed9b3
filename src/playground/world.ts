import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { GuildSpec } from '../loopback/index.js';

const MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles;

/** What the bot would be invited with (README's permissions table), so /setup and threads work here too. */
const BOT = MEMBER | PermissionFlagsBits.ManageRoles | PermissionFlagsBits.ManageChannels | PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.PinMessages;

export interface Persona {
  username: string;
  displayName: string;
  moderator: boolean;
  color: string;
}

/** A moderator and a handful of members, each with a colour for the avatar the page draws. */
export const PERSONAS: readonly Persona[] = [
  { username: 'morgan', displayName: 'Morgan', moderator: true, color: '#5865f2' },
  { username: 'ada', displayName: 'Ada', moderator: false, color: '#eb459e' },
  { username: 'bao', displayName: 'Bao', moderator: false, color: '#3ba55c' },
  { username: 'chidi', displayName: 'Chidi', moderator: false, color: '#faa61a' },
  { username: 'dana', displayName: 'Dana', moderator: false, color: '#ed4245' },
];

/**
 * The playground's server. Its ids are fixed (snowflakes from 2026), so the bot's database, kept between runs unless
 * --fresh, still refers to the same server, channels and members after a restart.
 */
export const SERVER = {
  id: '1500000000000000000',
  channels: { study: '1500000000000000010', general: '1500000000000000011', announcements: '1500000000000000012' },
} as const;

export function serverSpec(): GuildSpec {
  return {
    id: SERVER.id,
    name: 'Study Group',
    channels: [
      { id: SERVER.channels.study, name: 'study', topic: 'Daily concepts, quizzes and the weekly challenge' },
      { id: SERVER.channels.general, name: 'general' },
      { id: SERVER.channels.announcements, name: 'announcements', type: ChannelType.GuildAnnouncement },
    ],
    roles: [{ id: '1500000000000000020', name: 'Moderator', permissions: PermissionFlagsBits.ManageGuild | MEMBER, color: 0x5865f2 }],
    members: PERSONAS.map((p, i) => ({ id: String(1500000000000000100n + BigInt(i)), username: p.username, globalName: p.displayName, roles: p.moderator ? ['Moderator'] : [] })),
    owner: 'morgan',
    everyonePermissions: MEMBER,
    bot: { permissions: BOT },
  };
}
