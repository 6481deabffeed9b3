import { json, noContent, type RouteDefinition, type RouteRequest, type Services } from '../context.js';
import { DiscordErrors } from '../errors.js';
import { createInteractionMessage, isEphemeral, removeMessage } from '../interaction-messages.js';
import type { InteractionRecord } from '../interactions.js';
import { attachOnEdit } from '../message-attachments.js';
import { applyMessageEdit, asMessageBody, checkMessageBody } from '../messages.js';

/** Interaction webhooks: follow-ups and edits of @original, authorised by the token alone. */
export function webhookRoutes(services: Services): RouteDefinition[] {
  const { interactions } = services;

  const tokenRecord = (req: RouteRequest): InteractionRecord => {
    const record = interactions.byToken(req.params.webhook_token!);
    if (req.params.webhook_id !== services.applicationId || !record) throw DiscordErrors.unknownWebhook();
    if (services.now() - record.createdAt > services.limits.tokenLifetimeMs) throw DiscordErrors.invalidWebhookToken();
    return record;
  };
  const target = (req: RouteRequest) => {
    const record = tokenRecord(req);
    const id = req.params.message_id;
    const message = id === undefined ? record.original : [record.original, ...record.followUps].find((m) => m?.id === id);
    if (!message) throw DiscordErrors.unknownMessage();
    return { record, message };
  };

  const messageRoutes = (pattern: string): RouteDefinition[] => [
    { method: 'GET', pattern, auth: false, handle: (req) => json(target(req).message) },
    {
      method: 'PATCH',
      pattern,
      auth: false,
      attachmentsBefore: (req) => target(req).message.attachments,
      handle: (req) => {
        const { record, message } = target(req);
        checkMessageBody(req.body, { creating: false });
        applyMessageEdit(message, asMessageBody(req.body), services.now());
        attachOnEdit(services, message, req.body, req.files);
        if (message === record.original) record.edits.push(structuredClone(message));
        services.announce('update', message);
        interactions.changed();
        return json(message);
      },
    },
    {
      method: 'DELETE',
      pattern,
      auth: false,
      handle: (req) => {
        const { record, message } = target(req);
        removeMessage(services, message);
        if (message === record.original) record.original = null;
        else record.followUps.splice(record.followUps.indexOf(message), 1);
        interactions.changed();
        return noContent();
      },
    },
  ];

  return [
    {
      method: 'POST',
      pattern: '/webhooks/:webhook_id/:webhook_token',
      auth: false,
      handle: (req) => {
        const record = tokenRecord(req);
        // Discord creates the interaction's webhook when the interaction is acknowledged.
        if (!record.callback) throw DiscordErrors.unknownWebhook();
        checkMessageBody(req.body, { creating: true, files: req.files.length });
        const message = createInteractionMessage(services, record, asMessageBody(req.body), req.files);
        record.followUps.push(message);
        interactions.changed();
        return req.query.get('wait') === 'true' ? json(message) : noContent();
      },
    },
    ...messageRoutes('/webhooks/:webhook_id/:webhook_token/messages/@original'),
    ...messageRoutes('/webhooks/:webhook_id/:webhook_token/messages/:message_id'),
  ];
}
