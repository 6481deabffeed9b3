import { GatewayDispatchEvents, GatewayIntentBits, type GatewayGuildMembersChunkDispatchData } from 'discord-api-types/v10';
import { apiMember } from './shapes.js';
import type { LoopbackState } from './state.js';

interface MemberRequest {
  guild_id?: string;
  query?: string;
  limit?: number;
  user_ids?: string | string[];
  nonce?: string;
}

interface Dispatcher {
  dispatch(t: GatewayDispatchEvents, d: unknown, intent?: number): boolean;
}

/**
 * `guild.members.fetch()` without an id goes over the gateway (opcode 8), not REST. Discord only
 * answers a full list when the session has the GUILD_MEMBERS intent.
 */
export function handleMemberRequest(gateway: Dispatcher, state: LoopbackState, intents: number, d: unknown): void {
  const request = (d ?? {}) as MemberRequest;
  const guild = request.guild_id ? state.guilds.get(request.guild_id) : undefined;
  if (!guild) return;
  const wanted = request.user_ids === undefined ? null : new Set([request.user_ids].flat());
  const everyone = [...guild.members.values()];
  let members = wanted ? everyone.filter((m) => wanted.has(m.user.id)) : everyone;
  if (!wanted) {
    if (!(intents & GatewayIntentBits.GuildMembers) && !request.query) members = [];
    const query = (request.query ?? '').toLowerCase();
    members = members.filter((m) => m.user.username.toLowerCase().startsWith(query));
    if (request.limit) members = members.slice(0, request.limit);
  }
  const chunk: GatewayGuildMembersChunkDispatchData = {
    guild_id: guild.id,
    members: members.map(apiMember),
    chunk_index: 0,
    chunk_count: 1,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  };
  if (wanted) chunk.not_found = [...wanted].filter((id) => !guild.members.has(id));
  gateway.dispatch(GatewayDispatchEvents.GuildMembersChunk, chunk);
}
