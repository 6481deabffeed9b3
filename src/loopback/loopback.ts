import type { APIChatInputApplicationCommandGuildInteraction } from 'discord-api-types/v10';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { GatewayDispatchEvents, GatewayIntentBits, type APIMessage, type APIUser } from 'discord-api-types/v10';
import type { Services } from './context.js';
import type { ContractViolation } from './contract.js';
import { LoopbackGateway } from './gateway.js';
import { FaultInjector } from './faults.js';
import {
  autocompletePayload,
  componentPayload,
  modalSubmitPayload,
  slashCommandPayload,
  type AutocompleteInput,
  type ComponentInput,
  type SlashCommandInput,
} from './interaction-payloads.js';
import { isEphemeral } from './interaction-messages.js';
import { InteractionRegistry, type InteractionHandle } from './interactions.js';
import { RateLimiter, type RateLimitPolicy } from './ratelimit.js';
import { Router } from './router.js';
import { applicationRoutes } from './routes/application.js';
import { channelRoutes } from './routes/channels.js';
import { guildAdminRoutes } from './routes/guild-admin.js';
import { guildRoutes } from './routes/guilds.js';
import { interactionCallbackRoutes } from './routes/interaction-callback.js';
import { threadRoutes } from './routes/threads.js';
import { webhookRoutes } from './routes/webhooks.js';
import { startHttpServer, type RecordedRequest } from './server.js';
import { waitFor } from './waiting.js';
import { resolveShardPolicy, type ShardPolicy } from './shards.js';
import { SnowflakeFactory } from './snowflake.js';
import type { GuildSpec } from './specs.js';
import { LoopbackState, type AddedGuild } from './state.js';

export interface LoopbackOptions {
  applicationId?: string;
  botUser?: Partial<APIUser>;
  /** Interval announced in HELLO. Discord uses 41,250 ms. */
  heartbeatIntervalMs?: number;
  /** Time to the first callback before 10062 "Unknown interaction". Default 3,000 ms. */
  ackWindowMs?: number;
  /** Lifetime of an interaction token for edits and follow-ups. Default 15 minutes. */
  tokenLifetimeMs?: number;
  /** How long `enforce_nonce` remembers a nonce ("a few minutes" in Discord's docs). Default 2 minutes. */
  nonceWindowMs?: number;
  /**
   * Per-route bucket. Default 50 requests per second, generous enough to never slow a test down; `routes` sets
   * other buckets for some routes and `global` adds Discord's bot-wide bucket (see ratelimit.ts).
   */
  rateLimit?: RateLimitPolicy;
  /** `record` (default) collects contract violations; `enforce` also answers them with 400 50035. */
  contract?: 'off' | 'record' | 'enforce';
  /** Privileged intents the application may use; others close the gateway with 4014. Default: all. */
  privilegedIntents?: number;
  /** Clock for timestamps and the 3 s / 15 min rules. */
  now?: () => number;
  /** Every message made, edited or deleted, ephemeral ones included (the playground shows them). */
  onMessage?: (kind: 'create' | 'update' | 'delete', message: APIMessage) => void;
  /** Every REST request once answered, with its status and contract violations. */
  onRequest?: (request: RecordedRequest) => void;
  /** Shards GET /gateway/bot recommends, 4011 past 2,500 servers a session, and identify concurrency (shards.ts). */
  shards?: ShardPolicy;
}

