import {
  InteractionResponseType as R,
  InteractionType,
  MessageFlags,
  type APIInteractionResponse,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import { json, noContent, type RouteDefinition, type Services } from '../context.js';
import { DiscordErrors, invalidFormBody } from '../errors.js';
import { createInteractionMessage, isEphemeral, storedMessage } from '../interaction-messages.js';
import type { InteractionRecord } from '../interactions.js';
import { attachOnEdit } from '../message-attachments.js';
import { modalLimitErrors } from '../modals.js';
import { applyMessageEdit, asMessageBody, checkMessageBody } from '../messages.js';
import type { UploadedFile } from '../uploads.js';

const ALLOWED: Record<number, readonly R[]> = {
  [InteractionType.ApplicationCommand]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal],
  [InteractionType.MessageComponent]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage, R.Modal],
  [InteractionType.ApplicationCommandAutocomplete]: [R.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage],
};

export function interactionCallbackRoutes(services: Services): RouteDefinition[] {
  return [
    {
      method: 'POST',
      pattern: '/interactions/:interaction_id/:interaction_token/callback',
      auth: false,
      // An update (type 7) edits the clicked message; a reply (type 4) creates one.
      attachmentsBefore: (req) => {
        const record = services.interactions.byToken(req.params.interaction_token!);
        const clicked = record && 'message' in record.payload ? record.payload.message : undefined;
        return (req.body as { type?: unknown } | undefined)?.type === R.UpdateMessage && clicked ? storedMessage(services, clicked).attachments : undefined;
      },
      handle: (req) => {
        const record = services.interactions.byToken(req.params.interaction_token!);
        if (!record || record.id !== req.params.interaction_id) throw DiscordErrors.unknownInteraction();
        if (record.callback) throw DiscordErrors.alreadyAcknowledged();
        if (services.now() - record.createdAt > services.limits.ackWindowMs) throw DiscordErrors.unknownInteraction();
        const response = (req.body ?? {}) as APIInteractionResponse;
        if (!ALLOWED[record.payload.type]?.includes(response.type) || !updatesAMessage(record, response)) {
          throw invalidFormBody([{ path: 'type', code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Response type ${String(response.type)} is not valid for this interaction` }]);
        }
        respond(services, record, response, req.files);
        services.interactions.acknowledge(record, response);
        if (req.query.get('with_response') !== 'true') return noContent();
        const original = record.original;
        const result: RESTPostAPIInteractionCallbackWithResponseResult = {
          interaction: {
            id: record.id,
            type: record.payload.type,
            ...(original ? { response_message_id: original.id, response_message_loading: response.type === R.DeferredChannelMessageWithSource, response_message_ephemeral: isEphemeral(original) } : {}),
          },
          resource: { type: response.type, ...(original && response.type !== R.DeferredMessageUpdate ? { message: original } : {}) },
        };
        return json(result);
      },
    },
  ];
}

/** A modal submit can update (6, 7) only the message of the component that opened the modal. */
function updatesAMessage(record: InteractionRecord, response: APIInteractionResponse): boolean {
  if (record.payload.type !== InteractionType.ModalSubmit) return true;
  if (response.type !== R.DeferredMessageUpdate && response.type !== R.UpdateMessage) return true;
  return record.payload.message !== undefined;
}

function respond(services: Services, record: InteractionRecord, response: APIInteractionResponse, files: readonly UploadedFile[]): void {
  const data = 'data' in response ? response.data : undefined;
  switch (response.type) {
    case R.ChannelMessageWithSource:
      checkMessageBody(data, { creating: true, files: files.length });
      record.original = createInteractionMessage(services, record, asMessageBody(data), files);
      return;
    case R.DeferredChannelMessageWithSource: {
      const ephemeral = (asMessageBody(data).flags ?? 0) & MessageFlags.Ephemeral;
      record.original = createInteractionMessage(services, record, { flags: ephemeral | MessageFlags.Loading });
      return;
    }
    case R.DeferredMessageUpdate:
    case R.UpdateMessage: {
      if (record.payload.type !== InteractionType.MessageComponent && record.payload.type !== InteractionType.ModalSubmit) return;
      const message = record.payload.message ? storedMessage(services, record.payload.message) : null;
      record.original = message;
      if (response.type === R.UpdateMessage && message) {
        checkMessageBody(data, { creating: false });
        applyMessageEdit(message, asMessageBody(data), services.now());
        attachOnEdit(services, message, data, files);
        services.announce('update', message);
      }
      return;
    }
    case R.Modal: {
      const errors = modalLimitErrors(data, 'data');
      if (errors.length > 0) throw invalidFormBody(errors);
      record.modal = structuredClone(data as APIModalInteractionResponseCallbackData);
      return;
    }
    case R.ApplicationCommandAutocompleteResult: {
      const choices = (data as { choices?: unknown[] } | undefined)?.choices ?? [];
      if (choices.length > 25) throw invalidFormBody([{ path: 'data.choices', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }]);
      return;
    }
    default:
      return;
  }
}
