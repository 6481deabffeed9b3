import type { ZodMiniType } from 'zod/mini';
import { commandLimitErrors } from './command-limits.js';
import { COMMAND_BODIES, MESSAGE_BODY_AT, REQUEST_BODIES } from './contract-schemas.js';
import { describeIssues, type Issue } from './contract-issues.js';
import { messageLimitErrors } from './message-limits.js';
import { modalLimitErrors } from './modals.js';
import { unknownFields } from './contract-strict.js';
import { attachmentIssues, type UploadSummary } from './contract-attachments.js';

// The package root's "types" entry is a 450 kB .ts file that would be compiled as part of this
// project (and fails under verbatimModuleSyntax), so the runtime path list is loaded untyped.
const specRoot: string = 'discord-api-spec';
const { pathsList } = (await import(specRoot)) as { pathsList: Record<string, readonly string[]> };

export interface ContractViolation {
  /** `METHOD /path/{param}` as written in Discord's OpenAPI document, or the raw path if it has none. */
  operation: string;
  /** Where in the body, e.g. `components[0].components[0].custom_id`; empty for the whole request. */
  at: string;
  message: string;
  /**
   * schema: the body breaks the published schema. limit: breaks a documented limit the schema leaves
   * out. unknown-field: a field the schema does not define (Discord ignores it, so it is likely a typo).
   * unknown-route: no such operation in the spec. unexpected-body: a body sent to an operation that takes none.
   * attachment: an `attachments` entry or `attachment://` reference that matches no file of the message.
   */
  kind: 'schema' | 'limit' | 'unknown-field' | 'unknown-route' | 'unexpected-body' | 'attachment';
}

export interface ContractRequest {
  method: string;
  /** With or without the `/api/v10` prefix; a query string is ignored. */
  path: string;
  /** For multipart/form-data, the parsed `payload_json` part. */
  body?: unknown;
  /** The files uploaded with a multipart request. */
  files?: readonly UploadSummary[];
  /** When the request edits a message, the attachments it has now (an `attachments` entry may keep one by id). */
  attachmentsBefore?: readonly { id: string; filename: string }[] | undefined;
}

/** Checks one request against Discord's published contract (discord-api-spec) plus documented limits. */
export function checkRequestContract(request: ContractRequest): ContractViolation[] {
  const method = request.method.toUpperCase();
  const template = specTemplate(method, request.path);
  if (!template) {
    return [{ operation: `${method} ${request.path}`, at: '', message: 'Discord has no such operation', kind: 'unknown-route' }];
  }
  const operation = `${method} ${template}`;
  const files = request.files ?? [];
  // A multipart upload may carry no JSON at all (a message that is only a file).
  const body = request.body ?? (files.length > 0 ? {} : undefined);
  const violation = (kind: ContractViolation['kind'], at: string, message: string): ContractViolation => ({ operation, at, message, kind });
  const schema = REQUEST_BODIES[operation];
  if (schema === null) {
    return body === undefined || body === null || body === '' ? [] : [violation('unexpected-body', '', 'This operation takes no body')];
  }
  if (schema === undefined || body === undefined) return [];
  const violations: ContractViolation[] = [];
  const tolerated = tolerateKnownDeviations(operation, body);
  const result = schema.safeParse(tolerated);
  if (!result.success) {
    for (const d of describeIssues(result.error.issues as unknown as Issue[])) violations.push(violation('schema', d.at, d.message));
  } else {
    for (const at of unknownFields(schema as ZodMiniType, tolerated, discordJsDefaults)) violations.push(violation('unknown-field', at, 'Not a field in the published schema'));
  }
  const messageBody = typeof body === 'object' && body !== null ? MESSAGE_BODY_AT[operation]?.(body as Record<string, unknown>) : undefined;
  const limitErrors = [
    ...(messageBody === undefined ? [] : messageLimitErrors(messageBody)),
    ...(operation.endsWith('/callback') && isModalCallback(body) ? modalLimitErrors(body.data) : []),
    ...(COMMAND_BODIES.has(operation) ? [body].flat().flatMap((command, i) => commandLimitErrors(command, Array.isArray(body) ? String(i) : '')) : []),
  ];
  const alreadyReported = new Set(violations.map((v) => v.at));
  for (const e of limitErrors) {
    const at = toBracketPath(e.path);
    if (!alreadyReported.has(at)) violations.push(violation('limit', at, `${e.message} (${e.code})`));
  }
  if (messageBody !== undefined || files.length > 0) {
    const prefix = operation.endsWith('/callback') ? 'data.' : '';
    for (const i of attachmentIssues(messageBody ?? {}, files, request.attachmentsBefore, prefix)) {
      if (!alreadyReported.has(i.at)) violations.push(violation(i.kind, i.at, i.message));
    }
  }
  return violations;
}

const isModalCallback = (body: unknown): body is { type: 9; data: unknown } => typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 9;

/**
 * discord.js 14 puts `tts: false` and `enforce_nonce: false` into every message body, including
 * interaction callbacks and edits whose schemas lack them. Discord ignores them, and so does the check;
 * a `true` there (or a `nonce`, which Discord ignores on those routes) is still reported.
 */
const discordJsDefaults = (key: string, value: unknown) => (key === 'tts' || key === 'enforce_nonce') && value === false;

/**
 * The spec types `default_member_permissions` as an integer, but Discord documents (and discord.js
 * sends) the permission bitfield as a string, and Discord accepts it. Convert before validating.
 */
function tolerateKnownDeviations(operation: string, body: unknown): unknown {
  // Role permissions: Discord's documentation and discord.js send a string of digits, the spec says integer.
  if (operation === 'POST /guilds/{guild_id}/roles' || operation === 'PATCH /guilds/{guild_id}/roles/{role_id}') {
    const b = body as Record<string, unknown>;
    return typeof b?.permissions === 'string' && /^\d+$/.test(b.permissions) ? { ...b, permissions: Number(b.permissions) } : body;
  }
  if (!COMMAND_BODIES.has(operation) && !operation.includes('/commands/')) return body;
  const fix = (command: unknown) => {
    if (typeof command !== 'object' || command === null) return command;
    const c = command as Record<string, unknown>;
    const permissions = c.default_member_permissions;
    return typeof permissions === 'string' && /^\d+$/.test(permissions) ? { ...c, default_member_permissions: Number(permissions) } : c;
  };
  return Array.isArray(body) ? body.map(fix) : fix(body);
}

/** Finds the spec's path template for a concrete path, preferring literal segments over parameters. */
export function specTemplate(method: string, rawPath: string): string | undefined {
  const path = rawPath.split('?')[0]!.replace(/%40/gi, '@').replace(/^\/api(\/v\d+)?/, '');
  const parts = path.split('/').filter(Boolean);
  const templates = pathsList[method.toLowerCase()] ?? [];
  let best: { template: string; literals: number } | undefined;
  for (const template of templates) {
    const segments = template.split('/').filter(Boolean);
    if (segments.length !== parts.length) continue;
    let literals = 0;
    const fits = segments.every((segment, i) => {
      if (segment.startsWith('{')) return true;
      literals += 1;
      return segment === parts[i];
    });
    if (fits && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

function toBracketPath(dotted: string): string {
  return dotted === '_' ? '' : dotted.replace(/\.(\d+)/g, '[$1]').replace(/^(\d+)/, '[$1]');
}
