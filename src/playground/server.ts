import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { PlaygroundWorld } from './world-state.js';

const WEB = fileURLToPath(new URL('./web/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };
const MAX_UPLOAD = 8 * 1024 * 1024;

const option = z.union([z.string(), z.number(), z.boolean()]);
const commandBody = z.object({
  personaId: z.string(),
  channelId: z.string(),
  name: z.string().max(32),
  subcommandGroup: z.string().max(32).optional(),
  subcommand: z.string().max(32).optional(),
  options: z.record(z.string(), option).default({}),
});
const autocompleteBody = commandBody.extend({ focused: z.string() });
const formBody = z.object({ personaId: z.string(), interactionId: z.string(), values: z.record(z.string(), z.string().max(4000)) });
const clickBody = z.object({ personaId: z.string(), channelId: z.string(), messageId: z.string(), customId: z.string().max(100) });
const timeBody = z.union([
  z.object({ action: z.literal('next-post') }),
  z.object({ action: z.literal('advance'), ms: z.number().int().positive().max(31 * 24 * 3_600_000) }),
]);

/** A mistake of the page's user (a disabled button, an option the command lacks): 400 with the reason. */
export class PlaygroundInputError extends Error {}

/** The page and its API: static files, JSON calls that act as a persona, and a live feed of what happens. */
export function createPlaygroundServer(world: PlaygroundWorld): Server {
  const feeds = new Set<ServerResponse>();
  world.onEvent((event, data) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const feed of feeds) feed.write(frame);
  });

  const api: Record<string, (req: IncomingMessage, body: Buffer, url: URL) => Promise<unknown> | unknown> = {
    'GET /api/state': () => world.snapshot(),
    'POST /api/command': (_req, body) => world.command(commandBody.parse(json(body))),
    'POST /api/autocomplete': (_req, body) => world.autocomplete(autocompleteBody.parse(json(body))),
    'POST /api/click': (_req, body) => world.click(clickBody.parse(json(body))),
    'POST /api/modal': (_req, body) => world.submitForm(formBody.parse(json(body))),
    'POST /api/upload': (_req, body, url) => world.upload(url.searchParams.get('filename') || 'upload.yaml', body),
    'POST /api/time': (_req, body) => world.time(timeBody.parse(json(body))),
  };

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/api/events') return openFeed(res, feeds);
    const handler = api[`${req.method} ${url.pathname}`];
    if (handler) return void answer(req, res, url, handler);
    if (req.method === 'GET') return void serveFile(res, url.pathname === '/' ? 'index.html' : url.pathname.replace(/^\/web\//, ''));
    send(res, 404, { ok: false, error: 'no such page' });
  });
}

function openFeed(res: ServerResponse, feeds: Set<ServerResponse>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  feeds.add(res);
  res.on('close', () => feeds.delete(res));
}

async function answer(req: IncomingMessage, res: ServerResponse, url: URL, handler: (req: IncomingMessage, body: Buffer, url: URL) => Promise<unknown> | unknown) {
  try {
    const body = await readBody(req);
    send(res, 200, await handler(req, body, url));
  } catch (error) {
    if (error instanceof z.ZodError) return send(res, 400, { ok: false, error: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
    if (error instanceof PlaygroundInputError) return send(res, 400, { ok: false, error: error.message });
    send(res, 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD) {
        reject(new PlaygroundInputError(`That file is larger than ${MAX_UPLOAD / 1024 / 1024} MiB.`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new PlaygroundInputError('The request body is not JSON.');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function serveFile(res: ServerResponse, name: string): Promise<void> {
  const path = normalize(join(WEB, name));
  if (!path.startsWith(WEB)) return send(res, 404, { ok: false, error: 'no such file' });
  try {
    const content = await readFile(path);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(content);
  } catch {
    send(res, 404, { ok: false, error: 'no such file' });
  }
}
