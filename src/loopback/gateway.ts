import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';
import { FrameLog, type GatewayFrame } from './gateway-frames.js';
import { handleMemberRequest } from './gateway-members.js';
import { PRIVILEGED, readyPayload, refuse, type GatewayOptions, type Session } from './gateway-session.js';
import { guildCreate } from './shapes.js';
import { guildOf, IdentifyBuckets, parseShard, recommendedShards, shardOf, type ResolvedShardPolicy } from './shards.js';

export type { GatewayFrame } from './gateway-frames.js';
export type { GatewayOptions } from './gateway-session.js';

/**
 * The gateway, speaking JSON without compression (what discord.js asks for without zlib-sync), with a session per
 * shard. A server's events go to the session of its shard, `(guild_id >> 22) % count`, as on Discord.
 */
export class LoopbackGateway {
  private readonly log = new FrameLog();
  /** Every frame in and out, in order. */
  readonly frames: readonly GatewayFrame[] = this.log.frames;
  /** Every IDENTIFY let through, with the shard and the real time (performance.now()) it was accepted at. */
  readonly identifies: { shard: [number, number]; at: number }[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  /** Sessions by shard id, all with the same shard count. */
  private readonly sessions = new Map<number, Session>();
  private readonly buckets: IdentifyBuckets;
  private holdUntil = 0;

  constructor(private readonly options: GatewayOptions) {
    this.buckets = new IdentifyBuckets(options.shards);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, new URL(req.url ?? '/', 'ws://x').searchParams));
  }

  /** What GET /gateway/bot recommends for the servers there are now. */
  get recommendedShards(): number {
    return recommendedShards(this.options.shards, this.options.state.guilds.size);
  }

  get maxConcurrency(): number {
    return this.options.shards.maxConcurrency;
  }

  /** The shard count the bot identified with, or null before any IDENTIFY. */
  get shardCount(): number | null {
    return this.sessions.values().next().value?.shard[1] ?? null;
  }

  /** The shard a server's events go to (0 before any IDENTIFY). */
  shardOf(guildId: string | null | undefined): number {
    return shardOf(guildId, this.shardCount ?? 1);
  }

  /** Intents of the session that has `guildId` (shard 0 without one), or null if that shard has not identified. */
  intents(guildId?: string): number | null {
    return this.sessions.get(this.shardOf(guildId))?.intents ?? null;
  }

  /** True while some shard's socket is open. */
  get connected(): boolean {
    return this.connectedShards().length > 0;
  }

  /** Ids of the shards whose socket is open. */
  connectedShards(): number[] {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).map((s) => s.shard[0]).sort((a, b) => a - b);
  }

  /**
   * Sends (or, while that shard is disconnected, buffers for RESUME) a dispatch to the shard of the server it
   * concerns: `d.id` for guild events, `d.guild_id` for the rest, shard 0 for none. Skipped if the session lacks `intent`.
   */
  dispatch(t: GatewayDispatchEvents, d: unknown, intent?: number): boolean {
    return this.dispatchTo(this.sessions.get(this.shardOf(guildOf(t, d))), t, d, intent);
  }

  private dispatchTo(session: Session | undefined, t: GatewayDispatchEvents, d: unknown, intent?: number): boolean {
    if (!session || (intent !== undefined && !(session.intents & intent))) return false;
    const payload = { op: 0 as const, t, s: ++session.seq, d };
    session.sent.push(payload);
    if (session.socket?.readyState === WebSocket.OPEN) this.send(session.socket, payload, session);
    return true;
  }

  /** A server added while the bot is connected: GUILD_CREATE on its shard, shaped for that session's intents. */
  guildAdded(guildId: string): void {
    const intents = this.intents(guildId);
    if (intents === null) return;
    this.dispatch(GatewayDispatchEvents.GuildCreate, guildCreate(this.options.state.guild(guildId), this.options.state, intents), GatewayIntentBits.Guilds);
  }

  /**
   * Abrupt loss (no close frame) unless a close code is given, of one shard or of all; the sessions stay resumable.
   * `holdMs` keeps new connections waiting that long for HELLO, so the shard stays down a while (a slow network).
   */
  drop(code?: number, shard?: number, holdMs = 0): void {
    this.holdUntil = performance.now() + holdMs;
    for (const session of this.sessions.values()) {
      const socket = session.socket;
      if (!socket || (shard !== undefined && session.shard[0] !== shard)) continue;
      if (code === undefined) socket.terminate();
      else socket.close(code, 'loopback drop');
    }
  }

  /** Opcode 9 with d=false on one shard's session (default 0): the client must IDENTIFY that shard again. */
  invalidateSession(shard = 0): void {
    const session = this.sessions.get(shard);
    this.sessions.delete(shard);
    if (session?.socket) this.send(session.socket, { op: GatewayOpcodes.InvalidSession, d: false }, session);
  }

  /** Resolves at the next frame (or one already seen) matching `predicate`. */
  waitForFrame(predicate: (frame: GatewayFrame) => boolean, timeoutMs = 2000): Promise<GatewayFrame> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /** Forgets recorded frames and the dispatches kept for RESUME (see LoopbackDiscord.forgetHistory). */
  forgetHistory(): void {
    this.log.clear();
    for (const session of this.sessions.values()) session.sent.length = 0;
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket, query: URLSearchParams): void {
    if (query.get('v') !== '10') return ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if ((query.get('encoding') ?? 'json') !== 'json') return ws.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding');
    if (query.has('compress')) return ws.close(GatewayCloseCodes.UnknownError, 'The loopback gateway does not compress');
    let session: Session | null = null;
    ws.on('message', (raw) => {
      let packet: { op: number; d: unknown };
      try {
        packet = JSON.parse(raw.toString());
      } catch {
        return ws.close(GatewayCloseCodes.DecodeError, 'Decode error');
      }
      this.log.record({ direction: 'in', shard: session?.shard[0] ?? this.claimedShard(packet), op: packet.op, d: packet.d, at: this.options.now() });
      if (packet.op === GatewayOpcodes.Heartbeat) return this.send(ws, { op: GatewayOpcodes.HeartbeatAck }, session);
      if (packet.op === GatewayOpcodes.Identify || packet.op === GatewayOpcodes.Resume) {
        if (session) return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
        session = packet.op === GatewayOpcodes.Identify ? this.identify(ws, packet.d) : this.resume(ws, packet.d);
        return;
      }
      if (!session) return ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
      if (packet.op === GatewayOpcodes.RequestGuildMembers) handleMemberRequest(this, this.options.state, session.intents, packet.d);
      else if (packet.op !== GatewayOpcodes.PresenceUpdate) ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
    });
    ws.on('close', () => {
      if (session && session.socket === ws) session.socket = null;
    });
    const hello = () => ws.readyState === WebSocket.OPEN && this.send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } }, null);
    const held = this.holdUntil - performance.now();
    if (held > 0) setTimeout(hello, held).unref();
    else hello();
  }

  /** The shard an IDENTIFY names, or the shard of the session a RESUME names. */
  private claimedShard(packet: { op: number; d: unknown }): number | null {
    const d = (packet.d ?? {}) as { shard?: unknown; session_id?: unknown };
    if (packet.op === GatewayOpcodes.Identify) return parseShard(d.shard)?.[0] ?? null;
    if (packet.op === GatewayOpcodes.Resume) return [...this.sessions.values()].find((s) => s.id === d.session_id)?.shard[0] ?? null;
    return null;
  }

  private identify(ws: WebSocket, d: unknown): Session | null {
    const { token, intents, shard: shardField } = (d ?? {}) as { token?: string; intents?: number; shard?: unknown };
    if (token !== this.options.token) return refuse(ws, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    if (typeof intents !== 'number') return refuse(ws, GatewayCloseCodes.DecodeError, 'Missing intents');
    if (intents & PRIVILEGED & ~this.options.privilegedIntentsAllowed) {
      return refuse(ws, GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s)');
    }
    const shard = parseShard(shardField);
    if (!shard) return refuse(ws, GatewayCloseCodes.InvalidShard, 'Invalid shard');
    const { state } = this.options;
    const guilds = [...state.guilds.values()].filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
    if (guilds.length > this.options.shards.maxGuildsPerSession) return refuse(ws, GatewayCloseCodes.ShardingRequired, 'Sharding required');
    // Real time, as the client's own throttler keeps it: a test's or the playground's clock may stand still.
    // Over the concurrency limit Discord answers with opcode 9 (Invalid Session): the client waits and identifies again.
    if (!this.buckets.take(shard[0], performance.now())) {
      this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false }, null);
      return null;
    }
    this.identifies.push({ shard, at: performance.now() });
    // A new shard count starts a new layout: sessions of the old one no longer receive anything.
    for (const [id, old] of this.sessions) if (old.shard[1] !== shard[1]) this.sessions.delete(id);
    const previous = this.sessions.get(shard[0]);
    if (previous?.socket && previous.socket !== ws) previous.socket.terminate();
    const session: Session = { id: this.options.newSessionId(), intents, shard, seq: 0, sent: [], socket: ws };
    this.sessions.set(shard[0], session);
    const ready = readyPayload(this.options, session, guilds);
    this.dispatchTo(session, GatewayDispatchEvents.Ready, ready);
    for (const guild of guilds) this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreate(guild, state, intents), GatewayIntentBits.Guilds);
    return session;
  }

  private resume(ws: WebSocket, d: unknown): Session | null {
    const { token, session_id: id, seq } = (d ?? {}) as { token?: string; session_id?: string; seq?: number };
    if (token !== this.options.token) return refuse(ws, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    const session = [...this.sessions.values()].find((s) => s.id === id);
    if (!session) {
      this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false }, null);
      return null;
    }
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    for (const payload of session.sent) if (payload.s > (seq ?? 0)) this.send(ws, payload, session);
    this.dispatchTo(session, GatewayDispatchEvents.Resumed, null);
    return session;
  }

  private send(ws: WebSocket, payload: { op: number; d?: unknown; t?: string; s?: number }, session: Session | null): void {
    this.log.record({ direction: 'out', shard: session?.shard[0] ?? null, op: payload.op, t: payload.t ?? null, s: payload.s ?? null, d: payload.d, at: this.options.now() });
    ws.send(JSON.stringify({ t: null, s: null, d: null, ...payload }));
  }

}
