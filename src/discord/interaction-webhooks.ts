import { REST, Routes, type APIMessage, type RESTPatchAPIWebhookWithTokenMessageJSONBody, type RESTPostAPIWebhookWithTokenJSONBody } from 'discord.js';
import type { Dispatcher } from 'undici';
import { restUpload, type MessageFile } from './files.js';

/**
 * Editing an interaction's response and sending follow-ups go through the interaction's webhook, which Discord does
 * not count against the bot's global rate limit. discord.js's REST client counts every request but the first
 * callback against its 50-a-second global budget, so a burst of acknowledged clicks had their answers trickle out
 * at 50 a second, with the scheduler's posts waiting behind them. These requests go through a REST client of their
 * own, with no global budget (each interaction token still has its own bucket, read from Discord's headers).
 */
export interface InteractionWebhooks {
  /** Replaces the response, files included: the message keeps none of its old files, only `files` (checked by the caller). */
  editOriginal(target: WebhookTarget, body: RESTPatchAPIWebhookWithTokenMessageJSONBody, files?: readonly MessageFile[]): Promise<APIMessage>;
  followUp(target: WebhookTarget, body: RESTPostAPIWebhookWithTokenJSONBody & { flags?: number }, files?: readonly MessageFile[]): Promise<APIMessage>;
  deleteOriginal(target: WebhookTarget): Promise<void>;
}

export interface WebhookTarget {
  applicationId: string;
  token: string;
}

export function createInteractionWebhooks(settings: { apiUrl?: string | undefined; dispatcher: Dispatcher; timeoutMs?: number | undefined }): InteractionWebhooks {
  const rest = new REST({
    ...(settings.apiUrl ? { api: settings.apiUrl } : {}),
    ...(settings.timeoutMs ? { timeout: settings.timeoutMs } : {}),
    agent: settings.dispatcher,
    globalRequestsPerSecond: Number.MAX_SAFE_INTEGER,
  });
  return {
    editOriginal: async ({ applicationId, token }, body, files = []) => {
      // `attachments` lists the files the edited message keeps: only the new ones, even when there are none.
      const upload = restUpload(files);
      const route = Routes.webhookMessage(applicationId, token, '@original');
      return (await rest.patch(route, { body: { ...body, attachments: upload.attachments }, files: upload.files, auth: false })) as APIMessage;
    },
    followUp: async ({ applicationId, token }, body, files = []) => {
      const upload = restUpload(files);
      const withFiles = files.length > 0 ? { ...body, attachments: upload.attachments } : body;
      const query = new URLSearchParams({ wait: 'true' });
      return (await rest.post(Routes.webhook(applicationId, token), { body: withFiles, files: upload.files, auth: false, query })) as APIMessage;
    },
    deleteOriginal: async ({ applicationId, token }) => {
      await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
    },
  };
}
