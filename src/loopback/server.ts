import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HttpMethod, RouteDefinition, RouteRequest, RouteResponse } from './context.js';
import { checkRequestContract, specTemplate, type ContractViolation } from './contract.js';
import { DiscordErrors, DiscordHttpError, type DiscordErrorBody } from './errors.js';
import type { FaultInjector, FaultSpec } from './faults.js';
import { majorParameter, type RateLimiter } from './ratelimit.js';
import type { Router } from './router.js';
import type { UploadSummary } from './contract-attachments.js';
import { parseRequestBody, totalBytes, UPLOAD_LIMIT_BYTES, type UploadedFile } from './uploads.js';

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  /** Route key such as `POST /channels/:channel_id/messages`; null if the fake has no such route. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON (for multipart uploads, the `payload_json` part). */
  body: unknown;
  /** Files of a multipart upload, without their bytes (those live in `state.attachments` once stored). */
  files: UploadSummary[];
  headers: IncomingHttpHeaders;
  status: number;
  response: unknown;
  at: number;
  violations: ContractViolation[];
}

export interface PipelineOptions {
  token: string;
  router: Router;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  contract: 'off' | 'record' | 'enforce';
  now: () => number;
  record: (request: RecordedRequest) => void;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Uploaded files, by attachment id (the CDN side of Discord). */
  attachment?: (id: string) => { content: Buffer; contentType: string } | undefined;
}

const API_PREFIX = '/api/v10';

export async function startHttpServer(options: PipelineOptions): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { code: 0, message: `Loopback server bug: ${String(error)}` });
    });
  });
  server.on('upgrade', options.upgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function handle(options: PipelineOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  // discord.js sends `@original` as `%40original`; record and route the decoded form.
  const pathname = safeDecode(url.pathname);
  const path = pathname.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : pathname;
  const raw = await readBody(req);
  const recorded: RecordedRequest = {
    method, path, route: null, params: {}, query: Object.fromEntries(url.searchParams), body: undefined, files: [],
    headers: req.headers, status: 0, response: undefined, at: options.now(), violations: [],
  };
  const finish = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
    Object.assign(recorded, { status, response: body });
    options.record(recorded);
    send(res, status, body, headers);
  };
  const fail = (error: DiscordHttpError, headers?: Record<string, string>) => finish(error.status, error.body, headers);

  const file = /^\/attachments\/(\d+)\//.exec(url.pathname);
  if (file && method === 'GET') {
    const stored = options.attachment?.(file[1]!);
    if (!stored) return fail(notFound(`no attachment ${file[1]}`));
    res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.content.length });
    res.end(stored.content);
    return;
  }
  if (!url.pathname.startsWith(`${API_PREFIX}/`)) return fail(notFound(`${method} ${url.pathname} (the loopback server serves ${API_PREFIX} only)`));
  const match = options.router.match(method, path);
  if (match.kind === 'wrong-method') return fail(new DiscordHttpError(405, { code: 0, message: `405: Method Not Allowed (${method} ${path}; allowed: ${match.allowed.join(', ')})` }));
  if (match.kind === 'none') {
    const known = specTemplate(method, path);
    const hint = known ? `Discord has ${method} ${known}, but the loopback server does not implement it` : 'Discord has no such route either';
    return fail(notFound(`no route for ${method} ${path}; ${hint}`));
  }
  Object.assign(recorded, { route: match.key, params: match.params });
  if ((match.definition.auth ?? true) && req.headers.authorization !== `Bot ${options.token}`) {
    return fail(new DiscordHttpError(401, { code: 0, message: '401: Unauthorized' }));
  }
  let files: UploadedFile[];
  try {
    ({ body: recorded.body, files } = await parseRequestBody(raw, req.headers['content-type']));
  } catch {
    return fail(new DiscordHttpError(400, { code: 50109, message: 'The request body contains invalid JSON.' }));
  }
  recorded.files = files.map((f) => ({ index: f.index, filename: f.filename, size: f.data.length }));
  const routeRequest = { method: method as HttpMethod, path, params: match.params, query: url.searchParams, body: recorded.body, files, headers: req.headers };
  if (options.contract !== 'off') {
    const attachmentsBefore = beforeEdit(match.definition, routeRequest);
    recorded.violations = checkRequestContract({ method, path, body: recorded.body, files: recorded.files, attachmentsBefore });
  }
  // Discord refuses an oversize upload before looking at the rest of the request.
  if (totalBytes(files) > UPLOAD_LIMIT_BYTES) return fail(new DiscordHttpError(413, { code: 40005, message: 'Request entity too large' }));
  if (options.contract === 'enforce' && recorded.violations.length > 0) {
    return fail(new DiscordHttpError(400, { code: 50035, message: 'Invalid Form Body', errors: recorded.violations }));
  }
  const faultRequest = { method, path, route: match.key, body: recorded.body };
  const fault = options.faults.take(faultRequest);
  const after = fault?.when === 'after';
  if (fault?.delayMs && !after) await sleep(fault.delayMs);
  if (fault?.status && !after) return fail(...faultResponse(fault));

  const isCallback = match.key.endsWith('/callback');
  // The global bucket counts requests made with the bot token; interaction callbacks and webhooks are exempt.
  const global = isCallback || match.definition.auth === false ? null : options.rateLimiter.takeGlobal();
  if (global && !global.allowed) return fail(rateLimited(global.retryAfterSeconds, true), global.headers);
  const bucket = isCallback ? null : options.rateLimiter.take(match.key, majorParameter(match.params));
  if (bucket && !bucket.allowed) {
    const retryAfter = bucket.retryAfterSeconds;
    return fail(rateLimited(retryAfter, false), { ...bucket.headers, 'retry-after': retryAfter.toFixed(3), 'x-ratelimit-scope': 'user' });
  }
  let result: RouteResponse;
  try {
    result = await match.definition.handle(routeRequest);
  } catch (error) {
    if (!(error instanceof DiscordHttpError)) throw error;
    return fail(error, bucket?.headers);
  }
  if (fault?.delayMs && after) await sleep(fault.delayMs);
  if (fault?.status && after) return fail(...faultResponse(fault));
  finish(result.status, result.body, bucket?.headers);
}

function faultResponse(fault: FaultSpec): [DiscordHttpError, Record<string, string>] {
  if (fault.status === 403) return [DiscordErrors.missingPermissions(), {}];
  if (fault.status !== 429) return [new DiscordHttpError(fault.status!, { code: 0, message: `${fault.status}: Loopback fault` }), {}];
  const retryAfter = fault.retryAfter ?? 0.1;
  const headers: Record<string, string> = fault.global
    ? { 'retry-after': String(retryAfter), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }
    : { 'retry-after': String(retryAfter), 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retryAfter), 'x-ratelimit-scope': 'user' };
  return [rateLimited(retryAfter, fault.global ?? false), headers];
}

function rateLimited(retryAfter: number, global: boolean): DiscordHttpError {
  return new DiscordHttpError(429, { message: 'You are being rate limited.', retry_after: retryAfter, global, code: 0 } as DiscordErrorBody);
}

const notFound = (what: string) => new DiscordHttpError(404, { code: 0, message: `404: Not Found (${what})` });

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The attachments of the message a request edits; a request the route will refuse anyway has none to report. */
function beforeEdit(definition: RouteDefinition, req: RouteRequest) {
  try {
    return definition.attachmentsBefore?.(req);
  } catch {
    return undefined;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
