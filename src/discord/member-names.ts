import type { APIInteractionGuildMember, ChatInputCommandInteraction, Guild, GuildMember, User } from 'discord.js';
import type { MemberName } from './render/pictures.js';

/** The name a server shows for a member: their server nickname, else their display name, else the username. */
function nameOf(user: User, member: GuildMember | APIInteractionGuildMember | null | undefined): MemberName {
  const nick = member && ('nickname' in member ? member.nickname : member.nick);
  return { userId: user.id, displayName: nick || user.globalName || user.username, username: user.username };
}

/** Who a command is about: the `member` option when given, else whoever ran it; from the interaction, no request. */
export function subjectOf(interaction: ChatInputCommandInteraction): MemberName {
  const user = interaction.options.getUser('member');
  if (user) return nameOf(user, interaction.options.getMember('member') as GuildMember | APIInteractionGuildMember | null);
  return nameOf(interaction.user, interaction.member);
}

/**
 * Names for a board of members: from the bot's cache where it has them, else one request each (ten at most),
 * all at once. A member who left keeps no name.
 */
export async function namesOf(guild: Guild | null, userIds: readonly string[]): Promise<Map<string, MemberName>> {
  const names = new Map<string, MemberName>();
  if (!guild) return names;
  await Promise.all(userIds.map(async (id) => {
    const member = await guild.members.fetch(id).catch(() => null);
    if (member) names.set(id, nameOf(member.user, member));
  }));
  return names;
}
