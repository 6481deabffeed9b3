/// <reference path="./discord-api-spec-zod.d.ts" />
import * as spec from 'discord-api-spec/zod';
import * as z from 'zod/mini';
import type { ZodMiniType } from 'zod/mini';

/**
 * Request-body schema per operation, keyed `METHOD /path/{as_in_the_spec}`. The generated module
 * has no path-to-schema map at runtime, so this table is written from the OpenAPI document's
 * `requestBody` entries. `null` marks operations that take no body.
 */
export const REQUEST_BODIES: Record<string, ZodMiniType | null> = {
  'POST /channels/{channel_id}/messages': spec.MessageCreateRequestSchema,
  'PATCH /channels/{channel_id}/messages/{message_id}': spec.MessageEditRequestPartialSchema,
  'POST /channels/{channel_id}/messages/{message_id}/threads': spec.CreateTextThreadWithMessageRequestSchema,
  'PUT /applications/{application_id}/commands': z.nullable(z.array(spec.ApplicationCommandUpdateRequestSchema).check(z.maxLength(130))),
  'PUT /applications/{application_id}/guilds/{guild_id}/commands': z.nullable(z.array(spec.ApplicationCommandUpdateRequestSchema).check(z.maxLength(130))),
  'POST /applications/{application_id}/commands': spec.ApplicationCommandCreateRequestSchema,
  'POST /applications/{application_id}/guilds/{guild_id}/commands': spec.ApplicationCommandCreateRequestSchema,
  'PATCH /applications/{application_id}/commands/{command_id}': spec.ApplicationCommandPatchRequestPartialSchema,
  'PATCH /applications/{application_id}/guilds/{guild_id}/commands/{command_id}': spec.ApplicationCommandPatchRequestPartialSchema,
  'POST /interactions/{interaction_id}/{interaction_token}/callback': z.union([
    spec.ApplicationCommandAutocompleteCallbackRequestSchema,
    spec.CreateMessageInteractionCallbackRequestSchema,
    spec.LaunchActivityInteractionCallbackRequestSchema,
    spec.ModalInteractionCallbackRequestSchema,
    spec.PongInteractionCallbackRequestSchema,
    spec.UpdateMessageInteractionCallbackRequestSchema,
  ]),
  'POST /webhooks/{webhook_id}/{webhook_token}': z.union([spec.IncomingWebhookRequestPartialSchema, spec.IncomingWebhookUpdateRequestPartialSchema]),
  'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original': spec.IncomingWebhookUpdateRequestPartialSchema,
  'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}': spec.IncomingWebhookUpdateRequestPartialSchema,
  'PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}': null,
  'DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}': null,
  'DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original': null,
  'DELETE /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}': null,
  'DELETE /channels/{channel_id}/messages/{message_id}': null,
  'POST /guilds/{guild_id}/roles': spec.CreateRoleRequestSchema,
  'PATCH /guilds/{guild_id}/roles': z.array(spec.UpdateRolePositionsRequestSchema),
  'PATCH /guilds/{guild_id}/roles/{role_id}': spec.UpdateRoleRequestPartialSchema,
  'DELETE /guilds/{guild_id}/roles/{role_id}': null,
  'POST /guilds/{guild_id}/channels': spec.CreateGuildChannelRequestSchema,
  'DELETE /channels/{channel_id}': null,
  'PUT /channels/{channel_id}/messages/pins/{message_id}': null,
  'DELETE /channels/{channel_id}/messages/pins/{message_id}': null,
};

/** Where a message body sits inside each request, for the limits the spec does not encode. */
export const MESSAGE_BODY_AT: Record<string, (body: Record<string, unknown>) => unknown> = {
  'POST /channels/{channel_id}/messages': (b) => b,
  'PATCH /channels/{channel_id}/messages/{message_id}': (b) => b,
  'POST /webhooks/{webhook_id}/{webhook_token}': (b) => b,
  'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original': (b) => b,
  'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}': (b) => b,
  'POST /interactions/{interaction_id}/{interaction_token}/callback': (b) => (b.type === 4 || b.type === 7 ? b.data : undefined),
};

export const COMMAND_BODIES = new Set([
  'PUT /applications/{application_id}/commands',
  'PUT /applications/{application_id}/guilds/{guild_id}/commands',
  'POST /applications/{application_id}/commands',
  'POST /applications/{application_id}/guilds/{guild_id}/commands',
]);
