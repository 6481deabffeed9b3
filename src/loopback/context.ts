import type { IncomingHttpHeaders } from 'node:http';
import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import type { LoopbackGateway } from './gateway.js';
import type { InteractionRegistry } from './interactions.js';
import type { SnowflakeFactory } from './snowflake.js';
import type { LoopbackState } from './state.js';
import type { UploadedFile } from './uploads.js';

/** What route handlers share. Passed explicitly; there is no global. */
export interface Services {
  state: LoopbackState;
  ids: SnowflakeFactory;
  now: () => number;
  applicationId: string;
  /** `ws://127.0.0.1:PORT/gateway`, what GET /gateway/bot hands out. */
  gatewayUrl: () => string;
  /** Where the CDN side serves an uploaded file. */
  attachmentUrl: (id: string, filename: string) => string;
  gateway: LoopbackGateway;
  interactions: InteractionRegistry;
  limits: { ackWindowMs: number; tokenLifetimeMs: number; nonceWindowMs: number };
  /**
   * A message was made, edited or deleted: tells the bot over the gateway (needs GUILD_MESSAGES, as on Discord), and
   * whoever watches the server. An ephemeral message reaches only the watcher: the bot never hears of it.
   */
  announce(kind: 'create' | 'update' | 'delete', message: APIMessage): void;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  method: HttpMethod;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The file parts of a multipart/form-data request (none for JSON). */
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
}

export interface RouteDefinition {
  method: HttpMethod;
  /** Discord's path with `:name` parameters named as in the OpenAPI document, e.g. `/channels/:channel_id`. */
  pattern: string;
  /** Interaction callbacks and webhook routes take no bot token, as on Discord. */
  auth?: boolean;
  handle(req: RouteRequest): RouteResponse | Promise<RouteResponse>;
  /**
   * For a route that edits a message: the attachments it has now, so the contract check can tell an `attachments`
   * entry that keeps one from a stray id. Undefined when the request creates a message (or finds none).
   */
  attachmentsBefore?(req: RouteRequest): readonly APIAttachment[] | undefined;
}

export const json = (body: unknown, status = 200): RouteResponse => ({ status, body });
export const noContent = (): RouteResponse => ({ status: 204 });
