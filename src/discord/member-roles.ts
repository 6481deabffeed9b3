import type { APIInteractionGuildMember, GuildMember } from 'discord.js';

/** The member's roles as the interaction shows them (the bot keeps no member cache to ask). */
export function memberRoleIds(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}
