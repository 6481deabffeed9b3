import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';
import { handleMemberRequest } from './gateway-members.js';
import { guildCreate } from './shapes.js';
import type { LoopbackState } from './state.js';

export interface GatewayFrame {
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
  at: number;
}

interface Session {
  id: string;
  intents: number;
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
}

const PRIVILEGED = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** One-shard gateway speaking JSON without compression, which is what discord.js asks for without zlib-sync. */
export class LoopbackGateway {
  readonly frames: GatewayFrame[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private session: Session | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: GatewayOptions) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, new URL(req.url ?? '/', 'ws://x').searchParams));
  }

  /** Intents of the identified session, or null before IDENTIFY. */
  get intents(): number | null {
    return this.session?.intents ?? null;
  }

  get connected(): boolean {
    return this.session?.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends (or, while disconnected, buffers for RESUME) a dispatch; skipped if the session lacks `intent`. */
  dispatch(t: GatewayDispatchEvents, d: unknown, intent?: number): boolean {
    const session = this.session;
    if (!session || (intent !== undefined && !(session.intents & intent))) return false;
    const payload = { op: 0 as const, t, s: ++session.seq, d };
    session.sent.push(payload);
    if (session.socket?.readyState === WebSocket.OPEN) this.send(session.socket, payload);
    return true;
  }

  /** Abrupt loss (no close frame) unless a close code is given; the session stays resumable. */
  drop(code?: number): void {
    const socket = this.session?.socket;
    if (!socket) return;
    if (code === undefined) socket.terminate();
    else socket.close(code, 'loopback drop');
  }

  /** Opcode 9 with d=false: the client must IDENTIFY again. */
  invalidateSession(): void {
    const socket = this.session?.socket;
    this.session = null;
    if (socket) this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
  }

  /** Resolves at the next frame (or one already seen) matching `predicate`. */
  waitForFrame(predicate: (frame: GatewayFrame) => boolean, timeoutMs = 2000): Promise<GatewayFrame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const frame = this.frames.find(predicate);
        if (!frame) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(frame);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`No gateway frame matched within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.listeners.add(check);
    });
  }

  /** Forgets recorded frames and the dispatches kept for RESUME (see LoopbackDiscord.forgetHistory). */
  forgetHistory(): void {
    this.frames.length = 0;
    if (this.session) this.session.sent.length = 0;
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
      this.record({ direction: 'in', op: packet.op, d: packet.d, at: this.options.now() });
      if (packet.op === GatewayOpcodes.Heartbeat) return this.send(ws, { op: GatewayOpcodes.HeartbeatAck });
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
    this.send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private identify(ws: WebSocket, d: unknown): Session | null {
    const { token, intents } = (d ?? {}) as { token?: string; intents?: number };
    if (token !== this.options.token) return refuse(ws, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    if (typeof intents !== 'number') return refuse(ws, GatewayCloseCodes.DecodeError, 'Missing intents');
    if (intents & PRIVILEGED & ~this.options.privilegedIntentsAllowed) {
      return refuse(ws, GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s)');
    }
    const { state } = this.options;
    const session: Session = { id: this.options.newSessionId(), intents, seq: 0, sent: [], socket: ws };
    this.session = session;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: state.botUser,
      guilds: [...state.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.resumeUrl(),
      shard: [0, 1],
      application: { id: this.options.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.dispatch(GatewayDispatchEvents.Ready, ready);
    for (const guild of state.guilds.values()) {
      this.dispatch(GatewayDispatchEvents.GuildCreate, guildCreate(guild, state, intents), GatewayIntentBits.Guilds);
    }
    return session;
  }

  private resume(ws: WebSocket, d: unknown): Session | null {
    const { token, session_id: id, seq } = (d ?? {}) as { token?: string; session_id?: string; seq?: number };
    if (token !== this.options.token) return refuse(ws, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    const session = this.session;
    if (!session || session.id !== id) {
      this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    for (const payload of session.sent) if (payload.s > (seq ?? 0)) this.send(ws, payload);
    this.dispatch(GatewayDispatchEvents.Resumed, null);
    return session;
  }

  private send(ws: WebSocket, payload: { op: number; d?: unknown; t?: string; s?: number }): void {
    this.record({ direction: 'out', op: payload.op, t: payload.t ?? null, s: payload.s ?? null, d: payload.d, at: this.options.now() });
    ws.send(JSON.stringify({ t: null, s: null, d: null, ...payload }));
  }

  private record(frame: GatewayFrame): void {
    this.frames.push(frame);
    for (const listener of [...this.listeners]) listener();
  }
}

function refuse(ws: WebSocket, code: number, reason: string): null {
  ws.close(code, reason);
  return null;
}