export interface LoopbackDiscord {
  readonly restUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly state: LoopbackState;
  readonly gateway: LoopbackGateway;
  readonly faults: FaultInjector;
  readonly requests: readonly RecordedRequest[];
  readonly contractViolations: ReadonlyArray<ContractViolation & { request: string }>;
  addGuild(spec: GuildSpec): AddedGuild;
  /** Stores a file as if a member had uploaded it; pass the returned id as an attachment option. */
  upload(filename: string, content: string | Buffer): string;
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /**
   * `tamper` edits the payload after it is built from the registered command, to send what a faulty or hostile
   * client might (a wrong type, an oversize value, an unknown command) and see the bot cope.
   */
  slashCommand(input: SlashCommandInput & { guildId?: string; tamper?: (payload: APIChatInputApplicationCommandGuildInteraction) => void }): InteractionHandle;
  autocomplete(input: AutocompleteInput & { guildId?: string }): InteractionHandle;
  clickButton(input: Omit<ComponentInput, 'channelId' | 'values'> & { guildId?: string }): InteractionHandle;
  selectMenu(input: Omit<ComponentInput, 'channelId'> & { values: string[]; guildId?: string }): InteractionHandle;
  /**
   * The member fills in and submits the modal the bot showed in answer to `handle`: `values` by text input custom id
   * (a field left out keeps the value the bot pre-filled). Throws, as the Discord client would refuse to submit, when
   * a value breaks the modal's own rules (required, min and max length, no line breaks in a short input).
   */
  submitModal(input: { handle: InteractionHandle; userId: string; values: Readonly<Record<string, string>>; locale?: ComponentInput['locale'] }): InteractionHandle;
  /** Drops the socket of one shard, or of every shard; each resumes on its own (after `holdMs` without HELLO). */
  dropGateway(options?: { code?: number; shard?: number; holdMs?: number }): void;
  /**
   * Drops what the server has recorded so far (requests, gateway frames and the RESUME replay buffer, and the
   * interactions already answered or timed out), so a long benchmark does not keep every click in memory. Those
   * interactions' tokens stop working (no follow-ups or edits).
   */
  forgetHistory(): void;
  close(): Promise<void>;
}

