import { InteractionType, MessageFlags, MessageType, type APIMessage, type APIMessageInteractionMetadata } from 'discord-api-types/v10';
import type { Services } from './context.js';
import type { InteractionRecord } from './interactions.js';
import { attachOnCreate } from './message-attachments.js';
import { buildMessage, type MessageBody } from './messages.js';
import type { UploadedFile } from './uploads.js';

/**
 * A message produced through an interaction token (reply, deferred placeholder, follow-up). Ephemeral
 * ones never reach the channel: only the token's owner can see or fetch them.
 */
export function createInteractionMessage(services: Services, record: InteractionRecord, body: MessageBody, files: readonly UploadedFile[] = []): APIMessage {
  const { payload } = record;
  const user = payload.member?.user ?? payload.user!;
  const metadata = {
    id: record.id,
    type: payload.type,
    user,
    authorizing_integration_owners: payload.authorizing_integration_owners,
    ...(payload.type === InteractionType.MessageComponent ? { interacted_message_id: payload.message.id } : {}),
  } as APIMessageInteractionMetadata;
  const message = buildMessage(
    {
      id: services.ids.next(),
      at: services.now(),
      channelId: payload.channel!.id,
      guildId: payload.guild_id,
      author: services.state.botUser,
      type: payload.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
      webhookId: services.applicationId,
      applicationId: services.applicationId,
      interactionMetadata: metadata,
      users: services.state.users,
    },
    body,
  );
  // The older `interaction` field, which Discord still sends beside interaction_metadata: it names the command.
  if (payload.type === InteractionType.ApplicationCommand) {
    type Option = { type: number; name: string; options?: Option[] };
    const options = ('options' in payload.data ? payload.data.options : undefined) as Option[] | undefined;
    const sub = options?.find((o) => o.type === 1 || o.type === 2);
    const name = [payload.data.name, sub?.name, sub?.options?.find((o) => o.type === 1)?.name].filter(Boolean).join(' ');
    message.interaction = { id: record.id, type: payload.type, name, user };
  }
  attachOnCreate(services, message, body, files);
  if (!isEphemeral(message)) services.state.messagesIn(message.channel_id).push(message);
  services.announce('create', message);
  return message;
}

export function isEphemeral(message: APIMessage): boolean {
  return Boolean((message.flags ?? 0) & MessageFlags.Ephemeral);
}

/** The stored copy of a message a user clicked on (a test may hold a stale one). */
export function storedMessage(services: Services, message: APIMessage): APIMessage {
  const inChannel = services.state.messages.get(message.channel_id)?.find((m) => m.id === message.id);
  return inChannel ?? services.interactions.findMessage(message.id) ?? message;
}

export function removeMessage(services: Services, message: APIMessage): void {
  const list = services.state.messages.get(message.channel_id);
  const index = list?.indexOf(message) ?? -1;
  if (list && index >= 0) {
    list.splice(index, 1);
    services.announce('delete', message);
  }
}
