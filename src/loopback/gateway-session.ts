import { type ApplicationFlags, GatewayIntentBits, type GatewayReadyDispatchData } from 'discord-api-types/v10';
import type { WebSocket } from 'ws';
import type { ResolvedShardPolicy } from './shards.js';
import type { GuildRecord, LoopbackState } from './state.js';

/** One shard's session: what it identified with, and the dispatches kept for RESUME. */
export interface Session {
  id: string;
  intents: number;
  shard: [number, number];
  seq: number;
  sent: Array<{ op: 0; t: string; s: number; d: unknown }>;
  socket: WebSocket | null;
}

export interface GatewayOptions {
  token: string;
  applicationId: string;
  state: LoopbackState;
  heartbeatIntervalMs: number;
  privilegedIntentsAllowed: number;
  newSessionId: () => string;
  now: () => number;
  resumeUrl: () => string;
  shards: ResolvedShardPolicy;
}

export const PRIVILEGED = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** READY for a session: only the servers of its shard, unavailable until their GUILD_CREATE follows. */
export function readyPayload(options: GatewayOptions, session: Session, guilds: readonly GuildRecord[]): GatewayReadyDispatchData {
  return {
    v: 10,
    user: options.state.botUser,
    guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: options.resumeUrl(),
    shard: session.shard,
    application: { id: options.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

export function refuse(ws: WebSocket, code: number, reason: string): null {
  ws.close(code, reason);
  return null;
}
