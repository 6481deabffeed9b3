import {
  ApplicationFlags,
  GatewayIntentBits,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type APIApplication,
  type APIGuild,
  type APIGuildMember,
  type APIThreadChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { isThread, type StoredChannel } from './guild-builder.js';
import type { GuildRecord, LoopbackState } from './state.js';

/** JSON shapes the fake sends, built from state. discord-api-types keeps them honest at compile time. */

export function apiGuild(guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...guild.roles.values()],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    incidents_data: null,
    max_members: 500000,
    max_video_channel_users: 25,
  };
}

/**
 * Without the GUILD_PRESENCES intent Discord puts only the bot itself in GUILD_CREATE's member list,
 * so a bot that trusts its member cache breaks in production; the fake does the same.
 */
export function guildCreate(guild: GuildRecord, state: LoopbackState, intents: number): GatewayGuildCreateDispatchData {
  const members = [...guild.members.values()];
  const visible = intents & GatewayIntentBits.GuildPresences ? members : members.filter((m) => m.user.id === state.botUser.id);
  return {
    ...apiGuild(guild),
    joined_at: guild.members.get(state.botUser.id)?.joined_at ?? new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members: visible,
    // Threads are never among a guild's channel ids; they come in `threads`.
    channels: guild.channelIds.map((id) => state.channel(id)).filter((c): c is Exclude<StoredChannel, APIThreadChannel> => !isThread(c)),
    threads: [...state.channels.values()].filter((c) => c.guild_id === guild.id && isThread(c)) as APIThreadChannel[],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function apiMember(member: APIGuildMember & { user: APIUser }): APIGuildMember {
  return { ...member, roles: [...member.roles] };
}

export function apiApplication(id: string, bot: APIUser): APIApplication {
  return {
    id,
    name: bot.username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot,
    summary: '',
    verify_key: '0'.repeat(64),
    team: null,
    flags: ApplicationFlags.GatewayGuildMembersLimited,
    flags_new: String(ApplicationFlags.GatewayGuildMembersLimited),
  };
}
