import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  APIModalInteractionResponseCallbackData,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Choice } from '../content/search.js';
import type { Services } from '../services.js';
import type { ComponentAction, ModalAction } from './custom-id.js';
import type { MessageFile } from './files.js';

/** What a handler hands back; the router sends it, so every interaction is answered exactly once. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Shown only to the member who asked. */
  ephemeral?: boolean;
  /**
   * Pictures sent with the answer (at most 10, 10 MiB together); an embed shows one with
   * `image: { url: 'attachment://<name>' }`. An answer that edits a message replaces its files with these.
   */
  files?: MessageFile[];
}

/** A form for the member to fill in (at most 5 text inputs); its submit comes back to a ModalHandler by custom id. */
export interface ModalReply {
  modal: APIModalInteractionResponseCallbackData;
}

export interface GuildInteraction {
  guildId: string;
  userId: string;
}

export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Refused (with a reason) to members without Manage Server, whatever the server's overrides say. */
  moderatorOnly?: boolean;
  /** Deferred before running, for work that can take longer than Discord's 3 seconds (downloads, many REST calls). */
  defer?: { ephemeral: boolean };
  /** Its answer is for the whole channel (most are private to the member who asked). */
  publicReply?: boolean;
  /**
   * It answers with a form (a ModalReply). Discord shows a form only as the first answer, so the router never
   * acknowledges such a command first; its execute must be quick.
   */
  opensModal?: boolean;
  execute(interaction: ChatInputCommandInteraction, services: Services, who: GuildInteraction): Promise<Reply | ModalReply> | Reply | ModalReply;
  autocomplete?(interaction: AutocompleteInteraction, services: Services, who: GuildInteraction): Choice[];
}

/** A button's answer: replace the message it sits on, or reply with a new (usually private) message. */
export type ComponentReply = ({ mode: 'update' } & Reply) | ({ mode: 'reply' } & Reply);

/** A button may also open a form, as its first answer. */
export type ButtonReply = ComponentReply | ({ mode: 'modal' } & ModalReply);

export type ComponentHandler = (
  action: ComponentAction,
  interaction: ButtonInteraction,
  services: Services,
  who: GuildInteraction,
) => Promise<ButtonReply> | ButtonReply;

/** A submitted form, by what its custom id says it is. `update` is possible only for a form opened from a button. */
export type ModalHandler<A = ModalAction> = (
  action: A,
  interaction: ModalSubmitInteraction,
  services: Services,
  who: GuildInteraction,
) => Promise<ComponentReply> | ComponentReply;
