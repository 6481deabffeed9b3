/** Error bodies as Discord sends them, so discord.js raises DiscordAPIError with the real code. */
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: unknown;
}

export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.code} ${body.message}`);
  }
}

const make = (status: number, code: number, message: string) => () => new DiscordHttpError(status, { code, message });

export const DiscordErrors = {
  unauthorized: make(401, 0, '401: Unauthorized'),
  unknownChannel: make(404, 10003, 'Unknown Channel'),
  unknownGuild: make(404, 10004, 'Unknown Guild'),
  unknownMember: make(404, 10007, 'Unknown Member'),
  unknownMessage: make(404, 10008, 'Unknown Message'),
  unknownRole: make(404, 10011, 'Unknown Role'),
  unknownUser: make(404, 10013, 'Unknown User'),
  unknownWebhook: make(404, 10015, 'Unknown Webhook'),
  unknownApplication: make(404, 10002, 'Unknown Application'),
  unknownInteraction: make(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: make(400, 40060, 'Interaction has already been acknowledged'),
  missingAccess: make(403, 50001, 'Missing Access'),
  cannotEditOthers: make(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: make(400, 50006, 'Cannot send an empty message'),
  missingPermissions: make(403, 50013, 'Missing Permissions'),
  invalidWebhookToken: make(401, 50027, 'Invalid Webhook Token'),
};

export interface FieldError {
  /** Dotted path as Discord reports it, e.g. `components.0.components.0.custom_id`. */
  path: string;
  code: string;
  message: string;
}

/** 50035 "Invalid Form Body" with Discord's nested `_errors` layout. */
export function invalidFormBody(fields: FieldError[]): DiscordHttpError {
  const errors: Record<string, unknown> = {};
  for (const field of fields) {
    let node = errors;
    for (const key of field.path.split('.')) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as Array<{ code: string; message: string }>;
    list.push({ code: field.code, message: field.message });
  }
  return new DiscordHttpError(400, { code: 50035, message: 'Invalid Form Body', errors });
}