export async function startLoopbackDiscord(options: LoopbackOptions = {}): Promise<LoopbackDiscord> {
  const now = options.now ?? Date.now;
  const ids = new SnowflakeFactory(now);
  const applicationId = options.applicationId ?? ids.next();
  const botUser: APIUser = { id: applicationId, username: 'cohort', global_name: null, discriminator: '0', avatar: null, bot: true, ...options.botUser };
  const token = `${Buffer.from(botUser.id).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
  const state = new LoopbackState(ids, botUser, now);
  const interactions = new InteractionRegistry(options.ackWindowMs ?? 3000);
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const gateway = new LoopbackGateway({
    token, applicationId, state, now,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntentsAllowed: options.privilegedIntents ?? (GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent),
    newSessionId: () => randomBytes(16).toString('hex'),
    resumeUrl: () => `ws://127.0.0.1:${port}/gateway-resume`,
    shards: resolveShardPolicy(options.shards),
  });
  const attachmentUrl = (id: string, filename: string) => `http://127.0.0.1:${port}/attachments/${id}/${encodeURIComponent(filename)}`;
  const services: Services = {
    state, ids, now, applicationId, gateway, interactions, gatewayUrl, attachmentUrl,
    limits: { ackWindowMs: options.ackWindowMs ?? 3000, tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000, nonceWindowMs: options.nonceWindowMs ?? 120_000 },
    announce: (kind, message) => {
      options.onMessage?.(kind, message);
      if (!isEphemeral(message)) announce(gateway, state, kind, message);
    },
  };
  const router = new Router([
    ...applicationRoutes(services), ...channelRoutes(services), ...guildRoutes(services), ...guildAdminRoutes(services),
    ...interactionCallbackRoutes(services), ...webhookRoutes(services), ...threadRoutes(services),
  ]);
  const requests: RecordedRequest[] = [];
  const waiters = new Set<(request: RecordedRequest) => void>();
  const faults = new FaultInjector();
  const started = await startHttpServer({
    token, router, faults, now,
    rateLimiter: new RateLimiter(options.rateLimit ?? { limit: 50, windowMs: 1000 }, now),
    contract: options.contract ?? 'record',
    record: (request) => {
      options.onRequest?.(request);
      requests.push(request);
      for (const waiter of [...waiters]) waiter(request);
    },
    upgrade: (req, socket, head) => gateway.handleUpgrade(req, socket, head),
    attachment: (id) => {
      const stored = state.attachments.get(id);
      return stored && { content: stored.content, contentType: stored.attachment.content_type ?? 'application/octet-stream' };
    },
  });
  port = started.port;

  const dispatchInteraction = (build: (ctx: { state: LoopbackState; applicationId: string; id: string; token: string }) => Parameters<InteractionRegistry['register']>[0]) => {
    const payload = build({ state, applicationId, id: ids.next(), token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}` });
    const handle = interactions.register(payload, now());
    if (!gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload)) {
      throw new Error(`No bot session on shard ${gateway.shardOf(payload.guild_id)} of the loopback gateway: log the client in first`);
    }
    return handle;
  };
  const checkGuild = (guildId: string | undefined, channelId: string) => {
    if (guildId && state.channel(channelId).guild_id !== guildId) throw new Error(`Channel ${channelId} is not in guild ${guildId}`);
  };

  return {
    restUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    token, applicationId, botUser, state, gateway, faults, requests,
    get contractViolations() {
      return requests.flatMap((r) => r.violations.map((v) => ({ ...v, request: `${r.method} ${r.path}` })));
    },
    upload(filename, content) {
      const id = ids.next();
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
      const url = attachmentUrl(id, filename);
      state.attachments.set(id, { attachment: { id, filename, size: bytes.length, url, proxy_url: url, content_type: 'application/x-yaml' }, content: bytes });
      return id;
    },
    addGuild(spec) {
      const added = state.addGuild(spec);
      gateway.guildAdded(added.id);
      return added;
    },
    waitForRequest: (predicate, timeoutMs = 2000) => waitFor(requests, waiters, predicate, timeoutMs),
    slashCommand(input) {
      checkGuild(input.guildId, input.channelId);
      return dispatchInteraction((ctx) => {
        const payload = slashCommandPayload(ctx, input);
        input.tamper?.(payload);
        return payload;
      });
    },
    autocomplete(input) {
      checkGuild(input.guildId, input.channelId);
      return dispatchInteraction((ctx) => autocompletePayload(ctx, input));
    },
    clickButton(input) {
      return dispatchInteraction((ctx) => componentPayload(ctx, { ...input, channelId: input.message.channel_id, message: current(services, input.message) }));
    },
    selectMenu(input) {
      return dispatchInteraction((ctx) => componentPayload(ctx, { ...input, channelId: input.message.channel_id, message: current(services, input.message) }));
    },
    submitModal(input) {
      const record = interactions.byToken(input.handle.token);
      const modal = record?.modal;
      if (!record || !modal) throw new Error(`Interaction ${input.handle.id} was not answered with a modal: there is nothing to submit`);
      const opener = record.payload.member?.user.id ?? record.payload.user?.id;
      if (opener !== input.userId) throw new Error(`Only the member who opened modal "${modal.custom_id}" can submit it`);
      const message = 'message' in record.payload && record.payload.message ? current(services, record.payload.message) : undefined;
      return dispatchInteraction((ctx) => modalSubmitPayload(ctx, { channelId: record.payload.channel!.id, userId: input.userId, locale: input.locale, modal, values: input.values, message }));
    },
    dropGateway: (dropOptions) => gateway.drop(dropOptions?.code, dropOptions?.shard, dropOptions?.holdMs),
    forgetHistory() {
      requests.length = 0;
      gateway.forgetHistory();
      interactions.forgetSettled(now());
    },
    close: () => close(started.server, gateway, interactions),
  };
}

/** Users click the message as it is now, not the copy the test kept. */
function current(services: Services, message: APIMessage): APIMessage {
  const stored = services.state.messages.get(message.channel_id)?.find((m) => m.id === message.id) ?? services.interactions.findMessage(message.id);
  return structuredClone(stored ?? message);
}

function announce(gateway: LoopbackGateway, state: LoopbackState, kind: 'create' | 'update' | 'delete', message: APIMessage): void {
  const guildId = state.channels.get(message.channel_id)?.guild_id;
  const intent = GatewayIntentBits.GuildMessages;
  if (kind === 'delete') {
    gateway.dispatch(GatewayDispatchEvents.MessageDelete, { id: message.id, channel_id: message.channel_id, guild_id: guildId }, intent);
    return;
  }
  const event = kind === 'create' ? GatewayDispatchEvents.MessageCreate : GatewayDispatchEvents.MessageUpdate;
  gateway.dispatch(event, { ...message, guild_id: guildId }, intent);
}

async function close(server: Server, gateway: LoopbackGateway, interactions: InteractionRegistry): Promise<void> {
  gateway.close();
  interactions.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
